// Staff accounts: create, list, read, change, switch off and on again, beside the invitations, password resets and
// sessions of the same accounts. Two rules keep an installation manageable: an admin cannot switch themselves off, and the last active
// admin can be neither switched off nor given another role.
import { audit, authorize, type Actor } from '../access';
import { hashPassword } from './passwords';
import { deleteSessionsOf } from './sessions';
import { expireTokensOf, latestTokenOf } from './tokens';
import type { Db } from '../db';
import { inTransaction, lowerContains } from '../db';
import { newId, nowIso } from '../db';
import type { Role, User } from '../db';
import { Conflict, Invalid, NotFound } from '../errors';
import { parseInput } from '../validation';
import {
	changedFields,
	countOrganisationsAndTeams,
	organisationExists,
	organisationById,
	organisationNames,
	setTeamsOfMember,
	teamIdsOfMember,
	teamsByIds
} from '../partners';
import { recordId, userFilter, userInput, userUpdate, type UserFilter, type UserInput, type UserStatus, type UserUpdate } from '../partners/model';

export type UserSummary = Omit<User, 'password_hash'>;
export type UserListItem = UserSummary & { status: UserStatus; organisationName: string | null };
export type UserDetail = UserListItem & {
	teamIds: string[];
	/** The newest invitation, while the person has not chosen a password yet. */
	invitation: { sentAt: string; expiresAt: string } | null;
};

export const statusOf = (u: { is_active: boolean; password_hash?: string | null; has_password?: boolean }): UserStatus =>
	!u.is_active ? 'inactive' : (u.has_password ?? !!u.password_hash) ? 'active' : 'invited';

export type NewStaffAccount = { email: string; name: string; role: Role; organisationId?: string | null; locale: string; teamIds: string[] };

/** Inserts an account (password hash or none: an invited person chooses one). Shared by createUser and inviteUser. */
export async function insertStaffAccount(tx: Db, actor: Actor, v: NewStaffAccount, passwordHash: string | null, auditAction = 'create'): Promise<UserSummary> {
	const dup = await tx.selectFrom('users').select('id').where('email', '=', v.email).executeTakeFirst();
	if (dup) throw new Conflict('duplicate', `An account for ${v.email} exists already`, { field: 'email' });
	if (v.organisationId && !(await organisationExists(tx, v.organisationId))) throw new NotFound('organisation', v.organisationId);
	const teamIds = await teamsOfOrganisation(tx, v.teamIds, v.organisationId ?? null, 'refuse');
	const at = nowIso();
	const row = {
		id: newId(),
		email: v.email,
		name: v.name,
		password_hash: passwordHash,
		organisation_id: v.organisationId ?? null,
		role: v.role,
		locale: v.locale,
		is_active: true,
		created_at: at,
		updated_at: at,
		last_login_at: null
	};
	await tx.insertInto('users').values(row).execute();
	if (teamIds.length > 0) await setTeamsOfMember(tx, row.id, teamIds);
	await audit(tx, actor, { action: auditAction, resourceType: 'user', resourceId: row.id });
	const { password_hash: _omit, ...summary } = row;
	return summary;
}

export async function createUser(db: Db, actor: Actor, input: UserInput): Promise<UserSummary> {
	authorize(actor, 'create', 'user');
	const v = parseInput(userInput, input);
	const passwordHash = v.password ? await hashPassword(v.password) : null;
	return inTransaction(db, (tx) => insertStaffAccount(tx, actor, v, passwordHash));
}

/**
 * The teams of `teamIds` that belong to the organisation. 'refuse' rejects a team of another organisation;
 * 'drop' leaves it out (someone moved to another organisation leaves the old one's teams).
 */
async function teamsOfOrganisation(tx: Db, teamIds: string[], organisationId: string | null, other: 'refuse' | 'drop'): Promise<string[]> {
	const unique = [...new Set(teamIds)];
	if (unique.length === 0) return [];
	const teams = await teamsByIds(tx, unique);
	if (teams.length !== unique.length) throw Invalid.field('teamIds', 'not_found', 'A chosen team does not exist');
	const own = teams.filter((t) => t.organisationId === organisationId).map((t) => t.id);
	if (other === 'refuse' && own.length !== teams.length)
		throw Invalid.field('teamIds', 'team_other_organisation', 'A chosen team belongs to another organisation');
	return own;
}

