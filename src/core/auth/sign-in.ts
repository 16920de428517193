// Staff sign-in and sign-out. Wrong email and wrong password give the same answer and take the same time. Guessing is
// throttled per account and per client address (./throttle.ts): every attempt is counted before the password is
// checked, and a refused attempt is never checked, so a right password during a pause tells a guesser nothing.
import { z } from 'zod';
import { audit } from '../access';
import { system } from '../access';
import type { Db } from '../db';
import { inTransaction } from '../db';
import { nowIso } from '../db';
import { DomainError } from '../errors';
import { enqueueMail } from '../mail';
import { signInBlockedMail } from '../mail';
import { parseInput } from '../validation';
import { timingDummyHash, verifyPassword } from './passwords';
import { createSession, deleteSession } from './sessions';
import { clearAttempts, countAttempt, forgiveAttempt, takeAttempt, THROTTLES, Throttled, type AttemptContext } from './throttle';

export type { AttemptContext };

export const signInSchema = z.object({
	email: z.string().trim().toLowerCase().pipe(z.email()),
	password: z.string().min(1).max(1000)
});

export class WrongCredentials extends DomainError {
	constructor() {
		// 400, not 401: the answer is the login form again with a message; a 401 would promise a WWW-Authenticate scheme.
		super('wrong_credentials', 400, 'Email or password is not right');
	}
}

export async function signIn(
	db: Db,
	input: unknown,
	sessionDays: number,
	context: AttemptContext = {}
): Promise<{ token: string; expiresAt: string; userId: string }> {
	const { email, password } = parseInput(signInSchema, input);
	const now = context.now ?? new Date();
	// The address first: a blocked address counts against no account, so it cannot lock anyone out.
	if (context.clientAddress) await takeAttempt(db, THROTTLES.signInAddress, context.clientAddress, now);
	await takeAccountAttempt(db, email, now);
	const user = await db.selectFrom('users').select(['id', 'password_hash', 'is_active']).where('email', '=', email).executeTakeFirst();
	const ok = await verifyPassword(user?.password_hash ?? (await timingDummyHash()), password);
	if (!user || !ok || !user.is_active) throw new WrongCredentials();
	return inTransaction(db, async (tx) => {
		await clearAttempts(tx, THROTTLES.signInAccount, email);
		if (context.clientAddress) await forgiveAttempt(tx, THROTTLES.signInAddress, context.clientAddress);
		const session = await createSession(tx, user.id, sessionDays);
		await tx.updateTable('users').set({ last_login_at: nowIso() }).where('id', '=', user.id).execute();
		await audit(tx, system('auth'), { action: 'sign-in', resourceType: 'user', resourceId: user.id });
		return { ...session, userId: user.id };
	});
}

/**
 * Counts the attempt on the account (whether or not it exists: the answers must not tell). The attempt that starts a
 * pause queues one mail to the account holder, in the same transaction, and leaves a line in the audit log.
 */
async function takeAccountAttempt(db: Db, email: string, now: Date): Promise<void> {
	const rule = THROTTLES.signInAccount;
	const answer = await inTransaction(db, async (tx) => {
		const counted = await countAttempt(tx, rule, email, now);
		if (!counted.allowed && counted.blockStarted) {
			const user = await tx.selectFrom('users').select(['id', 'email', 'name', 'locale', 'is_active']).where('email', '=', email).executeTakeFirst();
			if (user?.is_active) {
				await enqueueMail(
					tx,
					signInBlockedMail({ to: user.email, locale: user.locale, name: user.name, minutes: rule.blockMs / 60_000, attempts: rule.blockAt })
				);
				await audit(tx, system('auth'), {
					action: 'sign-in-paused',
					resourceType: 'user',
					resourceId: user.id,
					summary: `${rule.blockAt} attempts; paused ${rule.blockMs / 60_000} minutes`
				});
			}
		}
		return counted;
	});
	if (!answer.allowed) throw new Throttled(rule, answer.reason, answer.retryAfter);
}

export async function signOut(db: Db, token: string): Promise<void> {
	await deleteSession(db, token);
}
