// Places inside an area: estates (sociale woonwijken), their buildings and the dwellings in them. Not personal data,
// but only staff shape them; the public sees estates by name and street (public.ts), never dwellings.
import { sql } from 'kysely';
import { audit, authorize, can, type Actor } from '../access';
import type { PlaceContext } from '../access';
import { inTransaction, type Db } from '../db';
import { newId, nowIso } from '../db';
import type { Building, Dwelling, Estate } from '../db';
import { Conflict, Invalid, NotFound } from '../errors';
import { organisationById } from '../partners';
import { parseInput } from '../validation';
import { numberKey, streetKey } from './addresses';
import type { AreaGeometry } from './geometry';
import { buildingInput, dwellingInput, estateInput, type BuildingInput, type DwellingInput, type EstateInput } from './model';
import { freeSlug } from './areas';
import { areaPath } from './tree';

async function requireEstate(db: Db, id: string): Promise<Estate> {
	const row = await db.selectFrom('estates').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFound('estate', id);
	return row;
}

async function requireBuilding(db: Db, id: string): Promise<Building> {
	const row = await db.selectFrom('buildings').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFound('building', id);
	return row;
}

async function requireDwelling(db: Db, id: string): Promise<Dwelling> {
	const row = await db.selectFrom('dwellings').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFound('dwelling', id);
	return row;
}

/** A place as the policy sees it: the path of its area up to the region. */
async function placeIn(db: Db, areaId: string | null | undefined): Promise<PlaceContext> {
	return { areaPath: await areaPath(db, areaId) };
}

async function areaOfBuilding(db: Db, buildingId: string): Promise<string | null> {
	const row = await db
		.selectFrom('buildings as b')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.select('e.area_id')
		.where('b.id', '=', buildingId)
		.executeTakeFirst();
	return row?.area_id ?? null;
}

/**
 * Refuses who may not shape this kind of place in this area: an edit or "new" page asks before it shows its form, as
 * its action would refuse the post.
 */
export async function authorizeShaping(db: Db, actor: Actor, resource: 'area' | 'estate' | 'building' | 'dwelling', areaId: string | null): Promise<void> {
	authorize(actor, 'update', resource, await placeIn(db, areaId));
}

/** What the actor may shape in this area (the buttons of the area and estate pages), from one walk up the tree. */
export async function shapingRights(db: Db, actor: Actor, areaId: string | null) {
	const place = await placeIn(db, areaId);
	const may = (action: string, resource: string) => can(actor, action, resource, place);
	return {
		editArea: may('update', 'area'),
		createArea: may('create', 'area'),
		createEstate: may('create', 'estate'),
		editEstate: may('update', 'estate'),
		createBuilding: may('create', 'building'),
		editBuilding: may('update', 'building'),
		createDwelling: may('create', 'dwelling'),
		editDwelling: may('update', 'dwelling')
	};
}

async function checkEstateRefs(db: Db, v: { areaId: string; housingCompanyId: string | null }): Promise<void> {
	const area = await db.selectFrom('areas').select('id').where('id', '=', v.areaId).executeTakeFirst();
	if (!area) throw Invalid.field('areaId', 'not_found', 'The area does not exist');
	if (v.housingCompanyId) {
		const org = await organisationById(db, v.housingCompanyId);
		if (!org || org.kind !== 'housing_company') throw Invalid.field('housingCompanyId', 'not_found', 'Not a housing company');
	}
}

async function checkEstateSlug(db: Db, slug: string, exceptId?: string): Promise<void> {
	const dup = await db.selectFrom('estates').select('id').where('slug', '=', slug).executeTakeFirst();
	if (dup && dup.id !== exceptId) throw new Conflict('duplicate', `The estate address ${slug} is taken`, { field: 'slug' });
}

export async function createEstate(db: Db, actor: Actor, input: EstateInput): Promise<Estate> {
	const v = parseInput(estateInput, input);
	return inTransaction(db, async (tx) => {
		await checkEstateRefs(tx, v);
		authorize(actor, 'create', 'estate', await placeIn(tx, v.areaId));
		const slug = v.slug ?? (await freeSlug(tx, 'estates', v.name));
		await checkEstateSlug(tx, slug);
		const at = nowIso();
		const row: Estate = {
			id: newId(),
			area_id: v.areaId,
			name: v.name,
			slug,
			housing_company_id: v.housingCompanyId,
			description: v.description,
			lon: v.lon,
			lat: v.lat,
			boundary: v.boundary,
			created_at: at,
			updated_at: at
		};
		await tx.insertInto('estates').values(row).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'estate', resourceId: row.id });
		return row;
	});
}

