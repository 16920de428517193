// "Where do you live?" for a resident who does not know the name of their neighbourhood: a street (and number), a
// postcode or a municipality, as they would write it on an envelope ("Wallaysplein 1, 8560 Wevelgem"). The address is
// read and matched by matchAddress (address-match.ts, the same matcher Open311 reports are placed by, through the
// indexed street and place keys); this turns its answer into the neighbourhoods a person can pick from: the one of
// that address, those of that street, or those of the municipality or postcode. A neighbourhood's own name works too.
// Places only: nothing about who lives there.
import { authorize, type Actor } from '../access';
import type { Db } from '../db';
import { lowerContains } from '../db';
import type { AreaKind } from '../db';
import { matchAddress } from './address-match';
import { parseAddress } from './addresses';
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

type Row = { id: string; name: string; slug: string; kind: AreaKind; parent_name: string | null };

const LOCAL = new Set<AreaKind>(LOCAL_AREA_KINDS);

const toMatch = (r: Row, via: NeighbourhoodMatch['via'], estate: NeighbourhoodMatch['estate'] = null): NeighbourhoodMatch => ({
	name: r.name,
	slug: r.slug,
	kind: r.kind,
	municipality: r.parent_name,
	estate,
	via
});

/** The neighbourhoods (focus areas, villages) this address, postcode or name points to; the best guesses first. */
export async function findNeighbourhoods(db: Db, actor: Actor, input: string, options: { limit?: number } = {}): Promise<NeighbourhoodMatch[]> {
	authorize(actor, 'read-public', 'area');
	const limit = options.limit ?? 30;
	const text = input.replace(/\s+/g, ' ').trim().slice(0, 200);
	if (!text) return [];
	const match = await matchAddress(db, text);
	const parsed = parseAddress(text);
	// The estate of that street and number: its neighbourhood, and the estate to report in.
	if (match.level === 'address' && match.area && match.estate && LOCAL.has(match.area.kind)) {
		const [area] = await localAreas(db).where('a.id', '=', match.area.id).execute();
		if (area) return [toMatch(area, 'street', { name: match.estate.name, slug: match.estate.slug })];
	}
	// The street, in one neighbourhood or several (or anywhere, when no municipality was given): those to pick from.
	if (match.streetAreaIds.length > 0) {
		const areas = await localAreas(db).where('a.id', 'in', match.streetAreaIds).orderBy('a.name').limit(limit).execute();
		if (areas.length > 0) return areas.map((a) => toMatch(a, 'street'));
	}
	// A municipality (named, or the one of a postcode): its neighbourhoods; a village is one itself.
	if (match.level !== 'none' && match.area) {
		const place = match.area;
		const areas = LOCAL.has(place.kind)
			? await localAreas(db).where('a.id', '=', place.id).execute()
			: await localAreas(db).where('a.parent_id', '=', place.id).orderBy('a.name').limit(limit).execute();
		if (areas.length > 0) return areas.map((a) => toMatch(a, parsed?.placeKey ? 'municipality' : 'postcode'));
	}
	// A neighbourhood's own name ("woonwijken"), or the street's name as one.
	const name = parsed?.street ?? parsed?.place ?? text;
	if (name.length < 2) return [];
	const named = await localAreas(db)
		.where((eb) => eb.or([lowerContains('a.name', name), lowerContains('a.name_fr', name)]))
		.orderBy('a.name')
		.limit(limit)
		.execute();
	return named.map((a) => toMatch(a, 'name'));
}

function localAreas(db: Db) {
	return db
		.selectFrom('areas as a')
		.leftJoin('areas as p', 'p.id', 'a.parent_id')
		.where('a.kind', 'in', [...LOCAL_AREA_KINDS])
		.select(['a.id', 'a.name', 'a.slug', 'a.kind', 'p.name as parent_name']);
}
