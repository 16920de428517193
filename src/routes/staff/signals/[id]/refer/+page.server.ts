// Refer a signal to another partner (doorverwijzing), with a note and a deadline. For a help request the page says
// whether the resident's consent for the chosen organisation is in force, and records it first when it is not.
import { redirect } from '@sveltejs/kit';
import { Forbidden } from '$core/errors';
import { DEFAULT_REFERRAL_DAYS, getSignal, recordReferralConsent, referralChoices, referSignal } from '$core/signals';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.core;
	try {
		const view = await getSignal(db, locals.actor, params.id);
		const signal = view.signal!;
		if (!view.can.refer) throw new Forbidden();
		// The organisations that work where the signal is (not the one handling it).
		const { organisations, teams } = await referralChoices(db, locals.actor, params.id);
		return {
			signal: {
				id: signal.id,
				reference: signal.reference,
				isHelpRequest: signal.is_help_request,
				hasResident: !!signal.resident_id,
				organisationName: signal.organisation_name
			},
			organisations: organisations.map((o) => ({ id: o.id, name: o.name, consent: o.consent })),
			teams,
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
	refer: async ({ request, locals, params }) => {
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
			await recordReferralConsent(locals.core.db, locals.actor, params.id, {
				toOrganisationId: organisationId,
				purpose: values.purpose,
				contactPhone: values.contactPhone,
				contactEmail: values.contactEmail
			});
		} catch (err) {
			return formFailure(err, locals.locale, { ...values, form: 'consent' });
		}
		redirect(303, `/staff/signals/${params.id}/refer?toestemming&organisatie=${encodeURIComponent(organisationId)}`);
	}
};
