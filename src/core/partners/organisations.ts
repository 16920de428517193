// Partner organisations: create, list, read, change and delete them. Staff accounts are in core/auth (accounts.ts),
// teams in teams.ts. Each call checks the access policy and runs in one transaction with its audit entry.
import { audit, authorize, type Actor } from '../access';
import type { Db } from '../db';
import { inTransaction } from '../db';
import { newId, nowIso } from '../db';
import type { Organisation } from '../db';
import { Conflict, NotFound } from '../errors';
import { parseInput } from '../validation';
import { changedFields } from './changes';
import { organisationInput, organisationUpdate, recordId, type OrganisationInput, type OrganisationUpdate } from './model';

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
