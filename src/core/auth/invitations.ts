// Staff join by invitation: an admin creates the account without a password, a mail (through the outbox, in the
// same transaction) brings a single-use link valid for 7 days, and the invited person chooses name and password.
// Links that do not work, tried from one client address, count against the same limit as reset links.
import { z } from 'zod';
import { audit, authorize, system, type Actor } from '../access';
import type { Db } from '../db';
import { inTransaction } from '../db';
import { nowIso } from '../db';
import { Conflict, NotFound } from '../errors';
import { enqueueMail } from '../mail';
import { invitationMail } from '../mail';
import { invitationInput, password, resendInput, type InvitationInput, type ResendInput } from '../partners/model';
import { organisationById } from '../partners';
import { insertStaffAccount, type UserSummary } from './accounts';
import { parseInput } from '../validation';
import { hashPassword } from './passwords';
import { createSession } from './sessions';
import { countedByAddress, THROTTLES, type AttemptContext } from './throttle';
import { consumeToken, expireTokensOf, inspectToken, INVITATION_TTL_MS, issueToken, linkJudge, TokenRejected, type TokenProblem } from './tokens';

export const acceptInvitationInput = z.object({
	token: z.string().min(1).max(100),
	name: z.string().trim().min(1).max(200),
	password
});
export type AcceptInvitationInput = z.input<typeof acceptInvitationInput>;

type Invitee = { id: string; email: string; name: string; locale: string; role: string; organisation_id: string | null };

export const invitationLink = (baseUrl: string, token: string): string => new URL(`/invitation/${encodeURIComponent(token)}`, baseUrl).toString();

async function mailInvitation(tx: Db, actor: Actor, user: Invitee, baseUrl: string): Promise<void> {
	const { token } = await issueToken(tx, user.id, 'invitation', INVITATION_TTL_MS);
	const organisation = user.organisation_id ? ((await organisationById(tx, user.organisation_id))?.name ?? null) : null;
	await enqueueMail(
		tx,
		invitationMail({
			to: user.email,
			locale: user.locale,
			name: user.name,
			inviterName: actor.kind === 'staff' ? actor.name : null,
			organisationName: organisation,
			role: user.role,
			link: invitationLink(baseUrl, token),
			days: INVITATION_TTL_MS / 86_400_000
		})
	);
}

/** Creates the account (no password yet) and queues the invitation mail in the same transaction. */
export async function inviteUser(db: Db, actor: Actor, input: InvitationInput): Promise<UserSummary> {
	authorize(actor, 'invite', 'user');
	const v = parseInput(invitationInput, input);
	return inTransaction(db, async (tx) => {
		const user = await insertStaffAccount(tx, actor, v, null, 'invite');
		await mailInvitation(tx, actor, user, v.baseUrl);
		return user;
	});
}

/** A new link for someone who has not joined yet; the earlier link stops working. */
export async function resendInvitation(db: Db, actor: Actor, input: ResendInput): Promise<void> {
	authorize(actor, 'invite', 'user');
	const v = parseInput(resendInput, input);
	await inTransaction(db, async (tx) => {
		const user = await tx
			.selectFrom('users')
			.select(['id', 'email', 'name', 'locale', 'role', 'organisation_id', 'password_hash', 'is_active'])
			.where('id', '=', v.userId)
			.executeTakeFirst();
		if (!user) throw new NotFound('user', v.userId);
		if (user.password_hash) throw new Conflict('invitation_accepted', 'This person has already joined');
		if (!user.is_active) throw new Conflict('user_inactive', 'This account is switched off');
		await mailInvitation(tx, actor, user, v.baseUrl);
		await audit(tx, actor, { action: 'resend-invitation', resourceType: 'user', resourceId: user.id });
	});
}

export type InvitationView = { email: string; name: string; organisationName: string | null } | { problem: TokenProblem };

/** What the invitation page shows before anything is sent: who is invited, or why the link no longer works. */
export async function describeInvitation(db: Db, token: string, context: AttemptContext = {}): Promise<InvitationView> {
	return countedByAddress(
		db,
		THROTTLES.linkTriesAddress,
		context,
		async (): Promise<InvitationView> => {
			const found = await inspectToken(db, 'invitation', token);
			if ('problem' in found) return found;
			const user = await db.selectFrom('users').select(['email', 'name', 'is_active', 'organisation_id']).where('id', '=', found.userId).executeTakeFirst();
			if (!user || !user.is_active) return { problem: 'invalid' };
			return {
				email: user.email,
				name: user.name,
				organisationName: user.organisation_id ? ((await organisationById(db, user.organisation_id))?.name ?? null) : null
			};
		},
		linkJudge
	);
}

/** Sets name and password, uses up the link and signs the new colleague in: the answer is their new session. */
export async function acceptInvitation(
	db: Db,
	actor: Actor,
	input: AcceptInvitationInput,
	sessionDays: number,
	context: AttemptContext = {}
): Promise<{ token: string; expiresAt: string; userId: string }> {
	authorize(actor, 'accept', 'invitation');
	const v = parseInput(acceptInvitationInput, input);
	return countedByAddress(
		db,
		THROTTLES.linkTriesAddress,
		context,
		async () => {
			const passwordHash = await hashPassword(v.password);
			return inTransaction(db, async (tx) => {
				const { userId } = await consumeToken(tx, 'invitation', v.token);
				const user = await tx.selectFrom('users').select(['id', 'is_active']).where('id', '=', userId).executeTakeFirst();
				if (!user || !user.is_active) throw new TokenRejected('invalid');
				const at = nowIso();
				await tx.updateTable('users').set({ name: v.name, password_hash: passwordHash, updated_at: at, last_login_at: at }).where('id', '=', userId).execute();
				await expireTokensOf(tx, userId);
				const session = await createSession(tx, userId, sessionDays);
				await audit(tx, { ...system('invitation'), requestId: actor.requestId }, { action: 'accept-invitation', resourceType: 'user', resourceId: userId });
				return { ...session, userId };
			});
		},
		{ succeeded: () => true, countsAsFailure: linkJudge.countsAsFailure }
	);
}
