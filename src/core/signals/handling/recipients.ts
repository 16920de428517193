// Who at an organisation hears about a signal or referral: the assignee when there is one, else the team's members,
// else the organisation's coordinators and partner staff, else the organisation's own mailbox. Sweeps, referrals,
// partner answers and "not solved" answers all ask this one place. A signal past its second deadline goes to the
// coordinators of the team or organisation that handles it.
import type { Db } from '../../db';

export type Recipient = { email: string; name: string; locale: string; /** null for an organisation's own mailbox. */ userId?: string | null };

/** The people of an organisation (or of one of its teams) who act on what comes in. */
export async function organisationRecipients(db: Db, organisationId: string | null, teamId: string | null = null): Promise<Recipient[]> {
	if (!organisationId) return [];
	if (teamId) {
		const members = await db
			.selectFrom('team_members as tm')
			.innerJoin('users as u', 'u.id', 'tm.user_id')
			.select(['u.email', 'u.name', 'u.locale', 'u.id as userId'])
			.where('tm.team_id', '=', teamId)
			.where('u.is_active', '=', true)
			.where('u.organisation_id', '=', organisationId)
			.orderBy('u.email')
			.execute();
		if (members.length > 0) return members;
	}
	const staff = await db
		.selectFrom('users')
		.select(['email', 'name', 'locale', 'id as userId'])
		.where('organisation_id', '=', organisationId)
		.where('is_active', '=', true)
		.where('role', 'in', ['coordinator', 'partner_staff'])
		.orderBy('email')
		.execute();
	if (staff.length > 0) return staff;
	const org = await db.selectFrom('organisations').select(['email', 'name']).where('id', '=', organisationId).executeTakeFirst();
	return org?.email ? [{ email: org.email, name: org.name, locale: 'nl', userId: null }] : [];
}

/** Who handles a signal now: its assignee, else its team or organisation. */
export async function handlerRecipients(
	db: Db,
	signal: { assignee_id: string | null; organisation_id: string | null; team_id: string | null }
): Promise<Recipient[]> {
	if (signal.assignee_id) {
		const assignee = await db
			.selectFrom('users')
			.select(['email', 'name', 'locale', 'id as userId'])
			.where('id', '=', signal.assignee_id)
			.where('is_active', '=', true)
			.executeTakeFirst();
		if (assignee) return [assignee];
	}
	return organisationRecipients(db, signal.organisation_id, signal.team_id);
}

/**
 * Who a signal past its second deadline is escalated to: the coordinators of its team, else those of its
 * organisation, else the organisation's own mailbox.
 */
export async function coordinatorRecipients(db: Db, signal: { organisation_id: string | null; team_id: string | null }): Promise<Recipient[]> {
	if (!signal.organisation_id) return [];
	const coordinators = db
		.selectFrom('users as u')
		.select(['u.email', 'u.name', 'u.locale', 'u.id as userId'])
		.where('u.organisation_id', '=', signal.organisation_id)
		.where('u.is_active', '=', true)
		.where('u.role', '=', 'coordinator')
		.orderBy('u.email');
	if (signal.team_id) {
		const teamId = signal.team_id;
		const ofTeam = await coordinators
			.where((eb) => eb.exists(eb.selectFrom('team_members as tm').select('tm.user_id').whereRef('tm.user_id', '=', 'u.id').where('tm.team_id', '=', teamId)))
			.execute();
		if (ofTeam.length > 0) return ofTeam;
	}
	const all = await coordinators.execute();
	if (all.length > 0) return all;
	const org = await db.selectFrom('organisations').select(['email', 'name']).where('id', '=', signal.organisation_id).executeTakeFirst();
	return org?.email ? [{ email: org.email, name: org.name, locale: 'nl', userId: null }] : [];
}
