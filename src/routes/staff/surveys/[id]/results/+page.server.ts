// The results of one wave for the survey's staff and partners: who answered per estate, a chart per question with its
// breakdown by estate, and how many open answers wait for a theme. ?wave= picks the wave (else the latest begun).
import { resultsContext, surveyResults, wordingFor } from '$core/surveys';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db } = locals.core;
	const wanted = url.searchParams.get('wave')?.trim() || undefined;
	const context = await resultsContext(db, locals.actor, params.id);
	const survey = { id: context.id, slug: context.slug, title: wordingFor(context.title, locals.locale) };
	if (context.waves.length === 0) return { survey, waves: [], results: null, badWave: false, mayTag: false };
	// An unknown wave in the address is a link gone stale: show the latest and say so, rather than an error page.
	const known = wanted && context.waves.some((w) => w.id === wanted) ? wanted : undefined;
	const results = await surveyResults(db, locals.actor, params.id, { waveId: known, locale: locals.locale });
	return { survey, waves: context.waves.map((w) => ({ id: w.id, number: w.number })), results, badWave: !!wanted && !known, mayTag: context.mayTag };
});