export async function updateEstate(db: Db, actor: Actor, id: string, input: EstateInput, options: { clearBoundary?: boolean } = {}): Promise<Estate> {
	const v = parseInput(estateInput, input);
	return inTransaction(db, async (tx) => {
		const current = await requireEstate(tx, id);
		authorize(actor, 'update', 'estate', await placeIn(tx, current.area_id));
		await checkEstateRefs(tx, v);
		if (v.areaId !== current.area_id) authorize(actor, 'update', 'estate', await placeIn(tx, v.areaId));
		const slug = v.slug ?? current.slug;
		await checkEstateSlug(tx, slug, id);
		const changes = {
			area_id: v.areaId,
			name: v.name,
			slug,
			housing_company_id: v.housingCompanyId,
			description: v.description,
			lon: v.lon,
			lat: v.lat,
			boundary: v.boundary ?? (options.clearBoundary ? null : (current.boundary as AreaGeometry | null)),
			updated_at: nowIso()
		};
		await tx.updateTable('estates').set(changes).where('id', '=', id).execute();
		await audit(tx, actor, { action: 'update', resourceType: 'estate', resourceId: id });
		return { ...current, ...changes };
	});
}

export type EstateWithCounts = Estate & { buildings: number; dwellings: number; households: number };

/** The estates of an area with how many buildings, dwellings and current households each has. */
export async function listEstates(db: Db, actor: Actor, areaId: string): Promise<EstateWithCounts[]> {
	authorize(actor, 'list', 'estate');
	return db
		.selectFrom('estates as e')
		.selectAll('e')
		.select((eb) => [
			eb.selectFrom('buildings as b').whereRef('b.estate_id', '=', 'e.id').select(eb.fn.countAll<number>().as('n')).as('buildings'),
			eb
				.selectFrom('dwellings as d')
				.innerJoin('buildings as b', 'b.id', 'd.building_id')
				.whereRef('b.estate_id', '=', 'e.id')
				.select(eb.fn.countAll<number>().as('n'))
				.as('dwellings'),
			// A count only (no names): households belong to the people module, which decides who may see them.
			eb
				.selectFrom('households as h')
				.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
				.innerJoin('buildings as b', 'b.id', 'd.building_id')
				.whereRef('b.estate_id', '=', 'e.id')
				.where('h.move_out_date', 'is', null)
				.select(eb.fn.countAll<number>().as('n'))
				.as('households')
		])
		.where('e.area_id', '=', areaId)
		.orderBy('e.name')
		.execute()
		.then((rows) =>
			rows.map((r) => ({ ...r, buildings: Number(r.buildings ?? 0), dwellings: Number(r.dwellings ?? 0), households: Number(r.households ?? 0) }))
		);
}

export async function getEstateBySlug(db: Db, actor: Actor, slug: string): Promise<Estate> {
	authorize(actor, 'read', 'estate');
	const row = await db.selectFrom('estates').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst();
	if (!row) throw new NotFound('estate', slug);
	return row;
}

export async function createBuilding(db: Db, actor: Actor, input: BuildingInput): Promise<Building> {
	const v = parseInput(buildingInput, input);
	return inTransaction(db, async (tx) => {
		const estate = await tx.selectFrom('estates').select(['id', 'area_id']).where('id', '=', v.estateId).executeTakeFirst();
		if (!estate) throw Invalid.field('estateId', 'not_found', 'The estate does not exist');
		authorize(actor, 'create', 'building', await placeIn(tx, estate.area_id));
		const row: Building = {
			id: newId(),
			estate_id: v.estateId,
			name: v.name,
			street: v.street,
			house_number: v.houseNumber,
			postal_code: v.postalCode,
			lon: v.lon,
			lat: v.lat,
			street_key: streetKey(v.street),
			number_key: numberKey(v.houseNumber),
			created_at: nowIso()
		};
		await tx.insertInto('buildings').values(row).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'building', resourceId: row.id });
		return row;
	});
}

export async function updateBuilding(db: Db, actor: Actor, id: string, input: BuildingInput): Promise<Building> {
	const v = parseInput(buildingInput, input);
	return inTransaction(db, async (tx) => {
		const current = await requireBuilding(tx, id);
		authorize(actor, 'update', 'building', await placeIn(tx, await areaOfBuilding(tx, id)));
		if (v.estateId !== current.estate_id) throw Invalid.field('estateId', 'invalid_value', 'A building stays in its estate');
		const changes = {
			name: v.name,
			street: v.street,
			house_number: v.houseNumber,
			postal_code: v.postalCode,
			lon: v.lon,
			lat: v.lat,
			street_key: streetKey(v.street),
			number_key: numberKey(v.houseNumber)
		};
		await tx.updateTable('buildings').set(changes).where('id', '=', id).execute();
		await audit(tx, actor, { action: 'update', resourceType: 'building', resourceId: id });
		return { ...current, ...changes };
	});
}

