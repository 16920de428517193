// Refer a signal to another partner (doorverwijzing), with a note and a deadline. For a help request the page says
// whether the resident's consent for the chosen organisation is in force, and records it first when it is not.
import { redirect } from '@sveltejs/kit';
import { Forbidden } from '$core/errors';
import { DEFAULT_REFERRAL_DAYS, getSignal, recordReferralConsent, referralChoices, referSignal } from '$core/signals';
import { pageLoad, formAction } from '$lib/server/handlers';
import { presentSignalToRefer } from '$lib/server/presenters/signals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db } = locals.core;
	const view = await getSignal(db, locals.actor, params.id);
	const signal = view.signal!;
	if (!view.can.refer) throw new Forbidden();
	// The organisations that work where the signal is (not the one handling it).
	const { organisations, teams } = await referralChoices(db, locals.actor, params.id);
	return {
		signal: presentSignalToRefer(signal),
		organisations: organisations.map((o) => ({ id: o.id, name: o.name, consent: o.consent })),
		teams,
		pending: view.referrals.filter((r) => r.status === 'pending').map((r) => r.toOrganisationName),
		defaultDays: DEFAULT_REFERRAL_DAYS,
		chosen: url.searchParams.get('organisatie') ?? '',
		consented: url.searchParams.has('toestemming')
	};
});

export const actions: Actions = {
	refer: formAction(
		async ({ locals, params }, values) => {
			await referSignal(locals.core.db, locals.actor, params.id, values as never, { baseUrl: locals.core.config.origin });
			redirect(303, '/staff/referrals?verwezen');
		},
		{ form: 'refer' }
	),
	consent: formAction(
		async ({ locals, params }, values) => {
			const organisationId = String(values.toOrganisationId ?? '');
			await recordReferralConsent(locals.core.db, locals.actor, params.id, {
				toOrganisationId: organisationId,
				purpose: values.purpose,
				contactPhone: values.contactPhone,
				contactEmail: values.contactEmail
			});
			redirect(303, `/staff/signals/${params.id}/refer?toestemming&organisatie=${encodeURIComponent(organisationId)}`);
		},
		{ form: 'consent' }
	)
};
