// Referrals (doorverwijzingen): those to my organisation, to accept or decline with a reason, and those we made,
// with the receiver's answer — so the referrer sees the loop closed.
import { redirect } from '@sveltejs/kit';
import { incomingReferrals, outgoingReferrals, respondToReferral, withdrawReferral } from '$core/signals';
import { NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const [incoming, outgoing] = await Promise.all([incomingReferrals(locals.core.db, locals.actor), outgoingReferrals(locals.core.db, locals.actor)]);
	const notice = ['verwezen', 'aanvaard', 'geweigerd', 'ingetrokken'].find((k) => url.searchParams.has(k)) ?? null;
	return { incoming, outgoing, notice: notice ? `referrals.notice_${notice}` : null };
});

export const actions: Actions = {
	respond: formAction(async ({ locals }, values) => {
		const accept = values.decision === 'accept';
		await respondToReferral(
			locals.core.db,
			locals.actor,
			String(values.referralId ?? ''),
			{ accept, reason: values.reason as string | undefined },
			{ baseUrl: locals.core.config.origin }
		);
		redirect(303, `/staff/referrals?${accept ? 'aanvaard' : 'geweigerd'}`);
	}),
	withdraw: formAction(async (event, values) => {
		const { locals } = event;
		if (!confirmed(values)) {
			const referral = (await outgoingReferrals(locals.core.db, locals.actor)).find((r) => r.id === values.referralId);
			if (!referral) throw new NotFound('referral', String(values.referralId ?? ''));
			return askFirst(event, values, {
				kind: 'withdraw_referral',
				params: { organisation: referral.toOrganisationName, reference: referral.reference },
				verb: 'withdraw'
			});
		}
		await withdrawReferral(locals.core.db, locals.actor, String(values.referralId ?? ''));
		redirect(303, '/staff/referrals?ingetrokken');
	})
};
