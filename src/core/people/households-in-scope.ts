// The households living on a set of estates now, for other modules that reach every household (a survey's code
// letters, its response rates). Addresses and counts only, no names and no residents: the caller checks its own access
// first and keeps what it gets no longer than it needs it (letters are printed, then forgotten).
import type { Db } from '../db';

export type HouseholdAddress = { householdId: string; estateId: string; street: string; houseNumber: string; box: string | null; postalCode: string };

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Households with a dwelling on one of the estates that have not moved out (a move-out date still to come counts). */
export async function householdsLivingOn(db: Db, estateIds: readonly string[], now = new Date()): Promise<HouseholdAddress[]> {
	if (estateIds.length === 0) return [];
	const rows = await db
		.selectFrom('households as h')
		.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.innerJoin('buildings as b', 'b.id', 'd.building_id')
		.select(['h.id', 'b.estate_id', 'd.street', 'd.house_number', 'd.box', 'd.postal_code'])
		.where('b.estate_id', 'in', [...estateIds])
		.where((eb) => eb.or([eb('h.move_out_date', 'is', null), eb('h.move_out_date', '>', today(now))]))
		.orderBy('b.estate_id')
		.orderBy('d.street')
		.orderBy('d.house_number')
		.orderBy('d.box')
		.orderBy('h.id')
		.execute();
	return rows.map((r) => ({ householdId: r.id, estateId: r.estate_id, street: r.street, houseNumber: r.house_number, box: r.box, postalCode: r.postal_code }));
}

/** How many households live on each estate now (estates without any are left out of the map). */
export async function householdCountsOn(db: Db, estateIds: readonly string[], now = new Date()): Promise<Map<string, number>> {
	if (estateIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('households as h')
		.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.innerJoin('buildings as b', 'b.id', 'd.building_id')
		.select(['b.estate_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('b.estate_id', 'in', [...estateIds])
		.where((eb) => eb.or([eb('h.move_out_date', 'is', null), eb('h.move_out_date', '>', today(now))]))
		.groupBy('b.estate_id')
		.execute();
	return new Map(rows.map((r) => [r.estate_id, Number(r.n)]));
}
