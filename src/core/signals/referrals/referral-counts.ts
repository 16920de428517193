// The number next to "Referrals" in the staff menu: referrals waiting for an answer from the reader's organisation.
// One count over the index referrals_to (to_organisation_id, status, deadline_at), on every staff page.
import { can, isStaff, type Actor } from '../../access';
import type { Db } from '../../db';

export async function waitingReferralCount(db: Db, actor: Actor): Promise<number> {
	if (!isStaff(actor) || !actor.organisationId || !can(actor, 'list', 'signal')) return 0;
	const row = await db
		.selectFrom('referrals')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('to_organisation_id', '=', actor.organisationId)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}