export async function listUsers(db: Db, actor: Actor, input: UserFilter = {}): Promise<UserListItem[]> {
	authorize(actor, 'list', 'user');
	const f = parseInput(userFilter, input);
	let q = db
		.selectFrom('users')
		.select([
			'users.id',
			'users.email',
			'users.name',
			'users.organisation_id',
			'users.role',
			'users.locale',
			'users.is_active',
			'users.created_at',
			'users.updated_at',
			'users.last_login_at'
		])
		.select((eb) => eb('users.password_hash', 'is not', null).as('has_password'))
		.orderBy('users.name')
		.orderBy('users.id')
		.limit(f.limit);
	if (f.organisationId) q = q.where('users.organisation_id', '=', f.organisationId);
	if (f.role) q = q.where('users.role', '=', f.role);
	if (f.status === 'inactive') q = q.where('users.is_active', '=', false);
	if (f.status === 'active') q = q.where('users.is_active', '=', true).where('users.password_hash', 'is not', null);
	if (f.status === 'invited') q = q.where('users.is_active', '=', true).where('users.password_hash', 'is', null);
	if (f.search) {
		const search = f.search;
		q = q.where((eb) => eb.or([lowerContains('users.name', search), lowerContains('users.email', search)]));
	}
	const rows = await q.execute();
	const names = await organisationNames(
		db,
		rows.flatMap((u) => (u.organisation_id ? [u.organisation_id] : []))
	);
	return rows.map(({ has_password, ...u }) => ({
		...u,
		organisationName: (u.organisation_id && names.get(u.organisation_id)) ?? null,
		status: statusOf({ is_active: u.is_active, has_password: !!has_password })
	}));
}

/** One staff account, for the admin page; the read is audited like any read of one person's record. */
export async function getUser(db: Db, actor: Actor, id: string): Promise<UserDetail> {
	authorize(actor, 'read', 'user');
	const userId = parseInput(recordId, id);
	return inTransaction(db, async (tx) => {
		const row = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
		if (!row) throw new NotFound('user', userId);
		const teamIds = await teamIdsOfMember(tx, userId);
		const organisationName = row.organisation_id ? ((await organisationById(tx, row.organisation_id))?.name ?? null) : null;
		const { password_hash, ...u } = row;
		const status = statusOf({ is_active: u.is_active, password_hash });
		const token = status === 'invited' ? await latestTokenOf(tx, userId, 'invitation') : null;
		await audit(tx, actor, { action: 'read', resourceType: 'user', resourceId: userId });
		return {
			...u,
			organisationName,
			status,
			teamIds,
			invitation: token && !token.usedAt ? { sentAt: token.createdAt, expiresAt: token.expiresAt } : null
		};
	});
}

/**
 * Is there an active admin other than this user? On PostgreSQL the admin rows are locked, so two admins taking
 * each other's role at the same moment cannot leave the installation without one.
 */
async function assertAnotherActiveAdmin(tx: Db, userId: string): Promise<void> {
	let q = tx.selectFrom('users').select('id').where('role', '=', 'admin').where('is_active', '=', true);
	if (tx.dialect === 'postgres') q = q.forUpdate();
	const admins = await q.execute();
	if (!admins.some((a) => a.id !== userId)) throw new Conflict('last_admin', 'This is the last active administrator');
}

