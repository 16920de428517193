// One resident: facts, household, consents (give and withdraw), and for coordinators who looked at this person.
// Opening this page is an individual read: getResident writes it to the audit log.
import { redirect } from '@sveltejs/kit';
import { can, searchAudit } from '$core/access';
import { listOrganisations } from '$core/partners';
import { CONSENT_SCOPES, type ConsentInput } from '$core/people/model';
import { getResident, recordConsent, withdrawConsent } from '$core/people';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db } = locals.core;
	const view = await getResident(db, locals.actor, params.id);
	const canConsent = view.visibility.consents;
	// A consent is recorded for another organisation, never for one's own.
	const own = locals.actor.kind === 'staff' ? locals.actor.organisationId : null;
	const organisations = canConsent ? (await listOrganisations(db, locals.actor)).filter((o) => o.id !== own).map((o) => ({ id: o.id, name: o.name })) : [];
	// Coordinators see who looked at this person; the read just written is the first line.
	const audit = can(locals.actor, 'search', 'audit')
		? await searchAudit(db, locals.actor, { resourceType: 'resident', resourceId: params.id, limit: 10 })
		: null;
	return {
		view,
		organisations,
		scopes: CONSENT_SCOPES,
		canEdit: view.visibility.update,
		canConsent,
		audit: audit?.map((a) => ({ id: a.id, at: a.at, actor: a.actor_label, action: a.action, summary: a.summary })) ?? null,
		notice: url.searchParams.has('created')
			? 'people.created_resident'
			: url.searchParams.has('saved')
				? 'people.saved'
				: url.searchParams.has('consented')
					? 'people.consent_recorded'
					: url.searchParams.has('withdrawn')
						? 'people.consent_withdrawn'
						: null
	};
});

export const actions: Actions = {
	consent: formAction(async ({ locals, params }, values) => {
		await recordConsent(locals.core.db, locals.actor, { ...values, residentId: params.id } as ConsentInput);
		redirect(303, `/staff/residents/${params.id}?consented#consents`);
	}),
	withdraw: formAction(async ({ locals, params }, values) => {
		await withdrawConsent(locals.core.db, locals.actor, { consentId: String(values.consentId ?? ''), note: values.note as string });
		redirect(303, `/staff/residents/${params.id}?withdrawn#consents`);
	})
};
