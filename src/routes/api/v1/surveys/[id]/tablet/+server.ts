// The survey as a worker's tablet keeps it for a day door to door: loaded once while online (staff session).
import { surveyForTablet } from '$core/surveys';
import { apiEndpoint } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(async ({ locals, params }) => ({ survey: await surveyForTablet(locals.core.db, locals.actor, params.id) }));
