// Database sessions: the cookie holds a random token, the database its hash. Sessions slide: a session seen after
// half its life is extended. Nothing is kept in memory, so any server process can serve any request.
import type { Db } from '../db';
import { nowIso } from '../db';
import type { StaffActor } from '../access';
import { loadReach, organisationById, teamIdsOfMember } from '../partners';
import { hashToken, newToken } from './tokens';

const DAY = 86_400_000;

export async function createSession(db: Db, userId: string, days: number): Promise<{ token: string; expiresAt: string }> {
	const token = newToken();
	const now = Date.now();
	const expiresAt = new Date(now + days * DAY).toISOString();
	await db
		.insertInto('sessions')
		.values({
			id: hashToken(token),
			user_id: userId,
			created_at: new Date(now).toISOString(),
			expires_at: expiresAt,
			last_seen_at: new Date(now).toISOString()
		})
		.execute();
	return { token, expiresAt };
}

export type ResolvedSession = { actor: StaffActor; sessionId: string; expiresAt: string; renewed: boolean };

/** The staff actor behind a session cookie, or null when the session is unknown, expired or the account inactive. */
export async function resolveSession(db: Db, token: string, days: number): Promise<ResolvedSession | null> {
	if (!token || token.length > 100) return null;
	const id = hashToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id as session_id',
			'sessions.expires_at',
			'users.id',
			'users.name',
			'users.email',
			'users.role',
			'users.organisation_id',
			'users.is_active'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row || !row.is_active) return null;
	const now = Date.now();
	if (Date.parse(row.expires_at) <= now) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	let expiresAt = row.expires_at;
	let renewed = false;
	if (Date.parse(row.expires_at) - now < (days * DAY) / 2) {
		expiresAt = new Date(now + days * DAY).toISOString();
		renewed = true;
		await db.updateTable('sessions').set({ expires_at: expiresAt, last_seen_at: nowIso() }).where('id', '=', id).execute();
	}
	// The organisation's reach is read once here, for every policy decision of this request.
	const [teamIds, reach, organisationKind] = await Promise.all([
		teamIdsOfMember(db, row.id),
		loadReach(db, row.organisation_id),
		row.organisation_id ? organisationById(db, row.organisation_id).then((o) => o?.kind ?? null) : null
	]);
	return {
		sessionId: id,
		expiresAt,
		renewed,
		actor: {
			kind: 'staff',
			id: row.id,
			name: row.name,
			email: row.email,
			role: row.role,
			organisationId: row.organisation_id,
			organisationKind,
			teamIds,
			reach
		}
	};
}

export async function deleteSession(db: Db, token: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
