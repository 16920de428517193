// One-time links for partners without an account (a contractor, a school): create one (mailed if an address is
// given; the link itself is shown once, since only its hash is stored), see where each stands, revoke.
import { redirect } from '@sveltejs/kit';
import { createPartnerLink, getSignal, listPartnerLinks, PARTNER_LINK_DAYS, revokePartnerLink } from '$core/signals';
import { NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
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
	revoke: async (event) => {
		const { request, locals, params } = event;
		const values = await formObject(request);
		try {
			if (!confirmed(values)) {
				const link = (await listPartnerLinks(locals.core.db, locals.actor, params.id)).find((l) => l.id === values.linkId);
				if (!link) throw new NotFound('partner-link', String(values.linkId ?? ''));
				return askFirst(event, values, { kind: 'revoke_partner_link', params: { label: link.label }, verb: 'revoke' });
			}
			await revokePartnerLink(locals.core.db, locals.actor, String(values.linkId ?? ''));
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, `/staff/signals/${params.id}/link?ingetrokken`);
	}
};
