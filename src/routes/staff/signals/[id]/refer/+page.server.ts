// Refer a signal to another partner (doorverwijzing), with a note and a deadline. For a help request the page says
// whether the resident's consent for the chosen organisation is in force, and records it first when it is not.
import { redirect } from '@sveltejs/kit';
import { Forbidden } from '$core/errors';
import { listOrganisations, listTeams } from '$core/partners/service';
import { recordConsent } from '$core/people/service';
import { DEFAULT_REFERRAL_DAYS, getSignal, helpConsentOrganisations, referSignal } from '$core/signals/service';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.core;
	try {
		const view = await getSignal(db, locals.actor, params.id);
		const signal = view.signal!;
		if (!view.can.refer) throw new Forbidden();
		const organisations = (await listOrganisations(db, locals.actor)).filter((o) => o.id !== signal.organisation_id);
		const teams = (await Promise.all(organisations.filter((o) => o.teamCount > 0).map((o) => listTeams(db, locals.actor, o.id)))).flat();
		const consentOrganisationIds = signal.is_help_request ? await helpConsentOrganisations(db, signal.resident_id) : [];
		return {
			signal: { id: signal.id, reference: signal.reference, isHelpRequest: signal.is_help_request, hasResident: !!signal.resident_id, organisationName: signal.organisation_name },
			organisations: organisations.map((o) => ({ id: o.id, name: o.name, consent: consentOrganisationIds.includes(o.id) })),
			teams: teams.map((t) => ({ id: t.id, name: t.name, organisationId: t.organisationId })),
			pending: view.referrals.filter((r) => r.status === 'pending').map((r) => r.toOrganisationName),
			defaultDays: DEFAULT_REFERRAL_DAYS,
			chosen: url.searchParams.get('organisatie') ?? '',
			consented: url.searchParams.has('toestemming')
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	refer: async ({ request, locals, params, url }) => {
		const values = await formObject(request);
		try {
			await referSignal(locals.core.db, locals.actor, params.id, values as never, { baseUrl: locals.core.config.origin });
		} catch (err) {
			return formFailure(err, locals.locale, { ...values, form: 'refer' });
		}
		redirect(303, '/staff/referrals?verwezen');
	},
	consent: async ({ request, locals, params }) => {
		const values = await formObject(request);
		const organisationId = String(values.toOrganisationId ?? '');
		try {
			const view = await getSignal(locals.core.db, locals.actor, params.id);
			if (!view.can.refer || !view.signal?.is_help_request || !view.signal.resident_id) throw new Forbidden();
			await recordConsent(locals.core.db, locals.actor, { residentId: view.signal.resident_id, organisationId, scope: 'help_request', purpose: String(values.purpose ?? '') });
		} catch (err) {
			return formFailure(err, locals.locale, { ...values, form: 'consent' });
		}
		redirect(303, `/staff/signals/${params.id}/refer?toestemming&organisatie=${encodeURIComponent(organisationId)}`);
	}
};
