import { staffOverview } from '$core/auth';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals }) => {
	return { overview: await staffOverview(locals.core.db, locals.actor), mailKind: locals.core.mail.kind };
});
