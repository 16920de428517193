import { staffPermissions } from '$core/access';
import { waitingReferralCount } from '$core/signals';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const a = locals.actor;
	// What the staff menu and the pages may offer, from the access policy: no page compares roles itself.
	const can = staffPermissions(a);
	return {
		locale: locals.locale,
		textSize: locals.textSize,
		path: url.pathname + url.search,
		user: a.kind === 'staff' ? { id: a.id, name: a.name, role: a.role, organisationId: a.organisationId } : null,
		can,
		// The number next to "Referrals" in the staff menu (one indexed count; none for residents or admins).
		waitingReferrals: a.kind === 'staff' && can.referrals ? await waitingReferralCount(locals.core.db, a) : 0
	};
};
