// Staff sign-in and sign-out. Wrong email and wrong password give the same answer and take the same time.
import { z } from 'zod';
import { audit } from '../access/audit';
import { system } from '../access/actor';
import type { Db } from '../db/database';
import { inTransaction } from '../db/database';
import { nowIso } from '../db/ids';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { timingDummyHash, verifyPassword } from './passwords';
import { createSession, deleteSession } from './sessions';

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

export async function signIn(db: Db, input: unknown, sessionDays: number): Promise<{ token: string; expiresAt: string; userId: string }> {
	const { email, password } = parseInput(signInSchema, input);
	const user = await db.selectFrom('users').select(['id', 'password_hash', 'is_active']).where('email', '=', email).executeTakeFirst();
	const ok = await verifyPassword(user?.password_hash ?? (await timingDummyHash()), password);
	if (!user || !ok || !user.is_active) throw new WrongCredentials();
	return inTransaction(db, async (tx) => {
		const session = await createSession(tx, user.id, sessionDays);
		await tx.updateTable('users').set({ last_login_at: nowIso() }).where('id', '=', user.id).execute();
		await audit(tx, system('auth'), { action: 'sign-in', resourceType: 'user', resourceId: user.id });
		return { ...session, userId: user.id };
	});
}

export async function signOut(db: Db, token: string): Promise<void> {
	await deleteSession(db, token);
}
