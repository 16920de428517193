import { redirect } from '@sveltejs/kit';
import { acceptInvitation, describeInvitation } from '$core/auth';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { formAction, pageLoad } from '$lib/server/handlers';
import { linkRefusal } from '$lib/server/throttled';
import { passwordProblems } from '../../password/choose';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async (event) => {
	// The page holds a secret link: no cache keeps it.
	event.setHeaders({ 'cache-control': 'no-store' });
	// Links that do not work, tried from one client address, are limited (guessing a link is slow).
	return { invitation: await describeInvitation(event.locals.core.db, event.params.token, { clientAddress: event.getClientAddress() }) };
});

export const actions: Actions = {
	default: formAction(
		async (event, _fields, form) => {
			const { locals, params, cookies, url } = event;
			const name = String(form.get('name') ?? '');
			const mismatch = passwordProblems(form, locals.locale, { name });
			if (mismatch) return mismatch;
			const session = await acceptInvitation(
				locals.core.db,
				locals.actor,
				{ token: params.token, name, password: String(form.get('password') ?? '') },
				locals.core.config.sessionDays,
				{ clientAddress: event.getClientAddress() }
			);
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
			redirect(303, '/staff');
		},
		// Refused: the error page (429), so the page's load does not look at the link again.
		{ values: (fields) => ({ name: String(fields.name ?? '') }), refusal: linkRefusal, throttled: 'page' }
	)
};
