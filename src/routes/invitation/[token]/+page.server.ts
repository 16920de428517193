import { redirect } from '@sveltejs/kit';
import { acceptInvitation, describeInvitation } from '$core/auth/invitations';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import { formFailure } from '$lib/server/problem';
import { linkProblem, passwordProblems } from '../../password/choose';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The page holds a secret link: no cache keeps it.
	setHeaders({ 'cache-control': 'no-store' });
	return { invitation: await describeInvitation(locals.core.db, params.token) };
};

export const actions: Actions = {
	default: async ({ request, locals, params, cookies, url }) => {
		const form = await readForm(request);
		const name = String(form.get('name') ?? '');
		const mismatch = passwordProblems(form, locals.locale, { name });
		if (mismatch) return mismatch;
		try {
			const session = await acceptInvitation(locals.core.db, locals.actor, { token: params.token, name, password: String(form.get('password') ?? '') }, locals.core.config.sessionDays);
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
		} catch (err) {
			return linkProblem(err) ?? formFailure(err, locals.locale, { name });
		}
		redirect(303, '/staff');
	}
};
