// Teams inside a partner organisation and who is in them. Each call checks the access policy and runs in one
// transaction with its audit entry.
import { audit, authorize, type Actor } from '../access';
import type { Db } from '../db';
import { inTransaction } from '../db';
import { newId, nowIso } from '../db';
import { Conflict, Invalid, NotFound } from '../errors';
import { parseInput } from '../validation';
import { recordId, teamInput, teamMembership, teamRename, type TeamInput, type TeamMembership, type TeamRename } from './model';

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
