// The worker's tablet for answering door to door. The server gives the shell; the page loads the survey from the API,
// keeps it and the finished answer sets on the device, and sends them when the network is back (JavaScript needed).
import { surveyForTablet } from '$core/surveys';
import { wordingFor } from '$core/surveys';
import { messagesScript, pageMessages } from '$core/i18n/page-messages';
import { LAYOUT_MESSAGE_KEYS, LAYOUT_MESSAGE_NAMESPACES } from '$lib/server/layout-messages';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

// This page runs in the browser: it must work offline, which a server-rendered form cannot.
export const csr = true;

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const survey = await surveyForTablet(locals.core.db, locals.actor, params.id);
	// The translations this page uses in the browser, instead of every catalogue in its script: the menu's labels, the
	// page's own texts and refusals in the worker's language, and the answers' own words in every resident's language.
	// Written before </head> by the hooks (not in the page data, which the page would carry a second time).
	locals.pageMessages = messagesScript(
		pageMessages(locals.locale, {
			namespaces: [...LAYOUT_MESSAGE_NAMESPACES, 'errors', 'surveys', 'survey_tablet'],
			keys: LAYOUT_MESSAGE_KEYS,
			everyLanguageKeys: [1, 2, 3, 4, 5]
				.map((n) => `surveys.scale_${n}`)
				.concat([
					'surveys.answer_yes',
					'surveys.answer_no',
					'surveys.option_other',
					'surveys.option_other_namely',
					'survey_tablet.choose_at_most',
					'survey_tablet.number_between'
				])
		})
	);
	return { surveyId: survey.id, title: wordingFor(survey.title, locals.locale) };
});