export async function getBuilding(db: Db, actor: Actor, id: string): Promise<Building> {
	authorize(actor, 'read', 'building');
	return requireBuilding(db, id);
}

export async function listBuildings(db: Db, actor: Actor, estateId: string): Promise<Building[]> {
	authorize(actor, 'list', 'building');
	return db.selectFrom('buildings').selectAll().where('estate_id', '=', estateId).orderBy('name').orderBy('street').orderBy('house_number').execute();
}

async function checkExternalRef(db: Db, ref: string | null, exceptId?: string): Promise<void> {
	if (!ref) return;
	const dup = await db.selectFrom('dwellings').select('id').where('external_ref', '=', ref).executeTakeFirst();
	if (dup && dup.id !== exceptId) throw new Conflict('duplicate', `Dwelling number ${ref} is taken`, { field: 'externalRef' });
}

export async function createDwelling(db: Db, actor: Actor, input: DwellingInput): Promise<Dwelling> {
	const v = parseInput(dwellingInput, input);
	return inTransaction(db, async (tx) => {
		const building = await tx.selectFrom('buildings').select('id').where('id', '=', v.buildingId).executeTakeFirst();
		if (!building) throw Invalid.field('buildingId', 'not_found', 'The building does not exist');
		authorize(actor, 'create', 'dwelling', await placeIn(tx, await areaOfBuilding(tx, v.buildingId)));
		await checkExternalRef(tx, v.externalRef);
		const at = nowIso();
		const row: Dwelling = {
			id: newId(),
			building_id: v.buildingId,
			external_ref: v.externalRef,
			unit: v.unit,
			street: v.street,
			house_number: v.houseNumber,
			box: v.box,
			postal_code: v.postalCode,
			bedrooms: v.bedrooms,
			street_key: streetKey(v.street),
			number_key: numberKey(v.houseNumber),
			created_at: at,
			updated_at: at
		};
		await tx.insertInto('dwellings').values(row).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'dwelling', resourceId: row.id });
		return row;
	});
}

export async function updateDwelling(db: Db, actor: Actor, id: string, input: DwellingInput): Promise<Dwelling> {
	const v = parseInput(dwellingInput, input);
	return inTransaction(db, async (tx) => {
		const current = await requireDwelling(tx, id);
		authorize(actor, 'update', 'dwelling', await placeIn(tx, await areaOfBuilding(tx, current.building_id)));
		const building = await tx.selectFrom('buildings').select('id').where('id', '=', v.buildingId).executeTakeFirst();
		if (!building) throw Invalid.field('buildingId', 'not_found', 'The building does not exist');
		if (v.buildingId !== current.building_id) authorize(actor, 'update', 'dwelling', await placeIn(tx, await areaOfBuilding(tx, v.buildingId)));
		await checkExternalRef(tx, v.externalRef, id);
		const changes = {
			building_id: v.buildingId,
			external_ref: v.externalRef,
			unit: v.unit,
			street: v.street,
			house_number: v.houseNumber,
			box: v.box,
			postal_code: v.postalCode,
			bedrooms: v.bedrooms,
			street_key: streetKey(v.street),
			number_key: numberKey(v.houseNumber),
			updated_at: nowIso()
		};
		await tx.updateTable('dwellings').set(changes).where('id', '=', id).execute();
		await audit(tx, actor, { action: 'update', resourceType: 'dwelling', resourceId: id });
		return { ...current, ...changes };
	});
}

export async function getDwelling(db: Db, actor: Actor, id: string): Promise<Dwelling> {
	authorize(actor, 'read', 'dwelling');
	return requireDwelling(db, id);
}

/** Dwellings of a whole estate or of one building, in address order. */
export async function listDwellings(db: Db, actor: Actor, where: { estateId: string } | { buildingId: string }): Promise<Dwelling[]> {
	authorize(actor, 'list', 'dwelling');
	let q = db.selectFrom('dwellings as d').selectAll('d');
	q =
		'buildingId' in where
			? q.where('d.building_id', '=', where.buildingId)
			: q.innerJoin('buildings as b', 'b.id', 'd.building_id').where('b.estate_id', '=', where.estateId);
	// House numbers sort as numbers first ("2" before "10"), then as text ("10a" after "10").
	return q
		.orderBy('d.street')
		.orderBy(sql`length(d.house_number)`)
		.orderBy('d.house_number')
		.orderBy('d.box')
		.execute();
}
