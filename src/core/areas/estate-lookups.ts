// Estates looked up by id or name for other modules, without an actor: places are not personal data, and the caller
// checks its own access first.
import type { Db } from '../db';

export type EstateRef = { id: string; name: string; slug: string; areaId: string; housingCompanyId: string | null; lon: number | null; lat: number | null };

const columns = ['id', 'name', 'slug', 'area_id', 'housing_company_id', 'lon', 'lat'] as const;
const toRef = (e: {
	id: string;
	name: string;
	slug: string;
	area_id: string;
	housing_company_id: string | null;
	lon: number | null;
	lat: number | null;
}): EstateRef => ({
	id: e.id,
	name: e.name,
	slug: e.slug,
	areaId: e.area_id,
	housingCompanyId: e.housing_company_id,
	lon: e.lon,
	lat: e.lat
});

/** One estate, or null when there is none with that id. */
export async function estateById(db: Db, id: string): Promise<EstateRef | null> {
	const row = await db.selectFrom('estates').select(columns).where('id', '=', id).executeTakeFirst();
	return row ? toRef(row) : null;
}

/** The estates with these names (unknown names are left out), by name. */
export async function estatesByName(db: Db, names: readonly string[]): Promise<EstateRef[]> {
	if (names.length === 0) return [];
	const rows = await db.selectFrom('estates').select(columns).where('name', 'in', names).orderBy('name').execute();
	return rows.map(toRef);
}
