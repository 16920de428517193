// Everything under /staff needs a staff session; without one, the login page, then back here.
import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (locals.actor.kind !== 'staff') redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}${locals.sessionExpired ? '&expired' : ''}`);
	return {};
};
