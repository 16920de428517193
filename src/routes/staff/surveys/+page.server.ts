// The surveys a worker's organisation runs or reads as a partner: title, status, waves, answer sets and the response
// rate of the wave open now.
import { can } from '$core/access';
import { listSurveysWithResponse } from '$core/surveys';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals }) => {
	return { surveys: await listSurveysWithResponse(locals.core.db, locals.actor), canCreate: can(locals.actor, 'create', 'survey') };
});
