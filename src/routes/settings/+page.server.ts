// Language and text size: plain form posts, so they work without JavaScript; stored in a cookie, not an account.
import { redirect } from '@sveltejs/kit';
import { isLocale } from '$core/i18n';
import { preferenceCookieOptions } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import { sameOriginPath } from '$lib/server/redirects';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
	language: async ({ request, cookies, url }) => {
		const form = await readForm(request);
		const lang = form.get('lang');
		if (isLocale(lang)) cookies.set('lang', lang, preferenceCookieOptions(url));
		redirect(303, sameOriginPath(form.get('back'), url.origin, '/'));
	},
	textsize: async ({ request, cookies, url }) => {
		const form = await readForm(request);
		const size = form.get('size');
		if (size === 'normal' || size === 'large' || size === 'largest') cookies.set('textsize', size, preferenceCookieOptions(url));
		redirect(303, sameOriginPath(form.get('back'), url.origin, '/'));
	}
};
