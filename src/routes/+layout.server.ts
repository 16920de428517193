import { waitingReferralCount } from '$core/signals';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const a = locals.actor;
	return {
		locale: locals.locale,
		textSize: locals.textSize,
		path: url.pathname + url.search,
		user: a.kind === 'staff' ? { id: a.id, name: a.name, role: a.role, organisationId: a.organisationId } : null,
		// The number next to "Referrals" in the staff menu (one indexed count; none for residents or admins).
		waitingReferrals: a.kind === 'staff' && a.role !== 'admin' ? await waitingReferralCount(locals.core.db, a) : 0
	};
};
