// Which place a typed address is in, from the dwellings and buildings Leefbaar knows: the estate of that street and
// number, else the area of that street, else the municipality (or village) named. An Open311 report without
// coordinates is routed by it; the resident's report form can ask the same later.
// It never guesses: Belgium has a Kerkstraat in almost every municipality, so a street counts only with its
// municipality or postcode, and an address that fits places in different areas falls back to the smallest area
// holding them all, and says so. Only places are answered (estate, area, municipality), never a dwelling or who
// lives there.
import { sql } from 'kysely';
import type { Db } from '../db';
import type { AreaKind } from '../db';
import { formatAddress, parseAddress } from './addresses';
import { AREA_TREE_DEPTH, areaChainUp, insideAreas } from './tree';

export type AddressMatchLevel = 'address' | 'street' | 'municipality' | 'none';

export type AddressMatch = {
	/** How the place was found: the street and number of a known building, the street in the municipality, the municipality alone, or not at all. */
	level: AddressMatchLevel;
	/** True when the address fitted several places (or named no municipality) and a coarser level was taken. */
	ambiguous: boolean;
	estate: { id: string; name: string; slug: string } | null;
	/** The area the report is placed in: the estate's area, the area of the street, or the municipality or village. */
	area: { id: string; name: string; kind: AreaKind } | null;
	municipality: { id: string; name: string } | null;
	/** The address as known, at level address only: "Wallaysplein 1, 8560 Wevelgem" (never a box). */
	address: string | null;
	/**
	 * The areas of the estates on the street as typed (within its place, when one was given; with that number, when
	 * it is known), for a person to choose from where a report cannot be placed: a street without municipality, or in
	 * several areas. Empty when the street is not known.
	 */
	streetAreaIds: string[];
};

type AreaRow = { id: string; parent_id: string | null; kind: AreaKind; name: string; name_fr: string | null };
type PlaceRow = {
	estate_id: string;
	estate_name: string;
	estate_slug: string;
	area_id: string;
	street: string | null;
	house_number: string | null;
	number_key: string | null;
	postal_code: string | null;
};

/** A street is in few estates; this only bounds a street name that every municipality has. */
const ROWS_LIMIT = 2000;

const none = (ambiguous = false, streetAreaIds: string[] = []): AddressMatch => ({
	level: 'none',
	ambiguous,
	estate: null,
	area: null,
	municipality: null,
	address: null,
	streetAreaIds
});
/** A street's few places to choose from; more would not help a person choose. */
const CANDIDATES_LIMIT = 50;
const areaIdsOf = (rows: PlaceRow[]): string[] => [...new Set(rows.map((r) => r.area_id))];
/** The rows with the typed number, when the street has that number; else all of the street's. */
const withNumber = (rows: PlaceRow[], number: string | null): PlaceRow[] => {
	const exact = number ? rows.filter((r) => r.number_key === number) : [];
	return exact.length > 0 ? exact : rows;
};

/**
 * The estates' rows on this street, one per estate, number and postcode, within the postcode and the areas given: its
 * buildings, and the dwellings with this house number (a dwelling may carry another address than its building, a
 * corner flat). Both through the street_key index; a street's dwellings are many, its buildings and one number few.
 */
async function streetRows(
	db: Db,
	key: string,
	number: string | null,
	scope: { postcode: string | null; areaIds: string[] },
	limit = ROWS_LIMIT
): Promise<PlaceRow[]> {
	const [buildings, dwellings] = await Promise.all([
		db
			.selectFrom('buildings as b')
			.innerJoin('estates as e', 'e.id', 'b.estate_id')
			.where('b.street_key', '=', key)
			.$if(!!scope.postcode, (q) => q.where('b.postal_code', '=', scope.postcode!))
			.$if(scope.areaIds.length > 0, (q) => q.where(insideAreas('e.area_id', scope.areaIds)))
			.select([
				'e.id as estate_id',
				'e.name as estate_name',
				'e.slug as estate_slug',
				'e.area_id',
				'b.street',
				'b.house_number',
				'b.number_key',
				'b.postal_code'
			])
			.distinct()
			.limit(limit)
			.execute(),
		number
			? db
					.selectFrom('dwellings as d')
					.innerJoin('buildings as b', 'b.id', 'd.building_id')
					.innerJoin('estates as e', 'e.id', 'b.estate_id')
					.where('d.street_key', '=', key)
					.where('d.number_key', '=', number)
					.$if(!!scope.postcode, (q) => q.where('d.postal_code', '=', scope.postcode!))
					.$if(scope.areaIds.length > 0, (q) => q.where(insideAreas('e.area_id', scope.areaIds)))
					.select([
						'e.id as estate_id',
						'e.name as estate_name',
						'e.slug as estate_slug',
						'e.area_id',
						'd.street',
						'd.house_number',
						'd.number_key',
						'd.postal_code'
					])
					.distinct()
					.limit(limit)
					.execute()
			: []
	]);
	return [...buildings, ...dwellings];
}

/** The areas of the estates with a building in this postcode. */
async function postcodeAreas(db: Db, postcode: string): Promise<string[]> {
	const rows = await db
		.selectFrom('buildings as b')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.where('b.postal_code', '=', postcode)
		.select('e.area_id')
		.distinct()
		.limit(ROWS_LIMIT)
		.execute();
	return rows.map((r) => r.area_id);
}

