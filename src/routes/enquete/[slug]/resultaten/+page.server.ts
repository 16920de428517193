// "Wat je ons vertelde": a published wave's results for residents, without JavaScript. publicSurveyResults leaves out
// every group of fewer than 5 answer sets; the page says so in words. ?ronde= picks another published wave.
import { error } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { publicSurveyResults } from '$core/surveys';
import { answerRefusal, pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const raw = url.searchParams.get('ronde')?.trim();
	const waveNumber = raw && /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
	const results = await answerRefusal(
		() => publicSurveyResults(locals.core.db, locals.actor, params.slug, { waveNumber, locale: locals.locale }),
		// A survey with nothing published yet (or a wave number that is not published) is not an error for a resident.
		(err) =>
			err.code === 'not_found' && err.params.what === 'survey-wave'
				? error(404, { message: translate(locals.locale, 'survey_results.public_no_results'), code: 'not_found' })
				: undefined
	);
	return { results };
});
