// Where each organisation works: its working areas. The reach of a staff member's organisation is loaded once per
// request (auth/sessions.ts) and the access policy checks every item against it (core/access/reach.ts); admins set
// the working areas on the organisation's page.
import { audit, authorize, type Actor, type Reach } from '../access';
import { inTransaction, type Db } from '../db';
import { nowIso } from '../db';
import { Conflict, NotFound } from '../errors';
import { parseInput } from '../validation';
import { workingAreaInput, type WorkingAreaInput } from './model';

/** The working areas of an organisation (none without an organisation). */
export async function loadReach(db: Db, organisationId: string | null): Promise<Reach> {
	if (!organisationId) return { areaIds: new Set() };
	const rows = await db.selectFrom('organisation_areas').select('area_id').where('organisation_id', '=', organisationId).execute();
	return { areaIds: new Set(rows.map((r) => r.area_id)) };
}

export type WorkingArea = { areaId: string; name: string; kind: string; parentName: string | null };

export async function listWorkingAreas(db: Db, actor: Actor, organisationId: string): Promise<WorkingArea[]> {
	authorize(actor, 'read', 'organisation');
	const rows = await db
		.selectFrom('organisation_areas as oa')
		.innerJoin('areas as a', 'a.id', 'oa.area_id')
		.leftJoin('areas as p', 'p.id', 'a.parent_id')
		.select(['a.id', 'a.name', 'a.kind', 'p.name as parent_name'])
		.where('oa.organisation_id', '=', organisationId)
		.orderBy('a.name')
		.execute();
	return rows.map((r) => ({ areaId: r.id, name: r.name, kind: r.kind, parentName: r.parent_name }));
}

export async function addWorkingArea(db: Db, actor: Actor, input: WorkingAreaInput): Promise<void> {
	authorize(actor, 'update', 'organisation');
	const v = parseInput(workingAreaInput, input);
	await inTransaction(db, async (tx) => {
		const org = await tx.selectFrom('organisations').select('id').where('id', '=', v.organisationId).executeTakeFirst();
		if (!org) throw new NotFound('organisation', v.organisationId);
		const area = await tx.selectFrom('areas').select('id').where('id', '=', v.areaId).executeTakeFirst();
		if (!area) throw new NotFound('area', v.areaId);
		const already = await tx
			.selectFrom('organisation_areas')
			.select('area_id')
			.where('organisation_id', '=', v.organisationId)
			.where('area_id', '=', v.areaId)
			.executeTakeFirst();
		if (already) throw new Conflict('duplicate', 'The organisation works in this area already', { field: 'areaId' });
		await tx.insertInto('organisation_areas').values({ organisation_id: v.organisationId, area_id: v.areaId, created_at: nowIso() }).execute();
		await audit(tx, actor, { action: 'add-working-area', resourceType: 'organisation', resourceId: v.organisationId, summary: `area ${v.areaId}` });
	});
}

export async function removeWorkingArea(db: Db, actor: Actor, input: WorkingAreaInput): Promise<void> {
	authorize(actor, 'update', 'organisation');
	const v = parseInput(workingAreaInput, input);
	await inTransaction(db, async (tx) => {
		const result = await tx.deleteFrom('organisation_areas').where('organisation_id', '=', v.organisationId).where('area_id', '=', v.areaId).executeTakeFirst();
		if (Number(result.numDeletedRows) === 0) throw new NotFound('working area', v.areaId);
		await audit(tx, actor, { action: 'remove-working-area', resourceType: 'organisation', resourceId: v.organisationId, summary: `area ${v.areaId}` });
	});
}

export type OrganisationChoice = { id: string; name: string; kind: string };

/**
 * The organisations that work at a place: a working area on the place's area path, or the housing company that lets
 * its estate. Not personal data: who may receive a referral about something there.
 */
export async function organisationsWorkingAt(db: Db, place: { areaPath: readonly string[]; housingCompanyId?: string | null }): Promise<OrganisationChoice[]> {
	const path = [...place.areaPath];
	if (path.length === 0 && !place.housingCompanyId) return [];
	return db
		.selectFrom('organisations as o')
		.select(['o.id', 'o.name', 'o.kind'])
		.where((eb) =>
			eb.or([
				...(path.length > 0
					? [
							eb.exists(
								eb.selectFrom('organisation_areas as oa').select('oa.area_id').whereRef('oa.organisation_id', '=', 'o.id').where('oa.area_id', 'in', path)
							)
						]
					: []),
				...(place.housingCompanyId ? [eb('o.id', '=', place.housingCompanyId)] : [])
			])
		)
		.orderBy('o.name')
		.execute();
}
