// The results of one wave for the survey's staff and partners: who answered per estate, a chart per question with its
// breakdown by estate, and how many open answers wait for a theme. ?wave= picks the wave (else the latest begun).
import { can } from '$core/access';
import { getSurvey, surveyResults, wordingFor } from '$core/surveys/service';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.core;
	const wanted = url.searchParams.get('wave')?.trim() || undefined;
	try {
		const view = await getSurvey(db, locals.actor, params.id);
		const survey = { id: view.id, slug: view.slug, title: wordingFor(view.title, locals.locale) };
		if (view.waves.length === 0) return { survey, waves: [], results: null, badWave: false, mayTag: false };
		// An unknown wave in the address is a link gone stale: show the latest and say so, rather than an error page.
		const known = wanted && view.waves.some((w) => w.id === wanted) ? wanted : undefined;
		const results = await surveyResults(db, locals.actor, params.id, { waveId: known, locale: locals.locale });
		return {
			survey,
			waves: view.waves.map((w) => ({ id: w.id, number: w.number })),
			results,
			badWave: !!wanted && !known,
			mayTag: can(locals.actor, 'update', 'survey', { organisationId: view.organisationId, partnerOrganisationIds: view.partnerOrganisationIds })
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};
