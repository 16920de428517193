// Test data for the areas module: staff actors with a role, and the real municipality boundaries from the shared data.
import { readFileSync } from 'node:fs';
import type { StaffActor } from '../access/actor';
import type { Db } from '../db/database';
import { newId, nowIso } from '../db/ids';
import type { OrganisationKind, Role } from '../db/schema';
import type { AreaGeometry } from './geometry';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

/** A staff user row and the actor a session would give them; their organisation works in `worksIn`. */
export async function buildStaffActor(
	db: Db,
	role: Role,
	organisationKind: OrganisationKind = 'regional_institute',
	options: { worksIn?: string[] } = {}
): Promise<StaffActor> {
	const at = nowIso();
	const orgId = newId();
	await db
		.insertInto('organisations')
		.values({ id: orgId, name: `Org ${next()}`, kind: organisationKind, municipality_id: null, email: null, phone: null, created_at: at, updated_at: at })
		.execute();
	for (const areaId of options.worksIn ?? [])
		await db.insertInto('organisation_areas').values({ organisation_id: orgId, area_id: areaId, created_at: at }).execute();
	const id = newId();
	const email = `${next()}@areas.test`;
	const name = `Staff ${next()}`;
	await db
		.insertInto('users')
		.values({
			id,
			email,
			name,
			password_hash: null,
			organisation_id: orgId,
			role,
			locale: 'nl',
			is_active: true,
			created_at: at,
			updated_at: at,
			last_login_at: null
		})
		.execute();
	return { kind: 'staff', id, name, email, role, organisationId: orgId, organisationKind, teamIds: [], reach: { areaIds: new Set(options.worksIn ?? []) } };
}

/** Brecht, Harelbeke, Menen, Oostende, Tielt and Wevelgem (2020 boundaries, CC0), as the demo data keeps them. */
export const sixMunicipalitiesText = (): string => readFileSync(new URL('../demo/municipalities.geo.json', import.meta.url), 'utf8');

/** A square boundary, handy for neighbourhoods in tests. */
export const squareBoundary = (lon: number, lat: number, size: number): AreaGeometry => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon, lat],
			[lon + size, lat],
			[lon + size, lat + size],
			[lon, lat + size],
			[lon, lat]
		]
	]
});

export const featureCollection = (features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });
export const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
