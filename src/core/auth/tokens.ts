// Random tokens for cookies and mailed links; only their sha256 is stored. Mailed tokens (invitation, password
// reset) are single use and expire: a link found later in a mailbox or a browser history opens nothing.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { newId, nowIso } from '../db';
import type { TokenKind } from '../db';
import { DomainError } from '../errors';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const INVITATION_TTL_MS = 7 * 86_400_000;
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;

export type TokenProblem = 'invalid' | 'expired' | 'used';

/** A mailed link that cannot be used (any more). The code names the reason, so the page can say what to do. */
export class TokenRejected extends DomainError {
	constructor(readonly reason: TokenProblem) {
		super(`token_${reason}`, reason === 'invalid' ? 404 : 410, `This link is ${reason}`);
	}
}

/**
 * How a try of a mailed link counts against the client's limit (throttle.ts countedByAddress): it fails when the link
 * does not work; the right link, or a form that never reached the link (a password too short), is taken back.
 */
export const linkJudge = {
	succeeded: (view: object) => !('problem' in view),
	countsAsFailure: (err: unknown) => err instanceof TokenRejected
};

/** Issues a new token of this kind for the user; earlier unused ones of the same kind stop working (they expire now). */
export async function issueToken(tx: Db, userId: string, kind: TokenKind, ttlMs: number): Promise<{ token: string; expiresAt: string }> {
	const now = Date.now();
	await tx
		.updateTable('tokens')
		.set({ expires_at: new Date(now).toISOString() })
		.where('user_id', '=', userId)
		.where('kind', '=', kind)
		.where('used_at', 'is', null)
		.where('expires_at', '>', new Date(now).toISOString())
		.execute();
	const token = newToken();
	const expiresAt = new Date(now + ttlMs).toISOString();
	await tx
		.insertInto('tokens')
		.values({ id: newId(), kind, token_hash: hashToken(token), user_id: userId, created_at: new Date(now).toISOString(), expires_at: expiresAt, used_at: null })
		.execute();
	return { token, expiresAt };
}

/** What a link is worth, without using it: the page shows the form, or says why the link no longer works. */
export async function inspectToken(db: Db, kind: TokenKind, token: string): Promise<{ userId: string } | { problem: TokenProblem }> {
	if (!token || token.length > 100) return { problem: 'invalid' };
	const row = await db
		.selectFrom('tokens')
		.select(['user_id', 'expires_at', 'used_at'])
		.where('token_hash', '=', hashToken(token))
		.where('kind', '=', kind)
		.executeTakeFirst();
	if (!row) return { problem: 'invalid' };
	if (row.used_at) return { problem: 'used' };
	if (Date.parse(row.expires_at) <= Date.now()) return { problem: 'expired' };
	return { userId: row.user_id };
}

/**
 * Uses a token once, inside the caller's transaction. The conditional update is the single-use guarantee: of two
 * requests racing with the same link, only one changes the row.
 */
export async function consumeToken(tx: Db, kind: TokenKind, token: string): Promise<{ userId: string }> {
	const found = await inspectToken(tx, kind, token);
	if ('problem' in found) throw new TokenRejected(found.problem);
	const now = nowIso();
	const result = await tx
		.updateTable('tokens')
		.set({ used_at: now })
		.where('token_hash', '=', hashToken(token))
		.where('kind', '=', kind)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) throw new TokenRejected('used');
	return found;
}

/** The newest token of this kind for a user (the admin page shows when an invitation was sent and until when it works). */
export async function latestTokenOf(db: Db, userId: string, kind: TokenKind): Promise<{ createdAt: string; expiresAt: string; usedAt: string | null } | null> {
	const row = await db
		.selectFrom('tokens')
		.select(['created_at', 'expires_at', 'used_at'])
		.where('user_id', '=', userId)
		.where('kind', '=', kind)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? { createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at } : null;
}

/** Every open link of a user stops working (the account was switched off). */
export async function expireTokensOf(tx: Db, userId: string): Promise<void> {
	const now = nowIso();
	await tx.updateTable('tokens').set({ expires_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).where('expires_at', '>', now).execute();
}
