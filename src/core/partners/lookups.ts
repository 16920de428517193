// What other modules need to know of organisations and teams, by id, without an actor: the caller has checked the
// policy for its own action. Staff accounts (auth) keep their team memberships through these, so only partners
// writes `team_members`.
import type { Db } from '../db';
import type { OrganisationKind } from '../db';

/** Whether an organisation exists. */
export async function organisationExists(db: Db, id: string): Promise<boolean> {
	return !!(await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst());
}

/** An organisation's name and kind, or null when there is none with that id. */
export async function organisationById(db: Db, id: string): Promise<{ id: string; name: string; kind: OrganisationKind } | null> {
	return (await db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** An organisation found by its exact name, or null. */
export async function organisationByName(db: Db, name: string): Promise<{ id: string; name: string; kind: OrganisationKind } | null> {
	return (await db.selectFrom('organisations').select(['id', 'name', 'kind']).where('name', '=', name).executeTakeFirst()) ?? null;
}

/** The organisations of one kind (say, every housing company), by name. */
export async function organisationsOfKind(db: Db, kind: OrganisationKind): Promise<Array<{ id: string; name: string }>> {
	return db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', kind).orderBy('name').execute();
}

/** The names of the organisations with these ids (unknown ids are left out). */
export async function organisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', unique).execute();
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** The teams with these ids and the organisation of each (unknown ids are left out). */
export async function teamsByIds(db: Db, ids: readonly string[]): Promise<{ id: string; organisationId: string }[]> {
	if (ids.length === 0) return [];
	const rows = await db.selectFrom('teams').select(['id', 'organisation_id']).where('id', 'in', ids).execute();
	return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id }));
}

/** The teams a staff member belongs to. */
export async function teamIdsOfMember(db: Db, userId: string): Promise<string[]> {
	return (await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute()).map((t) => t.team_id);
}

/** Puts a staff member in exactly these teams (none: out of every team). Run it inside the caller's transaction. */
export async function setTeamsOfMember(db: Db, userId: string, teamIds: readonly string[]): Promise<void> {
	await db.deleteFrom('team_members').where('user_id', '=', userId).execute();
	if (teamIds.length > 0)
		await db
			.insertInto('team_members')
			.values(teamIds.map((team_id) => ({ team_id, user_id: userId })))
			.execute();
}

/** How many organisations and teams there are (the admin overview). */
export async function countOrganisationsAndTeams(db: Db): Promise<{ organisations: number; teams: number }> {
	const [organisations, teams] = await Promise.all([
		db
			.selectFrom('organisations')
			.select((e) => e.fn.countAll<number>().as('n'))
			.executeTakeFirst(),
		db
			.selectFrom('teams')
			.select((e) => e.fn.countAll<number>().as('n'))
			.executeTakeFirst()
	]);
	return { organisations: Number(organisations?.n ?? 0), teams: Number(teams?.n ?? 0) };
}
