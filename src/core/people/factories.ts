// Test data for the people module: organisations, staff actors, an area with an estate, buildings and dwellings,
// written with plain inserts (setup only; the behaviour under test goes through the services).
import type { StaffActor } from '../access/actor';
import { addressKeys, areaNameKeys } from '../areas/addresses';
import type { Db } from '../db/database';
import { newId, nowIso } from '../db/ids';
import type { OrganisationKind, Role } from '../db/schema';
import { loadReach } from '../partners/reach';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

export async function buildOrganisation(
	db: Db,
	kind: OrganisationKind,
	name = `${kind} ${next()}`
): Promise<{ id: string; name: string; kind: OrganisationKind }> {
	const at = nowIso();
	const id = newId();
	await db.insertInto('organisations').values({ id, name, kind, municipality_id: null, email: null, phone: null, created_at: at, updated_at: at }).execute();
	return { id, name, kind };
}

/** A staff user row and the actor the session would give them. */
export async function buildStaff(
	db: Db,
	role: Role,
	organisation: { id: string; kind: OrganisationKind } | null,
	name = `Staff ${next()}`
): Promise<StaffActor> {
	const at = nowIso();
	const id = newId();
	const email = `${next()}@test.leefbaar`;
	await db
		.insertInto('users')
		.values({
			id,
			email,
			name,
			password_hash: null,
			organisation_id: organisation?.id ?? null,
			role,
			locale: 'nl',
			is_active: true,
			created_at: at,
			updated_at: at,
			last_login_at: null
		})
		.execute();
	return {
		kind: 'staff',
		id,
		name,
		email,
		role,
		organisationId: organisation?.id ?? null,
		organisationKind: organisation?.kind ?? null,
		teamIds: [],
		reach: await loadReach(db, organisation?.id ?? null)
	};
}

/** The organisation works in the area (and every area inside it); its staff's next request (reloadReach) sees it. */
export async function worksIn(db: Db, organisation: { id: string }, areaId: string): Promise<void> {
	await db.insertInto('organisation_areas').values({ organisation_id: organisation.id, area_id: areaId, created_at: nowIso() }).execute();
}

/** The reach of each actor as their next request loads it, after the test changed where their organisation works. */
export async function reloadReach(db: Db, ...actors: StaffActor[]): Promise<void> {
	for (const actor of actors) actor.reach = await loadReach(db, actor.organisationId);
}

export async function buildArea(
	db: Db,
	overrides: { name?: string; parentId?: string | null; kind?: 'municipality' | 'neighbourhood' } = {}
): Promise<{ id: string; name: string; slug: string }> {
	const at = nowIso();
	const id = newId();
	const name = overrides.name ?? `Wijk ${next()}`;
	const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${next()}`;
	await db
		.insertInto('areas')
		.values({
			id,
			parent_id: overrides.parentId ?? null,
			kind: overrides.kind ?? 'neighbourhood',
			name,
			name_fr: null,
			...areaNameKeys({ name, name_fr: null }),
			slug,
			code: null,
			description: null,
			boundary: null,
			min_lon: null,
			min_lat: null,
			max_lon: null,
			max_lat: null,
			created_at: at,
			updated_at: at
		})
		.execute();
	return { id, name, slug };
}

export async function buildEstate(
	db: Db,
	areaId: string,
	housingCompanyId: string | null,
	overrides: { name?: string; slug?: string } = {}
): Promise<{ id: string; name: string; slug: string }> {
	const at = nowIso();
	const id = newId();
	const name = overrides.name ?? `Estate ${next()}`;
	const slug = overrides.slug ?? `estate-${next()}`;
	await db
		.insertInto('estates')
		.values({
			id,
			area_id: areaId,
			name,
			slug,
			housing_company_id: housingCompanyId,
			description: null,
			lon: null,
			lat: null,
			boundary: null,
			created_at: at,
			updated_at: at
		})
		.execute();
	return { id, name, slug };
}

export async function buildDwelling(
	db: Db,
	estateId: string,
	overrides: { street?: string; houseNumber?: string; box?: string | null; externalRef?: string | null } = {}
): Promise<{ id: string; buildingId: string }> {
	const at = nowIso();
	const street = overrides.street ?? 'Vlasstraat';
	const houseNumber = overrides.houseNumber ?? String((seq % 90) + 1);
	const buildingId = newId();
	await db
		.insertInto('buildings')
		.values({
			id: buildingId,
			estate_id: estateId,
			name: `${street} ${houseNumber}`,
			street,
			house_number: houseNumber,
			...addressKeys({ street, house_number: houseNumber }),
			postal_code: '8560',
			lon: null,
			lat: null,
			created_at: at
		})
		.execute();
	const id = newId();
	await db
		.insertInto('dwellings')
		.values({
			id,
			building_id: buildingId,
			external_ref: overrides.externalRef ?? null,
			unit: null,
			street,
			house_number: houseNumber,
			...addressKeys({ street, house_number: houseNumber }),
			box: overrides.box ?? null,
			postal_code: '8560',
			bedrooms: null,
			created_at: at,
			updated_at: at
		})
		.execute();
	return { id, buildingId };
}

/**
 * The cast of the OCMW story: an area with an estate let by a housing company, and staff of every kind. The institute
 * and the OCMW work in the area; the housing companies reach their own estates.
 */
export async function buildPeopleWorld(db: Db) {
	const institute = await buildOrganisation(db, 'regional_institute');
	const shm = await buildOrganisation(db, 'housing_company');
	const otherShm = await buildOrganisation(db, 'housing_company');
	const ocmw = await buildOrganisation(db, 'welfare_centre');
	const area = await buildArea(db);
	const estate = await buildEstate(db, area.id, shm.id);
	const otherEstate = await buildEstate(db, area.id, otherShm.id);
	await worksIn(db, institute, area.id);
	await worksIn(db, ocmw, area.id);
	return {
		institute,
		shm,
		otherShm,
		ocmw,
		area,
		estate,
		otherEstate,
		admin: await buildStaff(db, 'admin', institute, 'Ann Beheer'),
		coordinator: await buildStaff(db, 'coordinator', institute, 'Koen Vermeulen'),
		worker: await buildStaff(db, 'community_worker', institute, 'Sara El Amrani'),
		landlord: await buildStaff(db, 'partner_staff', shm, 'Pieter Desmet'),
		otherLandlord: await buildStaff(db, 'partner_staff', otherShm, 'Els Maes'),
		ocmwWorker: await buildStaff(db, 'partner_staff', ocmw, 'Lien Vandenberghe')
	};
}
