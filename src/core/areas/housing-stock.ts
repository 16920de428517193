// A housing company's stock as other modules need it: its estates, buildings and dwellings for the tenant import, the
// dwellings it lets as a subquery (to find the households living in them), and the import's writes of buildings and
// dwellings. No actor: the caller (people's tenant import) has checked the policy and writes its own audit entries.
import type { Insertable, Updateable } from 'kysely';
import type { BuildingTable, Db, DwellingTable } from '../db';
import { nowIso } from '../db';
import { addressKeys } from './addresses';

/** The ids of the estates a housing company lets, as a subquery. */
export function estateIdsOfHousingCompany(db: Db, housingCompanyId: string) {
	return db.selectFrom('estates').select('id').where('housing_company_id', '=', housingCompanyId);
}

/** The ids of the dwellings in a housing company's estates, as a subquery (`where('dwelling_id', 'in', …)`). */
export function dwellingIdsOfHousingCompany(db: Db, housingCompanyId: string) {
	return db
		.selectFrom('dwellings as cd')
		.innerJoin('buildings as cb', 'cb.id', 'cd.building_id')
		.select('cd.id')
		.where('cb.estate_id', 'in', estateIdsOfHousingCompany(db, housingCompanyId));
}

/** The areas the estates of a housing company lie in, each once. */
export async function areasOfHousingCompanyEstates(db: Db, housingCompanyId: string): Promise<string[]> {
	const rows = await db.selectFrom('estates').select('area_id').distinct().where('housing_company_id', '=', housingCompanyId).execute();
	return rows.map((r) => r.area_id);
}

export type StockEstate = { id: string; name: string; slug: string; housingCompanyId: string | null };
export type StockBuilding = { id: string; estateId: string; street: string | null; houseNumber: string | null };
export type StockDwelling = {
	id: string;
	buildingId: string;
	estateId: string;
	externalRef: string | null;
	street: string;
	houseNumber: string;
	box: string | null;
	postalCode: string;
};

/** Every estate (a file may name another company's), and the buildings and dwellings of the company's own estates. */
export async function housingStockOf(
	db: Db,
	housingCompanyId: string
): Promise<{ estates: StockEstate[]; buildings: StockBuilding[]; dwellings: StockDwelling[] }> {
	const companyEstates = estateIdsOfHousingCompany(db, housingCompanyId);
	const [estates, buildings, dwellings] = await Promise.all([
		db.selectFrom('estates').select(['id', 'name', 'slug', 'housing_company_id']).execute(),
		db.selectFrom('buildings').select(['id', 'estate_id', 'street', 'house_number']).where('estate_id', 'in', companyEstates).execute(),
		db
			.selectFrom('dwellings as d')
			.innerJoin('buildings as b', 'b.id', 'd.building_id')
			.select(['d.id', 'd.building_id', 'b.estate_id', 'd.external_ref', 'd.street', 'd.house_number', 'd.box', 'd.postal_code'])
			.where('b.estate_id', 'in', companyEstates)
			.execute()
	]);
	return {
		estates: estates.map((e) => ({ id: e.id, name: e.name, slug: e.slug, housingCompanyId: e.housing_company_id })),
		buildings: buildings.map((b) => ({ id: b.id, estateId: b.estate_id, street: b.street, houseNumber: b.house_number })),
		dwellings: dwellings.map((d) => ({
			id: d.id,
			buildingId: d.building_id,
			estateId: d.estate_id,
			externalRef: d.external_ref,
			street: d.street,
			houseNumber: d.house_number,
			box: d.box,
			postalCode: d.postal_code
		}))
	};
}

/** Of these dwelling numbers, the ones that belong to dwellings outside the company's estates (as stored). */
export async function dwellingRefsOutsideHousingCompany(db: Db, housingCompanyId: string, refs: readonly string[]): Promise<string[]> {
	const unique = [...new Set(refs)];
	const found: string[] = [];
	for (let i = 0; i < unique.length; i += 500) {
		const taken = await db
			.selectFrom('dwellings as d')
			.innerJoin('buildings as b', 'b.id', 'd.building_id')
			.select('d.external_ref')
			.where('d.external_ref', 'in', unique.slice(i, i + 500))
			.where('b.estate_id', 'not in', estateIdsOfHousingCompany(db, housingCompanyId))
			.execute();
		for (const t of taken) if (t.external_ref) found.push(t.external_ref);
	}
	return found;
}

type New<T> = Omit<Insertable<T>, 'id' | 'created_at' | 'updated_at'>;
type Change<T> = Omit<Updateable<T>, 'id' | 'created_at' | 'updated_at'>;

/** Stores a building the tenant import found, with its address keys. */
export async function insertImportedBuilding(db: Db, id: string, values: New<BuildingTable>): Promise<void> {
	await db
		.insertInto('buildings')
		.values({ ...values, ...addressKeys(values), id, created_at: nowIso() })
		.execute();
}

/** Stores a dwelling the tenant import found, with its address keys. */
export async function insertImportedDwelling(db: Db, id: string, values: New<DwellingTable>): Promise<void> {
	const at = nowIso();
	await db
		.insertInto('dwellings')
		.values({ ...values, ...addressKeys(values), id, created_at: at, updated_at: at })
		.execute();
}

/** Changes a dwelling as the tenant import found it, with its address keys. */
export async function updateImportedDwelling(db: Db, id: string, values: Change<DwellingTable>): Promise<void> {
	await db
		.updateTable('dwellings')
		.set({ ...values, ...addressKeys(values), updated_at: nowIso() })
		.where('id', '=', id)
		.execute();
}
