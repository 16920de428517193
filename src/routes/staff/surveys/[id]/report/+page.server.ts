// The printable report of one wave for partner meetings: per estate the response rate, each question's chart and main
// figures, and the themes of the open answers. The same results as the results page, laid out for A4.
import { surveyResults } from '$core/surveys';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const results = await surveyResults(locals.core.db, locals.actor, params.id, {
		waveId: url.searchParams.get('wave')?.trim() || undefined,
		locale: locals.locale
	});
	return { results, madeAt: new Date().toISOString() };
});