export async function updateUser(db: Db, actor: Actor, input: UserUpdate): Promise<UserSummary> {
	authorize(actor, 'update', 'user');
	const v = parseInput(userUpdate, input);
	return inTransaction(db, async (tx) => {
		const before = await tx.selectFrom('users').selectAll().where('id', '=', v.id).executeTakeFirst();
		if (!before) throw new NotFound('user', v.id);
		if (before.role === 'admin' && v.role !== 'admin' && before.is_active) await assertAnotherActiveAdmin(tx, v.id);
		const organisationId = v.organisationId ?? null;
		if (organisationId && organisationId !== before.organisation_id && !(await organisationExists(tx, organisationId)))
			throw Invalid.field('organisationId', 'not_found', 'This organisation does not exist');
		const moved = organisationId !== before.organisation_id;
		const teamIds = await teamsOfOrganisation(tx, v.teamIds, organisationId, moved ? 'drop' : 'refuse');
		const oldTeams = (await teamIdsOfMember(tx, v.id)).sort();
		const after = { ...before, name: v.name, role: v.role, organisation_id: organisationId, locale: v.locale, updated_at: nowIso() };
		await tx
			.updateTable('users')
			.set({ name: after.name, role: after.role, organisation_id: after.organisation_id, locale: after.locale, updated_at: after.updated_at })
			.where('id', '=', v.id)
			.execute();
		await setTeamsOfMember(tx, v.id, teamIds);
		const changed = [
			changedFields(before, after, ['name', 'role', 'organisation_id', 'locale']),
			JSON.stringify(oldTeams) !== JSON.stringify([...teamIds].sort()) ? 'teams' : ''
		]
			.filter((s) => s && s !== 'nothing')
			.join(', ');
		await audit(tx, actor, { action: 'update', resourceType: 'user', resourceId: v.id, summary: changed || 'nothing' });
		const { password_hash: _omit, ...summary } = after;
		return summary;
	});
}

/** Switches an account off: its sessions end at once and its open links stop working. */
export async function deactivateUser(db: Db, actor: Actor, id: string): Promise<void> {
	authorize(actor, 'deactivate', 'user');
	const userId = parseInput(recordId, id);
	if (actor.kind === 'staff' && actor.id === userId) throw new Conflict('cannot_deactivate_self', 'You cannot switch off your own account');
	await inTransaction(db, async (tx) => {
		const user = await tx.selectFrom('users').select(['id', 'role', 'is_active']).where('id', '=', userId).executeTakeFirst();
		if (!user) throw new NotFound('user', userId);
		if (!user.is_active) return;
		if (user.role === 'admin') await assertAnotherActiveAdmin(tx, userId);
		await tx.updateTable('users').set({ is_active: false, updated_at: nowIso() }).where('id', '=', userId).execute();
		await deleteSessionsOf(tx, userId);
		await expireTokensOf(tx, userId);
		await audit(tx, actor, { action: 'deactivate', resourceType: 'user', resourceId: userId });
	});
}

export async function reactivateUser(db: Db, actor: Actor, id: string): Promise<void> {
	authorize(actor, 'reactivate', 'user');
	const userId = parseInput(recordId, id);
	await inTransaction(db, async (tx) => {
		const user = await tx.selectFrom('users').select(['id', 'is_active']).where('id', '=', userId).executeTakeFirst();
		if (!user) throw new NotFound('user', userId);
		if (user.is_active) return;
		await tx.updateTable('users').set({ is_active: true, updated_at: nowIso() }).where('id', '=', userId).execute();
		await audit(tx, actor, { action: 'reactivate', resourceType: 'user', resourceId: userId });
	});
}

export type StaffOverview = { organisations: number; teams: number; active: number; invited: number; inactive: number };

/** The counts on the admin overview page. */
export async function staffOverview(db: Db, actor: Actor): Promise<StaffOverview> {
	authorize(actor, 'list', 'user');
	const count = (n: { n: number | string | bigint } | undefined) => Number(n?.n ?? 0);
	const [{ organisations, teams }, active, invited, inactive] = await Promise.all([
		countOrganisationsAndTeams(db),
		db
			.selectFrom('users')
			.select((e) => e.fn.countAll<number>().as('n'))
			.where('is_active', '=', true)
			.where('password_hash', 'is not', null)
			.executeTakeFirst(),
		db
			.selectFrom('users')
			.select((e) => e.fn.countAll<number>().as('n'))
			.where('is_active', '=', true)
			.where('password_hash', 'is', null)
			.executeTakeFirst(),
		db
			.selectFrom('users')
			.select((e) => e.fn.countAll<number>().as('n'))
			.where('is_active', '=', false)
			.executeTakeFirst()
	]);
	return { organisations, teams, active: count(active), invited: count(invited), inactive: count(inactive) };
}
