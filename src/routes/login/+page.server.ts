import { redirect } from '@sveltejs/kit';
import { signIn } from '$core/auth';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import { formFailure } from '$lib/server/problem';
import { sameOriginPath } from '$lib/server/redirects';
import { throttledFailure } from '$lib/server/throttled';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor.kind === 'staff') redirect(303, sameOriginPath(url.searchParams.get('next'), url.origin, '/staff'));
	return { expired: !!locals.sessionExpired || url.searchParams.has('expired'), signedOut: url.searchParams.has('signed-out') };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, cookies, url } = event;
		const form = await readForm(request);
		const email = String(form.get('email') ?? '');
		try {
			// Guessing is throttled per account and per client address (behind a proxy: ADDRESS_HEADER, XFF_DEPTH).
			const session = await signIn(locals.core.db, { email, password: String(form.get('password') ?? '') }, locals.core.config.sessionDays, {
				clientAddress: event.getClientAddress()
			});
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
		} catch (err) {
			return throttledFailure(event, err, { email }) ?? formFailure(err, locals.locale, { email });
		}
		redirect(303, sameOriginPath(url.searchParams.get('next'), url.origin, '/staff'));
	}
};
