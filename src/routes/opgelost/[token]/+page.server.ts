// "Is it solved?" — the resident's one question, from the links in the resolution mail (?antwoord=ja|nee). Opening
// the link changes nothing: mail scanners and link previews fetch links too. The page shows the question with the
// answer from the link chosen, and only the POST of the form answers. In the reporter's own language.
import { redirect } from '@sveltejs/kit';
import { isLocale } from '$core/i18n';
import { answerFeedback, answerFromLink, feedbackView } from '$core/signals';
import { formAction, pageLoad, unlessRefused } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url, cookies, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	// An unknown link gets a page that says so, not an error page.
	const view = await unlessRefused(
		() => feedbackView(locals.core.db, params.token),
		['token_invalid'],
		(problem) => problem
	);
	if (typeof view === 'string')
		return {
			problem: view,
			reference: '',
			answer: null,
			comment: null,
			expired: false,
			expiresAt: '',
			preselected: null,
			language: locals.locale,
			thanks: false
		};
	// The reporter's language, unless this browser chose one itself.
	const chosen = cookies.get('lang');
	const language = isLocale(chosen) ? chosen : isLocale(view.language) ? view.language : locals.locale;
	return {
		problem: null,
		reference: view.reference,
		answer: view.answer,
		comment: view.comment,
		expired: view.expired,
		expiresAt: view.expiresAt,
		preselected: answerFromLink(url.searchParams.get('antwoord')),
		language,
		thanks: url.searchParams.has('bedankt')
	};
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		await answerFeedback(
			locals.core.db,
			params.token,
			{ answer: answerFromLink(String(values.answer ?? '')) ?? (values.answer as never), comment: values.comment as string | undefined },
			{ baseUrl: locals.core.config.origin }
		);
		redirect(303, `/opgelost/${params.token}?bedankt`);
	})
};
