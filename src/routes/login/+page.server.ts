import { redirect } from '@sveltejs/kit';
import { signIn } from '$core/auth';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { formAction } from '$lib/server/handlers';
import { sameOriginPath } from '$lib/server/redirects';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor.kind === 'staff') redirect(303, sameOriginPath(url.searchParams.get('next'), url.origin, '/staff'));
	return { expired: !!locals.sessionExpired || url.searchParams.has('expired'), signedOut: url.searchParams.has('signed-out') };
};

export const actions: Actions = {
	default: formAction(
		async (event, form) => {
			const { locals, cookies, url } = event;
			// Guessing is throttled per account and per client address (behind a proxy: ADDRESS_HEADER, XFF_DEPTH).
			const session = await signIn(locals.core.db, { email: String(form.email ?? ''), password: String(form.password ?? '') }, locals.core.config.sessionDays, {
				clientAddress: event.getClientAddress()
			});
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
			redirect(303, sameOriginPath(url.searchParams.get('next'), url.origin, '/staff'));
		},
		{ values: (form) => ({ email: String(form.email ?? '') }) }
	)
};
