// Forgotten passwords: a single-use link valid for one hour, mailed through the outbox. The request gets the same
// answer whether or not an account exists, so the form cannot be used to find out who works where. Mails are limited
// per email address and per client address, links tried per client address (./throttle.ts); a completed reset ends
// a sign-in pause on the account, so a stranger who keeps guessing cannot keep its holder out.
import { z } from 'zod';
import { audit, authorize, system, type Actor } from '../access';
import type { Db } from '../db';
import { inTransaction } from '../db';
import { nowIso } from '../db';
import { enqueueMail } from '../mail';
import { passwordResetMail } from '../mail';
import { password } from '../partners/model';
import { parseInput } from '../validation';
import { hashPassword } from './passwords';
import { createSession, deleteSessionsOf } from './sessions';
import { clearAttempts, countedByAddress, takeAttempt, THROTTLES, type AttemptContext } from './throttle';
import {
	consumeToken,
	expireTokensOf,
	inspectToken,
	issueToken,
	latestTokenOf,
	linkJudge,
	PASSWORD_RESET_TTL_MS,
	TokenRejected,
	type TokenProblem
} from './tokens';

const RESET_MAIL_INTERVAL_MS = 60_000;

const email = z.string().trim().toLowerCase().pipe(z.email());
const baseUrl = z.url({ protocol: /^https?$/ });

export const passwordResetRequest = z.object({ email, baseUrl });
export type PasswordResetRequest = z.input<typeof passwordResetRequest>;

export const passwordResetInput = z.object({ token: z.string().min(1).max(100), password });
export type PasswordResetInput = z.input<typeof passwordResetInput>;

export const passwordResetLink = (base: string, token: string): string => new URL(`/password/reset/${encodeURIComponent(token)}`, base).toString();

/** Queues the mail when an active account has this address; says nothing about whether it has. */
export async function requestPasswordReset(db: Db, actor: Actor, input: PasswordResetRequest, context: AttemptContext = {}): Promise<void> {
	authorize(actor, 'request', 'password-reset');
	const v = parseInput(passwordResetRequest, input);
	// Counted for every email address typed, whether or not it has an account: a refusal tells nothing either.
	if (context.clientAddress) await takeAttempt(db, THROTTLES.resetMailAddress, context.clientAddress, context.now);
	await takeAttempt(db, THROTTLES.resetMailAccount, v.email, context.now);
	await inTransaction(db, async (tx) => {
		const user = await tx.selectFrom('users').select(['id', 'email', 'name', 'locale', 'is_active']).where('email', '=', v.email).executeTakeFirst();
		if (!user || !user.is_active) return;
		// One mail a minute at most: the public form cannot be used to flood someone's mailbox.
		const last = await latestTokenOf(tx, user.id, 'password_reset');
		if (last && Date.now() - Date.parse(last.createdAt) < RESET_MAIL_INTERVAL_MS) return;
		const { token } = await issueToken(tx, user.id, 'password_reset', PASSWORD_RESET_TTL_MS);
		await enqueueMail(
			tx,
			passwordResetMail({
				to: user.email,
				locale: user.locale,
				name: user.name,
				link: passwordResetLink(v.baseUrl, token),
				minutes: PASSWORD_RESET_TTL_MS / 60_000
			})
		);
		await audit(
			tx,
			{ ...system('password-reset'), requestId: actor.requestId },
			{ action: 'request-password-reset', resourceType: 'user', resourceId: user.id }
		);
	});
}

/** Whether the reset page can show its form, or why the link no longer works. */
export async function describePasswordReset(db: Db, token: string, context: AttemptContext = {}): Promise<{ email: string } | { problem: TokenProblem }> {
	return countedByAddress(
		db,
		THROTTLES.linkTriesAddress,
		context,
		async () => {
			const found = await inspectToken(db, 'password_reset', token);
			if ('problem' in found) return found;
			const user = await db.selectFrom('users').select(['email', 'is_active']).where('id', '=', found.userId).executeTakeFirst();
			if (!user || !user.is_active) return { problem: 'invalid' as const };
			return { email: user.email };
		},
		linkJudge
	);
}

/**
 * Sets the new password and ends every session of the account (whoever had the old password is out), then signs
 * the person in with a new session.
 */
export async function resetPassword(
	db: Db,
	actor: Actor,
	input: PasswordResetInput,
	sessionDays: number,
	context: AttemptContext = {}
): Promise<{ token: string; expiresAt: string; userId: string }> {
	authorize(actor, 'complete', 'password-reset');
	const v = parseInput(passwordResetInput, input);
	return countedByAddress(
		db,
		THROTTLES.linkTriesAddress,
		context,
		async () => {
			const passwordHash = await hashPassword(v.password);
			return inTransaction(db, async (tx) => {
				const { userId } = await consumeToken(tx, 'password_reset', v.token);
				const user = await tx.selectFrom('users').select(['id', 'email', 'is_active']).where('id', '=', userId).executeTakeFirst();
				if (!user || !user.is_active) throw new TokenRejected('invalid');
				const at = nowIso();
				await tx.updateTable('users').set({ password_hash: passwordHash, updated_at: at, last_login_at: at }).where('id', '=', userId).execute();
				await deleteSessionsOf(tx, userId);
				await expireTokensOf(tx, userId);
				// Whoever reads the account's mail may sign in again at once, even while a stranger's guesses paused it.
				await clearAttempts(tx, THROTTLES.signInAccount, user.email);
				const session = await createSession(tx, userId, sessionDays);
				await audit(tx, { ...system('password-reset'), requestId: actor.requestId }, { action: 'reset-password', resourceType: 'user', resourceId: userId });
				return { ...session, userId };
			});
		},
		{ succeeded: () => true, countsAsFailure: linkJudge.countsAsFailure }
	);
}
