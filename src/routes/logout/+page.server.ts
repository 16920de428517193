import { redirect } from '@sveltejs/kit';
import { signOut } from '$core/auth/service';
import { SESSION_COOKIE } from '$lib/server/cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies, locals }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await signOut(locals.core.db, token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login?signed-out');
	}
};
