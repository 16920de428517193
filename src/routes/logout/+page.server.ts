// Signing out: only a POST of our own sign-out form. hooks.server.ts refuses one from another site or without an
// Origin (a beacon, a link preview), SvelteKit one that is no form, and a body that is no readable form is a 400.
import { redirect } from '@sveltejs/kit';
import { signOut } from '$core/auth';
import { SESSION_COOKIE } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies, locals, request }) => {
		await readForm(request);
		const token = cookies.get(SESSION_COOKIE);
		if (token) await signOut(locals.core.db, token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login?signed-out');
	}
};
