import { redirect } from '@sveltejs/kit';
import { describePasswordReset, resetPassword } from '$core/auth';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { formAction, pageLoad } from '$lib/server/handlers';
import { linkRefusal } from '$lib/server/throttled';
import { passwordProblems } from '../../choose';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async (event) => {
	// The page holds a secret link: no cache keeps it.
	event.setHeaders({ 'cache-control': 'no-store' });
	// Links that do not work, tried from one client address, are limited (guessing a link is slow).
	return { reset: await describePasswordReset(event.locals.core.db, event.params.token, { clientAddress: event.getClientAddress() }) };
});

export const actions: Actions = {
	default: formAction(
		async (event, _fields, form) => {
			const { locals, params, cookies, url } = event;
			const mismatch = passwordProblems(form, locals.locale);
			if (mismatch) return mismatch;
			const session = await resetPassword(
				locals.core.db,
				locals.actor,
				{ token: params.token, password: String(form.get('password') ?? '') },
				locals.core.config.sessionDays,
				{ clientAddress: event.getClientAddress() }
			);
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
			redirect(303, '/staff');
		},
		// Refused: the error page (429), so the page's load does not look at the link again.
		{ values: () => undefined, refusal: linkRefusal, throttled: 'page' }
	)
};
