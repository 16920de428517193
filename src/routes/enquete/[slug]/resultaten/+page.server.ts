// "Wat je ons vertelde": a published wave's results for residents, without JavaScript. publicSurveyResults leaves out
// every group of fewer than 5 answer sets; the page says so in words. ?ronde= picks another published wave.
import { error } from '@sveltejs/kit';
import { NotFound } from '$core/errors';
import { translate } from '$core/i18n';
import { publicSurveyResults } from '$core/surveys';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const raw = url.searchParams.get('ronde')?.trim();
	const waveNumber = raw && /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
	try {
		return { results: await publicSurveyResults(locals.core.db, locals.actor, params.slug, { waveNumber, locale: locals.locale }) };
	} catch (err) {
		// A survey with nothing published yet (or a wave number that is not published) is not an error for a resident.
		if (err instanceof NotFound && err.params.what === 'survey-wave')
			error(404, { message: translate(locals.locale, 'survey_results.public_no_results'), code: 'not_found' });
		pageError(err, locals.locale);
	}
};
