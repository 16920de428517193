// Collective issues: signals bundled per estate and theme, for talks with the housing company or the municipality.
import { can } from '$core/access';
import { listCollectiveIssues } from '$core/signals/service';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		return { issues: await listCollectiveIssues(locals.core.db, locals.actor), canCreate: can(locals.actor, 'create', 'collective-issue') };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
