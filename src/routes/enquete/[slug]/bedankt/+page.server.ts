// After "send": thanks, what happens next, and the public results of the last published wave when there are some.
import { latestPublishedWave } from '$core/surveys';
import { surveyForResident, wordingFor } from '$core/surveys';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const survey = await surveyForResident(locals.core.db, locals.actor, params.slug);
		return {
			slug: survey.slug,
			title: wordingFor(survey.title, locals.locale),
			publishedWave: await latestPublishedWave(locals.core.db, locals.actor, survey.id)
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};
