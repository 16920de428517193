// What the partners module does: organisations and their teams. Staff accounts are in core/auth (accounts.ts).
// Each call checks the access policy and runs in one transaction with its audit entry.
import { audit, authorize, type Actor } from '../access';
import type { Db } from '../db';
import { inTransaction } from '../db';
import { newId, nowIso } from '../db';
import type { Organisation } from '../db';
import { Conflict, Invalid, NotFound } from '../errors';
import { parseInput } from '../validation';
import { changedFields } from './changes';
import {
	organisationInput,
	organisationUpdate,
	recordId,
	teamInput,
	teamMembership,
	teamRename,
	type OrganisationInput,
	type OrganisationUpdate,
	type TeamInput,
	type TeamMembership,
	type TeamRename
} from './model';

export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput): Promise<Organisation> {
	authorize(actor, 'create', 'organisation');
	const v = parseInput(organisationInput, input);
	return inTransaction(db, async (tx) => {
		const existing = await tx.selectFrom('organisations').select('id').where('name', '=', v.name).executeTakeFirst();
		if (existing) throw new Conflict('duplicate', `An organisation named ${v.name} exists already`, { field: 'name' });
		const at = nowIso();
		const row = {
			id: newId(),
			name: v.name,
			kind: v.kind,
			municipality_id: v.municipalityId ?? null,
			email: v.email ?? null,
			phone: v.phone,
			created_at: at,
			updated_at: at
		};
		await tx.insertInto('organisations').values(row).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'organisation', resourceId: row.id });
		return row;
	});
}

export type OrganisationListItem = Organisation & { userCount: number; teamCount: number };

export async function listOrganisations(db: Db, actor: Actor): Promise<OrganisationListItem[]> {
	authorize(actor, 'list', 'organisation');
	return db
		.selectFrom('organisations')
		.selectAll('organisations')
		.select((eb) => [
			eb
				.selectFrom('users')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('users.organisation_id', '=', 'organisations.id')
				.as('userCount'),
			eb
				.selectFrom('teams')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('teams.organisation_id', '=', 'organisations.id')
				.as('teamCount')
		])
		.orderBy('name')
		.execute()
		.then((rows) => rows.map((r) => ({ ...r, userCount: Number(r.userCount ?? 0), teamCount: Number(r.teamCount ?? 0) })));
}

export async function getOrganisation(db: Db, actor: Actor, id: string): Promise<Organisation> {
	authorize(actor, 'read', 'organisation');
	const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFound('organisation', id);
	return row;
}

export async function updateOrganisation(db: Db, actor: Actor, input: OrganisationUpdate): Promise<Organisation> {
	authorize(actor, 'update', 'organisation');
	const v = parseInput(organisationUpdate, input);
	return inTransaction(db, async (tx) => {
		const before = await tx.selectFrom('organisations').selectAll().where('id', '=', v.id).executeTakeFirst();
		if (!before) throw new NotFound('organisation', v.id);
		const dup = await tx.selectFrom('organisations').select('id').where('name', '=', v.name).where('id', '!=', v.id).executeTakeFirst();
		if (dup) throw new Conflict('duplicate', `An organisation named ${v.name} exists already`, { field: 'name' });
		const after: Organisation = {
			...before,
			name: v.name,
			kind: v.kind,
			municipality_id: v.municipalityId ?? null,
			email: v.email ?? null,
			phone: v.phone,
			updated_at: nowIso()
		};
		await tx
			.updateTable('organisations')
			.set({ name: after.name, kind: after.kind, municipality_id: after.municipality_id, email: after.email, phone: after.phone, updated_at: after.updated_at })
			.where('id', '=', v.id)
			.execute();
		await audit(tx, actor, {
			action: 'update',
			resourceType: 'organisation',
			resourceId: v.id,
			summary: changedFields(before, after, ['name', 'kind', 'municipality_id', 'email', 'phone'])
		});
		return after;
	});
}

/** Refused while staff accounts still belong to the organisation: move or deactivate them first. */
export async function deleteOrganisation(db: Db, actor: Actor, id: string): Promise<void> {
	authorize(actor, 'delete', 'organisation');
	const orgId = parseInput(recordId, id);
	await inTransaction(db, async (tx) => {
		const org = await tx.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst();
		if (!org) throw new NotFound('organisation', orgId);
		const { n } = await tx
			.selectFrom('users')
			.select((e) => e.fn.countAll<number>().as('n'))
			.where('organisation_id', '=', orgId)
			.executeTakeFirstOrThrow();
		if (Number(n) > 0) throw new Conflict('organisation_has_users', `The organisation still has ${n} staff accounts`, { count: Number(n) });
		// Consents, estates it lets, routing rules, signals and referrals are history others rely on: refuse rather than
		// erase them silently (or fail on a foreign key).
		const uses = await Promise.all([
			tx.selectFrom('consents').select('id').where('organisation_id', '=', orgId).limit(1).executeTakeFirst(),
			tx.selectFrom('estates').select('id').where('housing_company_id', '=', orgId).limit(1).executeTakeFirst(),
			tx.selectFrom('routing_rules').select('id').where('organisation_id', '=', orgId).limit(1).executeTakeFirst(),
			tx.selectFrom('signals').select('id').where('organisation_id', '=', orgId).limit(1).executeTakeFirst(),
			tx
				.selectFrom('referrals')
				.select('id')
				.where((eb) => eb.or([eb('to_organisation_id', '=', orgId), eb('from_organisation_id', '=', orgId)]))
				.limit(1)
				.executeTakeFirst()
		]);
		if (uses.some(Boolean)) throw new Conflict('organisation_in_use', 'The organisation still has consents, estates, routing rules, signals or referrals');
		await tx.deleteFrom('organisations').where('id', '=', orgId).execute();
		await audit(tx, actor, { action: 'delete', resourceType: 'organisation', resourceId: orgId });
	});
}

