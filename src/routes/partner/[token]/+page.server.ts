// The page behind a partner link: what a contractor or school needs of one signal (never who reported it), the
// messages of this link, and a form to answer. The secret link is the key, so nothing here is cached.
import { redirect } from '@sveltejs/kit';
import { answerPartnerLink, openPartnerLink } from '$core/signals';
import { formAction, pageLoad, unlessRefused } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

const LINK_PROBLEMS = ['token_invalid', 'token_expired', 'link_revoked'];

export const load: PageServerLoad = pageLoad(async ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	// An unknown, expired or revoked link gets a page that says so and what to do, not an error page.
	return unlessRefused(
		async () => ({ token: params.token, view: await openPartnerLink(locals.core.db, params.token), problem: null, thanks: url.searchParams.has('bedankt') }),
		LINK_PROBLEMS,
		(problem) => ({ token: params.token, view: null, problem, thanks: false })
	);
});

export const actions: Actions = {
	answer: formAction(async ({ locals, params }, values) => {
		await answerPartnerLink(locals.core.db, params.token, values as never, { baseUrl: locals.core.config.origin });
		redirect(303, `/partner/${params.token}?bedankt`);
	})
};
