// The surveys a worker's organisation runs or reads as a partner: title, status, waves, answer sets and the response
// rate of the wave open now.
import { can } from '$core/access';
import { listSurveysWithResponse } from '$core/surveys';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		return { surveys: await listSurveysWithResponse(locals.core.db, locals.actor), canCreate: can(locals.actor, 'create', 'survey') };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
