// One-time links for partners without an account (a contractor, a school): create one (mailed if an address is
// given; the link itself is shown once, since only its hash is stored), see where each stands, revoke.
import { redirect } from '@sveltejs/kit';
import { createPartnerLink, getSignal, listPartnerLinks, PARTNER_LINK_DAYS, revokePartnerLink } from '$core/signals';
import { NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db } = locals.core;
	const links = await listPartnerLinks(db, locals.actor, params.id);
	const view = await getSignal(db, locals.actor, params.id);
	const s = view.signal!;
	return {
		signal: { id: s.id, reference: s.reference, isHelpRequest: s.is_help_request },
		links,
		defaultDays: PARTNER_LINK_DAYS,
		revoked: url.searchParams.has('ingetrokken')
	};
});

export const actions: Actions = {
	create: formAction(
		async ({ locals, params }, values) => {
			const link = await createPartnerLink(locals.core.db, locals.actor, params.id, values as never, { baseUrl: locals.core.config.origin });
			// Shown once on the answer page: only the hash is stored.
			return { created: { url: link.url, expiresAt: link.expiresAt, mailed: !!values.email } };
		},
		{ form: 'create' }
	),
	revoke: formAction(async (event, values) => {
		const { locals, params } = event;
		if (!confirmed(values)) {
			const link = (await listPartnerLinks(locals.core.db, locals.actor, params.id)).find((l) => l.id === values.linkId);
			if (!link) throw new NotFound('partner-link', String(values.linkId ?? ''));
			return askFirst(event, values, { kind: 'revoke_partner_link', params: { label: link.label }, verb: 'revoke' });
		}
		await revokePartnerLink(locals.core.db, locals.actor, String(values.linkId ?? ''));
		redirect(303, `/staff/signals/${params.id}/link?ingetrokken`);
	})
};
