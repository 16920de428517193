// Collective issues: signals bundled per estate and theme, for talks with the housing company or the municipality.
// The open ones first; the closed ones apart, each with the start of what was agreed.
import { can } from '$core/access';
import { listCollectiveIssues } from '$core/signals';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals }) => {
	const [open, closed] = await Promise.all([
		listCollectiveIssues(locals.core.db, locals.actor, { status: 'open' }),
		listCollectiveIssues(locals.core.db, locals.actor, { status: 'closed' })
	]);
	return { open, closed, canCreate: can(locals.actor, 'create', 'collective-issue') };
});
