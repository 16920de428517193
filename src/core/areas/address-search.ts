// "Where do you live?" for a resident who does not know the name of their neighbourhood: a street (and number), a
// postcode or a municipality, as they would write it on an envelope ("Wallaysplein 1, 8560 Wevelgem"). Streets are
// matched against the buildings and dwellings the system knows; a postcode or a town gives the neighbourhoods of that
// municipality to pick from; a neighbourhood's own name works too. Places only: nothing about who lives there.
import { authorize, type Actor } from '../access';
import type { Db } from '../db/database';
import { lowerContains } from '../db/like';
import type { AreaKind } from '../db/schema';
import { LOCAL_AREA_KINDS } from './model';

export type NeighbourhoodMatch = {
	name: string;
	slug: string;
	kind: AreaKind;
	/** The area around it (its municipality), for "Wallaysplein (Wevelgem)". */
	municipality: string | null;
	/** The estate on that street, when the street told us. */
	estate: { name: string; slug: string } | null;
	/** What matched: the street, the postcode, the municipality's name or the neighbourhood's own name. */
	via: 'street' | 'postcode' | 'municipality' | 'name';
};

export type ParsedAddress = { street: string | null; postcode: string | null; town: string | null; text: string };

/** Lower case, without accents, dots or double spaces: "Sint-Lénaarts  " and "sint-lenaarts" are one name. */
export const normalisePlaceName = (s: string): string =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[.,;]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

/** "Wallaysplein 1 bus 2, 8560 Wevelgem" → street "Wallaysplein", postcode "8560", town "Wevelgem". Pure. */
export function parseAddress(input: string): ParsedAddress {
	const text = input.replace(/\s+/g, ' ').trim().slice(0, 200);
	const postcode = /(?:^|\D)([1-9]\d{3})(?!\d)/.exec(text)?.[1] ?? null;
	const parts = text
		.replace(postcode ?? '\u0000', ' ')
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	let street: string | null = null;
	let town: string | null = null;
	const first = parts[0] ?? '';
	// A house number (with a box or a letter) ends the street: "Vlashofstraat 2", "Leiemeers 10A bus 3".
	const numbered = /^(.*?\D)\s*\d+\s*[a-z]?(?:\s*(?:bus|bte|b)\s*\w+)?$/i.exec(first);
	if (numbered) {
		street = numbered[1].trim();
		town = parts[1] ?? null;
	} else if (parts.length > 1) {
		street = first;
		town = parts[1];
	} else if (first) {
		// One word or name without a number: a street, a town or a neighbourhood — each is tried.
		street = first;
	}
	return { street: street || null, postcode, town: town || null, text };
}

type Row = { name: string; slug: string; kind: AreaKind; parent_name: string | null; estate_name?: string | null; estate_slug?: string | null };

const toMatch = (r: Row, via: NeighbourhoodMatch['via']): NeighbourhoodMatch => ({
	name: r.name,
	slug: r.slug,
	kind: r.kind,
	municipality: r.parent_name,
	estate: r.estate_name && r.estate_slug ? { name: r.estate_name, slug: r.estate_slug } : null,
	via
});

/** The neighbourhoods (focus areas, villages) this address, postcode or name points to; the best guesses first. */
export async function findNeighbourhoods(db: Db, actor: Actor, input: string, options: { limit?: number } = {}): Promise<NeighbourhoodMatch[]> {
	authorize(actor, 'read-public', 'area');
	const limit = options.limit ?? 30;
	const parsed = parseAddress(input);
	if (!parsed.text) return [];
	const found: NeighbourhoodMatch[] = [];
	const add = (rows: Row[], via: NeighbourhoodMatch['via']) => {
		for (const r of rows) if (!found.some((f) => f.slug === r.slug)) found.push(toMatch(r, via));
	};

	if (parsed.street && parsed.street.length >= 3) add(await byStreet(db, parsed), 'street');
	if (found.length === 0 && parsed.postcode) add(await byPostcode(db, parsed.postcode, limit), 'postcode');
	const town = parsed.town ?? (parsed.postcode || found.length ? null : parsed.street);
	if (found.length === 0 && town && town.length >= 2) add(await byMunicipality(db, town, limit), 'municipality');
	if (found.length === 0) {
		const name = parsed.street ?? parsed.text;
		if (name.length >= 2) add(await byName(db, name, limit), 'name');
	}
	return found.slice(0, limit);
}

