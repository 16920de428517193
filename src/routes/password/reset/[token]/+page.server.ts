import { redirect } from '@sveltejs/kit';
import { describePasswordReset, resetPassword } from '$core/auth';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import { formFailure } from '$lib/server/problem';
import { isThrottled, throttledPage } from '$lib/server/throttled';
import { linkProblem, passwordProblems } from '../../choose';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// The page holds a secret link: no cache keeps it.
	event.setHeaders({ 'cache-control': 'no-store' });
	// Links that do not work, tried from one client address, are limited (guessing a link is slow).
	try {
		return { reset: await describePasswordReset(event.locals.core.db, event.params.token, { clientAddress: event.getClientAddress() }) };
	} catch (err) {
		throttledPage(event, err);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, params, cookies, url } = event;
		const form = await readForm(request);
		const mismatch = passwordProblems(form, locals.locale);
		if (mismatch) return mismatch;
		try {
			const session = await resetPassword(
				locals.core.db,
				locals.actor,
				{ token: params.token, password: String(form.get('password') ?? '') },
				locals.core.config.sessionDays,
				{ clientAddress: event.getClientAddress() }
			);
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
		} catch (err) {
			// Refused: the error page (429), so the page's load does not look at the link again.
			if (isThrottled(err)) throttledPage(event, err);
			return linkProblem(err) ?? formFailure(err, locals.locale);
		}
		redirect(303, '/staff');
	}
};
