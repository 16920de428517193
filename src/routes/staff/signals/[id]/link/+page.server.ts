// One-time links for partners without an account (a contractor, a school): create one (mailed if an address is
// given; the link itself is shown once, since only its hash is stored), see where each stands, revoke.
import { redirect } from '@sveltejs/kit';
import { createPartnerLink, getSignal, listPartnerLinks, PARTNER_LINK_DAYS, revokePartnerLink } from '$core/signals/service';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.core;
	try {
		const links = await listPartnerLinks(db, locals.actor, params.id);
		const view = await getSignal(db, locals.actor, params.id);
		const s = view.signal!;
		return {
			signal: { id: s.id, reference: s.reference, isHelpRequest: s.is_help_request },
			links,
			defaultDays: PARTNER_LINK_DAYS,
			revoked: url.searchParams.has('ingetrokken')
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const values = await formObject(request);
		try {
			const link = await createPartnerLink(locals.core.db, locals.actor, params.id, values as never, { baseUrl: locals.core.config.origin });
			// Shown once on the answer page: only the hash is stored.
			return { created: { url: link.url, expiresAt: link.expiresAt, mailed: !!values.email } };
		} catch (err) {
			return formFailure(err, locals.locale, { ...values, form: 'create' });
		}
	},
	revoke: async ({ request, locals, params }) => {
		const values = await formObject(request);
		try {
			await revokePartnerLink(locals.core.db, locals.actor, String(values.linkId ?? ''));
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, `/staff/signals/${params.id}/link?ingetrokken`);
	}
};