function localAreas(db: Db) {
	return db.selectFrom('areas as a').leftJoin('areas as p', 'p.id', 'a.parent_id').where('a.kind', 'in', [...LOCAL_AREA_KINDS]);
}

/** Buildings, then dwellings, on a street of that name (and with that postcode or in that town when given). */
async function byStreet(db: Db, parsed: ParsedAddress): Promise<Row[]> {
	const wanted = normalisePlaceName(parsed.street!);
	const sameStreet = (street: string | null) => !!street && normalisePlaceName(street) === wanted;
	const sameTown = (r: { parent_name: string | null; postal_code: string | null }) =>
		(!parsed.postcode || r.postal_code === parsed.postcode) && (!parsed.town || (r.parent_name !== null && normalisePlaceName(r.parent_name).includes(normalisePlaceName(parsed.town))));
	const select = ['a.name', 'a.slug', 'a.kind', 'p.name as parent_name', 'e.name as estate_name', 'e.slug as estate_slug'] as const;
	const buildings = await db
		.selectFrom('buildings as b')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.innerJoin('areas as a', 'a.id', 'e.area_id')
		.leftJoin('areas as p', 'p.id', 'a.parent_id')
		.select([...select, 'b.street', 'b.postal_code'])
		.where(lowerContains('b.street', parsed.street!))
		.$if(!!parsed.postcode, (q) => q.where('b.postal_code', '=', parsed.postcode))
		.orderBy('a.name')
		.limit(200)
		.execute();
	let rows = buildings.filter((r) => sameStreet(r.street) && sameTown(r));
	if (rows.length === 0) {
		const dwellings = await db
			.selectFrom('dwellings as d')
			.innerJoin('buildings as b', 'b.id', 'd.building_id')
			.innerJoin('estates as e', 'e.id', 'b.estate_id')
			.innerJoin('areas as a', 'a.id', 'e.area_id')
			.leftJoin('areas as p', 'p.id', 'a.parent_id')
			.select([...select, 'd.street', 'd.postal_code'])
			.where(lowerContains('d.street', parsed.street!))
			.$if(!!parsed.postcode, (q) => q.where('d.postal_code', '=', parsed.postcode))
			.orderBy('a.name')
			.limit(200)
			.execute();
		rows = dwellings.filter((r) => sameStreet(r.street) && sameTown(r));
	}
	return rows;
}

/** The neighbourhoods of the municipalities where the buildings with this postcode stand. */
async function byPostcode(db: Db, postcode: string, limit: number): Promise<Row[]> {
	const towns = await db
		.selectFrom('buildings as b')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.innerJoin('areas as a', 'a.id', 'e.area_id')
		.select('a.parent_id')
		.distinct()
		.where('b.postal_code', '=', postcode)
		.where('a.parent_id', 'is not', null)
		.execute();
	const ids = towns.map((t) => t.parent_id).filter((id): id is string => !!id);
	if (ids.length === 0) return [];
	return localAreas(db).select(['a.name', 'a.slug', 'a.kind', 'p.name as parent_name']).where('a.parent_id', 'in', ids).orderBy('p.name').orderBy('a.name').limit(limit).execute();
}

/** The neighbourhoods of a municipality whose name is (or starts with) the text. */
async function byMunicipality(db: Db, town: string, limit: number): Promise<Row[]> {
	const wanted = normalisePlaceName(town);
	const candidates = await db.selectFrom('areas').select(['id', 'name', 'name_fr']).where('kind', '=', 'municipality').where((eb) => eb.or([lowerContains('name', town), lowerContains('name_fr', town)])).limit(50).execute();
	const ids = candidates.filter((m) => [m.name, m.name_fr].some((n) => n && normalisePlaceName(n).startsWith(wanted))).map((m) => m.id);
	if (ids.length === 0) return [];
	return localAreas(db).select(['a.name', 'a.slug', 'a.kind', 'p.name as parent_name']).where('a.parent_id', 'in', ids).orderBy('p.name').orderBy('a.name').limit(limit).execute();
}

async function byName(db: Db, name: string, limit: number): Promise<Row[]> {
	return localAreas(db)
		.select(['a.name', 'a.slug', 'a.kind', 'p.name as parent_name'])
		.where((eb) => eb.or([lowerContains('a.name', name), lowerContains('a.name_fr', name)]))
		.orderBy('a.name')
		.limit(limit)
		.execute();
}
