import { redirect } from '@sveltejs/kit';
import { acceptInvitation, describeInvitation } from '$core/auth';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import { formFailure } from '$lib/server/problem';
import { isThrottled, throttledPage } from '$lib/server/throttled';
import { linkProblem, passwordProblems } from '../../password/choose';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// The page holds a secret link: no cache keeps it.
	event.setHeaders({ 'cache-control': 'no-store' });
	// Links that do not work, tried from one client address, are limited (guessing a link is slow).
	try {
		return { invitation: await describeInvitation(event.locals.core.db, event.params.token, { clientAddress: event.getClientAddress() }) };
	} catch (err) {
		throttledPage(event, err);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, params, cookies, url } = event;
		const form = await readForm(request);
		const name = String(form.get('name') ?? '');
		const mismatch = passwordProblems(form, locals.locale, { name });
		if (mismatch) return mismatch;
		try {
			const session = await acceptInvitation(
				locals.core.db,
				locals.actor,
				{ token: params.token, name, password: String(form.get('password') ?? '') },
				locals.core.config.sessionDays,
				{ clientAddress: event.getClientAddress() }
			);
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
		} catch (err) {
			// Refused: the error page (429), so the page's load does not look at the link again.
			if (isThrottled(err)) throttledPage(event, err);
			return linkProblem(err) ?? formFailure(err, locals.locale, { name });
		}
		redirect(303, '/staff');
	}
};
