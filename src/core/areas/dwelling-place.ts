// Where a dwelling is: its address, building, estate, the estate's area and landlord. The one home of the dwelling →
// building → estate lookup for other modules (a household's estate, a resident's landlord, a signal's place); no
// actor: places are not personal data, and the caller checks its own access first.
import { sql } from 'kysely';
import type { Db } from '../db';
import { AREA_TREE_DEPTH } from './tree';

export type DwellingPlace = {
	dwellingId: string;
	street: string;
	houseNumber: string;
	box: string | null;
	postalCode: string;
	externalRef: string | null;
	buildingId: string;
	estateId: string;
	estateName: string;
	estateSlug: string;
	areaId: string;
	housingCompanyId: string | null;
};

/** The place of one dwelling, or null when there is none with that id. */
export async function placeOfDwelling(db: Db, dwellingId: string): Promise<DwellingPlace | null> {
	const row = await db
		.selectFrom('dwellings as d')
		.innerJoin('buildings as b', 'b.id', 'd.building_id')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.select([
			'd.id',
			'd.street',
			'd.house_number',
			'd.box',
			'd.postal_code',
			'd.external_ref',
			'd.building_id',
			'e.id as estate_id',
			'e.name as estate_name',
			'e.slug as estate_slug',
			'e.area_id',
			'e.housing_company_id'
		])
		.where('d.id', '=', dwellingId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		dwellingId: row.id,
		street: row.street,
		houseNumber: row.house_number,
		box: row.box,
		postalCode: row.postal_code,
		externalRef: row.external_ref,
		buildingId: row.building_id,
		estateId: row.estate_id,
		estateName: row.estate_name,
		estateSlug: row.estate_slug,
		areaId: row.area_id,
		housingCompanyId: row.housing_company_id
	};
}

/**
 * What the access policy needs of a dwelling: its landlord and its estate's area with every area above it (nearest
 * first), in one query, so reading a person's record costs one round trip for the place. Null for an unknown dwelling.
 */
export async function landlordAndAreaPathOfDwelling(db: Db, dwellingId: string): Promise<{ housingCompanyId: string | null; areaPath: string[] } | null> {
	const { rows } = await sql<{ housing_company_id: string | null; id: string | null }>`
		with recursive place(housing_company_id, area_id) as (
			select e.housing_company_id, e.area_id from dwellings d
			join buildings b on b.id = d.building_id
			join estates e on e.id = b.estate_id
			where d.id = ${dwellingId}
		),
		chain(id, parent_id, depth) as (
			select a.id, a.parent_id, 0 from areas a join place p on a.id = p.area_id
			union all
			select a.id, a.parent_id, c.depth + 1 from areas a join chain c on a.id = c.parent_id where c.depth < ${AREA_TREE_DEPTH - 1}
		)
		select p.housing_company_id, c.id from place p left join chain c on 1 = 1 order by c.depth`.execute(db);
	if (rows.length === 0) return null;
	const areaPath: string[] = [];
	for (const { id } of rows) {
		if (id === null || areaPath.includes(id)) break; // a loop in the data repeats ids
		areaPath.push(id);
	}
	return { housingCompanyId: rows[0].housing_company_id, areaPath };
}