export type TeamSummary = { id: string; organisationId: string; name: string; memberCount: number };

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

export async function listTeams(db: Db, actor: Actor, organisationId: string): Promise<TeamSummary[]> {
	authorize(actor, 'list', 'team');
	const orgId = parseInput(recordId, organisationId);
	const rows = await db
		.selectFrom('teams')
		.select(['teams.id', 'teams.organisation_id', 'teams.name'])
		.select((eb) =>
			eb
				.selectFrom('team_members')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('team_members.team_id', '=', 'teams.id')
				.as('memberCount')
		)
		.where('organisation_id', '=', orgId)
		.orderBy('name')
		.execute();
	return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, name: r.name, memberCount: Number(r.memberCount ?? 0) }));
}

export type TeamMember = { id: string; name: string; email: string; role: string; isActive: boolean };
export type TeamDetail = { id: string; name: string; organisationId: string; organisationName: string; members: TeamMember[] };

export async function getTeam(db: Db, actor: Actor, id: string): Promise<TeamDetail> {
	authorize(actor, 'read', 'team');
	const teamId = parseInput(recordId, id);
	const team = await db
		.selectFrom('teams')
		.innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
		.select(['teams.id', 'teams.name', 'teams.organisation_id', 'organisations.name as organisation_name'])
		.where('teams.id', '=', teamId)
		.executeTakeFirst();
	if (!team) throw new NotFound('team', teamId);
	const members = await db
		.selectFrom('team_members')
		.innerJoin('users', 'users.id', 'team_members.user_id')
		.select(['users.id', 'users.name', 'users.email', 'users.role', 'users.is_active'])
		.where('team_members.team_id', '=', teamId)
		.orderBy('users.name')
		.execute();
	return {
		id: team.id,
		name: team.name,
		organisationId: team.organisation_id,
		organisationName: team.organisation_name,
		members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role, isActive: m.is_active }))
	};
}

export async function renameTeam(db: Db, actor: Actor, input: TeamRename): Promise<void> {
	authorize(actor, 'update', 'team');
	const v = parseInput(teamRename, input);
	await inTransaction(db, async (tx) => {
		const team = await tx.selectFrom('teams').select(['id', 'organisation_id']).where('id', '=', v.id).executeTakeFirst();
		if (!team) throw new NotFound('team', v.id);
		const dup = await tx
			.selectFrom('teams')
			.select('id')
			.where('organisation_id', '=', team.organisation_id)
			.where('name', '=', v.name)
			.where('id', '!=', v.id)
			.executeTakeFirst();
		if (dup) throw new Conflict('duplicate', `A team named ${v.name} exists already`, { field: 'name' });
		await tx.updateTable('teams').set({ name: v.name }).where('id', '=', v.id).execute();
		await audit(tx, actor, { action: 'update', resourceType: 'team', resourceId: v.id, summary: 'name' });
	});
}

/** Members leave the team with it; their accounts stay. */
export async function deleteTeam(db: Db, actor: Actor, id: string): Promise<void> {
	authorize(actor, 'delete', 'team');
	const teamId = parseInput(recordId, id);
	await inTransaction(db, async (tx) => {
		const team = await tx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
		if (!team) throw new NotFound('team', teamId);
		await tx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
		await tx.deleteFrom('teams').where('id', '=', teamId).execute();
		await audit(tx, actor, { action: 'delete', resourceType: 'team', resourceId: teamId });
	});
}

/** A team holds staff of its own organisation only: a housing company's team is not a place for OCMW staff. */
export async function addTeamMember(db: Db, actor: Actor, input: TeamMembership): Promise<void> {
	authorize(actor, 'manage-members', 'team');
	const v = parseInput(teamMembership, input);
	await inTransaction(db, async (tx) => {
		const team = await tx.selectFrom('teams').select(['id', 'organisation_id']).where('id', '=', v.teamId).executeTakeFirst();
		if (!team) throw new NotFound('team', v.teamId);
		const user = await tx.selectFrom('users').select(['id', 'organisation_id']).where('id', '=', v.userId).executeTakeFirst();
		if (!user) throw new NotFound('user', v.userId);
		if (user.organisation_id !== team.organisation_id) throw Invalid.field('userId', 'team_other_organisation', 'This person works for another organisation');
		const already = await tx.selectFrom('team_members').select('user_id').where('team_id', '=', v.teamId).where('user_id', '=', v.userId).executeTakeFirst();
		if (already) return;
		await tx.insertInto('team_members').values({ team_id: v.teamId, user_id: v.userId }).execute();
		await audit(tx, actor, { action: 'add-member', resourceType: 'team', resourceId: v.teamId, summary: `user ${v.userId}` });
	});
}

export async function removeTeamMember(db: Db, actor: Actor, input: TeamMembership): Promise<void> {
	authorize(actor, 'manage-members', 'team');
	const v = parseInput(teamMembership, input);
	await inTransaction(db, async (tx) => {
		const result = await tx.deleteFrom('team_members').where('team_id', '=', v.teamId).where('user_id', '=', v.userId).executeTakeFirst();
		if (Number(result.numDeletedRows) === 0) throw new NotFound('team member', v.userId);
		await audit(tx, actor, { action: 'remove-member', resourceType: 'team', resourceId: v.teamId, summary: `user ${v.userId}` });
	});
}