/** The areas with these ids and every area above them, in one recursive query. */
async function areasAbove(db: Db, ids: Iterable<string>): Promise<AreaRow[]> {
	const start = [...new Set(ids)];
	if (start.length === 0) return [];
	const { rows } = await sql<AreaRow>`
		with recursive ${areaChainUp(start)}
		select distinct a.id, a.parent_id, a.kind, a.name, a.name_fr from chain c join areas a on a.id = c.id`.execute(db);
	return rows;
}

/** The part of the area tree a match needs: the areas found and those above them. */
class AreaTree {
	private readonly byId = new Map<string, AreaRow>();
	add(rows: AreaRow[]): this {
		for (const row of rows) this.byId.set(row.id, row);
		return this;
	}
	get(id: string): AreaRow | undefined {
		return this.byId.get(id);
	}
	/** The area and the ones above it, nearest first (a cycle stops the walk). */
	path(id: string): string[] {
		const out: string[] = [];
		for (let at = this.byId.get(id); at && !out.includes(at.id) && out.length < AREA_TREE_DEPTH; at = at.parent_id ? this.byId.get(at.parent_id) : undefined)
			out.push(at.id);
		return out;
	}
	/** The smallest area holding all of these (null when only the region or nothing does). */
	common(ids: Iterable<string>): AreaRow | null {
		const paths = [...new Set(ids)].map((id) => this.path(id));
		if (paths.length === 0) return null;
		const shared = paths[0].find((id) => paths.every((p) => p.includes(id)));
		const area = shared ? this.byId.get(shared) : undefined;
		return area && area.kind !== 'region' ? area : null;
	}
	municipalityOf(id: string): AreaRow | null {
		return (
			this.path(id)
				.map((a) => this.byId.get(a)!)
				.find((a) => a.kind === 'municipality') ?? null
		);
	}
}

/**
 * Municipalities and villages whose Dutch or French name has this key ("Menin" finds Menen), through the name key
 * indexes. Neighbourhoods are no place names of an address.
 */
async function placesNamed(db: Db, key: string): Promise<AreaRow[]> {
	return db
		.selectFrom('areas')
		.select(['id', 'parent_id', 'kind', 'name', 'name_fr'])
		.where((eb) => eb.or([eb('name_key', '=', key), eb('name_fr_key', '=', key)]))
		.where('kind', 'in', ['municipality', 'village'])
		.execute();
}

/** The place of a typed address (see the file header); the street is found through the street_key index. */
export async function matchAddress(db: Db, text: string): Promise<AddressMatch> {
	const parsed = parseAddress(text);
	if (!parsed) return none();
	const localities = parsed.placeKey ? await placesNamed(db, parsed.placeKey) : [];
	// A place we do not know ("Gent", or a typo): its streets are not ours to guess.
	if (parsed.placeKey && localities.length === 0 && !parsed.postcode) return none();
	const localityIds = new Set(localities.map((a) => a.id));
	const scoped = localities.length > 0 || !!parsed.postcode;
	// A known street without municipality or postcode: it may be any of the country's streets of that name.
	if (!scoped) {
		const anywhere = parsed.streetKey ? await streetRows(db, parsed.streetKey, parsed.number, { postcode: null, areaIds: [] }, CANDIDATES_LIMIT) : [];
		return none(anywhere.length > 0, areaIdsOf(withNumber(anywhere, parsed.number)));
	}
	const here = parsed.streetKey ? await streetRows(db, parsed.streetKey, parsed.number, { postcode: parsed.postcode, areaIds: [...localityIds] }) : [];
	const streetAreaIds = areaIdsOf(withNumber(here, parsed.number)).slice(0, CANDIDATES_LIMIT);
	const tree = new AreaTree().add(await areasAbove(db, [...here.map((r) => r.area_id), ...localityIds]));
	const result = (
		level: AddressMatchLevel,
		area: AreaRow,
		ambiguous: boolean,
		estate: AddressMatch['estate'] = null,
		address: string | null = null
	): AddressMatch => {
		const municipality = tree.municipalityOf(area.id);
		return {
			level,
			ambiguous,
			estate,
			area: { id: area.id, name: area.name, kind: area.kind },
			municipality: municipality ? { id: municipality.id, name: municipality.name } : null,
			address,
			streetAreaIds
		};
	};

	let ambiguous = false;
	if (here.length > 0) {
		const exact = parsed.number ? here.filter((r) => r.number_key === parsed.number) : [];
		const estates = new Map(exact.map((r) => [r.estate_id, r]));
		const [row] = estates.values();
		const area = row ? tree.get(row.area_id) : undefined;
		if (estates.size === 1 && area) {
			const address = formatAddress(row.street ?? parsed.street ?? '', row.house_number, row.postal_code, tree.municipalityOf(area.id)?.name ?? null);
			return result('address', area, false, { id: row.estate_id, name: row.estate_name, slug: row.estate_slug }, address);
		}
		ambiguous = estates.size > 1;
		const areaIds = new Set((estates.size > 1 ? exact : here).map((r) => r.area_id));
		const common = tree.common(areaIds);
		if (common) return result('street', common, ambiguous || areaIds.size > 1);
		ambiguous = true;
	}
	// Only the place: the municipality or village named, else the municipality of the postcode's estates.
	let candidates = [...localityIds];
	if (candidates.length === 0 && parsed.postcode) {
		const areaIds = await postcodeAreas(db, parsed.postcode);
		tree.add(await areasAbove(db, areaIds));
		candidates = areaIds.map((id) => tree.municipalityOf(id)?.id ?? id);
	}
	const distinct = new Set(candidates);
	const common = tree.common(distinct);
	if (common) return result('municipality', common, ambiguous || distinct.size > 1);
	return none(ambiguous || distinct.size > 1, streetAreaIds);
}
