import { redirect } from '@sveltejs/kit';
import { signIn } from '$core/auth/service';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import { formFailure } from '$lib/server/problem';
import { sameOriginPath } from '$lib/server/redirects';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor.kind === 'staff') redirect(303, sameOriginPath(url.searchParams.get('next'), url.origin, '/staff'));
	return { expired: !!locals.sessionExpired || url.searchParams.has('expired'), signedOut: url.searchParams.has('signed-out') };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await readForm(request);
		const email = String(form.get('email') ?? '');
		try {
			const session = await signIn(locals.core.db, { email, password: String(form.get('password') ?? '') }, locals.core.config.sessionDays);
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
		} catch (err) {
			return formFailure(err, locals.locale, { email });
		}
		redirect(303, sameOriginPath(url.searchParams.get('next'), url.origin, '/staff'));
	}
};
