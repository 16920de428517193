// Where a dwelling is: its address, building, estate, the estate's area and landlord. The one home of the dwelling →
// building → estate lookup for other modules (a household's estate, a resident's landlord, a signal's place); no
// actor: places are not personal data, and the caller checks its own access first.
import type { Db } from '../db';

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
