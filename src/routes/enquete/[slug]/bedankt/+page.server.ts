// After "send": thanks, what happens next, and the public results of the last published wave when there are some.
import { latestPublishedWave } from '$core/surveys';
import { surveyForResident, wordingFor } from '$core/surveys';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const survey = await surveyForResident(locals.core.db, locals.actor, params.slug);
	return {
		slug: survey.slug,
		title: wordingFor(survey.title, locals.locale),
		publishedWave: await latestPublishedWave(locals.core.db, locals.actor, survey.id)
	};
});
