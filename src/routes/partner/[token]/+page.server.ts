// The page behind a partner link: what a contractor or school needs of one signal (never who reported it), the
// messages of this link, and a form to answer. The secret link is the key, so nothing here is cached.
import { redirect } from '@sveltejs/kit';
import { DomainError } from '$core/errors';
import { answerPartnerLink, openPartnerLink } from '$core/signals';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

const LINK_PROBLEMS = ['token_invalid', 'token_expired', 'link_revoked'];

export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	try {
		const view = await openPartnerLink(locals.core.db, params.token);
		return { token: params.token, view, problem: null, thanks: url.searchParams.has('bedankt') };
	} catch (err) {
		// An unknown, expired or revoked link gets a page that says so and what to do, not an error page.
		if (err instanceof DomainError && LINK_PROBLEMS.includes(err.code)) return { token: params.token, view: null, problem: err.code, thanks: false };
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	answer: async ({ request, locals, params }) => {
		const values = await formObject(request);
		try {
			await answerPartnerLink(locals.core.db, params.token, values as never, { baseUrl: locals.core.config.origin });
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, `/partner/${params.token}?bedankt`);
	}
};
