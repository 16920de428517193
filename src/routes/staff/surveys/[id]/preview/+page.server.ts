// The survey as a resident sees it, in a 360 x 740 phone frame, per language and with easy read: the resident's own
// pages in preview mode (/enquete/<slug>?preview=<version>&taal=<language>&eenvoudig=1, see src/routes/enquete/[slug],
// which stores nothing), and every question on one read-only page (preview/frame).
import { getSurvey } from '$core/surveys';
import { builderLanguages } from '$core/surveys';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const survey = await getSurvey(locals.core.db, locals.actor, params.id);
	// Dutch, French, English and any other language the questions are written in; a missing text shows in Dutch.
	const languages = builderLanguages(survey.version.structure, Object.keys(survey.title));
	const lang = url.searchParams.get('taal') ?? 'nl';
	return {
		survey: { id: survey.id, slug: survey.slug, title: survey.title, version: survey.version.number },
		languages,
		lang: languages.includes(lang) ? lang : 'nl',
		easy: url.searchParams.get('eenvoudig') === '1'
	};
});
