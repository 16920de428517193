// Collective issues: signals bundled per estate and theme, for talks with the housing company or the municipality.
// The open ones first; the closed ones apart, each with the start of what was agreed.
import { can } from '$core/access';
import { listCollectiveIssues } from '$core/signals';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		const [open, closed] = await Promise.all([
			listCollectiveIssues(locals.core.db, locals.actor, { status: 'open' }),
			listCollectiveIssues(locals.core.db, locals.actor, { status: 'closed' })
		]);
		return { open, closed, canCreate: can(locals.actor, 'create', 'collective-issue') };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
