// The printable report of one wave for partner meetings: per estate the response rate, each question's chart and main
// figures, and the themes of the open answers. The same results as the results page, laid out for A4.
import { surveyResults } from '$core/surveys';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		const results = await surveyResults(locals.core.db, locals.actor, params.id, {
			waveId: url.searchParams.get('wave')?.trim() || undefined,
			locale: locals.locale
		});
		return { results, madeAt: new Date().toISOString() };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
