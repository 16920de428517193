// What the partners module does: organisations, teams and staff accounts. Each call checks the access policy and
// runs in one transaction with its audit entry.
import { authorize } from '../access/policy';
import { audit } from '../access/audit';
import type { Actor } from '../access/actor';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/database';
import { inTransaction } from '../db/database';
import { newId, nowIso } from '../db/ids';
import type { Organisation, User } from '../db/schema';
import { Conflict, NotFound } from '../errors';
import { parseInput } from '../validation';
import { organisationInput, teamInput, userInput, type OrganisationInput, type TeamInput, type UserInput } from './model';

export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput): Promise<Organisation> {
	authorize(actor, 'create', 'organisation');
	const v = parseInput(organisationInput, input);
	return inTransaction(db, async (tx) => {
		const existing = await tx.selectFrom('organisations').select('id').where('name', '=', v.name).executeTakeFirst();
		if (existing) throw new Conflict('duplicate', `An organisation named ${v.name} exists already`, { field: 'name' });
		const at = nowIso();
		const row = { id: newId(), name: v.name, kind: v.kind, municipality_id: v.municipalityId ?? null, email: v.email ?? null, phone: v.phone, created_at: at, updated_at: at };
		await tx.insertInto('organisations').values(row).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'organisation', resourceId: row.id });
		return row;
	});
}

export async function listOrganisations(db: Db, actor: Actor): Promise<Organisation[]> {
	authorize(actor, 'list', 'organisation');
	return db.selectFrom('organisations').selectAll().orderBy('name').execute();
}

export async function getOrganisation(db: Db, actor: Actor, id: string): Promise<Organisation> {
	authorize(actor, 'read', 'organisation');
	const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFound('organisation', id);
	return row;
}

export async function createTeam(db: Db, actor: Actor, input: TeamInput): Promise<{ id: string; organisationId: string; name: string }> {
	authorize(actor, 'create', 'team');
	const v = parseInput(teamInput, input);
	return inTransaction(db, async (tx) => {
		const org = await tx.selectFrom('organisations').select('id').where('id', '=', v.organisationId).executeTakeFirst();
		if (!org) throw new NotFound('organisation', v.organisationId);
		const dup = await tx.selectFrom('teams').select('id').where('organisation_id', '=', v.organisationId).where('name', '=', v.name).executeTakeFirst();
		if (dup) throw new Conflict('duplicate', `A team named ${v.name} exists already`, { field: 'name' });
		const id = newId();
		await tx.insertInto('teams').values({ id, organisation_id: v.organisationId, name: v.name, created_at: nowIso() }).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'team', resourceId: id });
		return { id, organisationId: v.organisationId, name: v.name };
	});
}

export type UserSummary = Omit<User, 'password_hash'>;

export async function createUser(db: Db, actor: Actor, input: UserInput): Promise<UserSummary> {
	authorize(actor, 'create', 'user');
	const v = parseInput(userInput, input);
	const passwordHash = v.password ? await hashPassword(v.password) : null;
	return inTransaction(db, async (tx) => {
		const dup = await tx.selectFrom('users').select('id').where('email', '=', v.email).executeTakeFirst();
		if (dup) throw new Conflict('duplicate', `An account for ${v.email} exists already`, { field: 'email' });
		if (v.organisationId) {
			const org = await tx.selectFrom('organisations').select('id').where('id', '=', v.organisationId).executeTakeFirst();
			if (!org) throw new NotFound('organisation', v.organisationId);
		}
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
		if (v.teamIds.length > 0) await tx.insertInto('team_members').values(v.teamIds.map((team_id) => ({ team_id, user_id: row.id }))).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'user', resourceId: row.id });
		const { password_hash: _omit, ...summary } = row;
		return summary;
	});
}
