import { redirect } from '@sveltejs/kit';
import { describePasswordReset, resetPassword } from '$core/auth/password-reset';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import { formFailure } from '$lib/server/problem';
import { linkProblem, passwordProblems } from '../../choose';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The page holds a secret link: no cache keeps it.
	setHeaders({ 'cache-control': 'no-store' });
	return { reset: await describePasswordReset(locals.core.db, params.token) };
};

export const actions: Actions = {
	default: async ({ request, locals, params, cookies, url }) => {
		const form = await readForm(request);
		const mismatch = passwordProblems(form, locals.locale);
		if (mismatch) return mismatch;
		try {
			const session = await resetPassword(locals.core.db, locals.actor, { token: params.token, password: String(form.get('password') ?? '') }, locals.core.config.sessionDays);
			cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(url, session.expiresAt));
		} catch (err) {
			return linkProblem(err) ?? formFailure(err, locals.locale);
		}
		redirect(303, '/staff');
	}
};
