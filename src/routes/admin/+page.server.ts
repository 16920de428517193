import { staffOverview } from '$core/auth';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		return { overview: await staffOverview(locals.core.db, locals.actor), mailKind: locals.core.mail.kind };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
