// The presenter of an area's public page for residents: names, description, the estates with their streets, the
// shapes for the map. Nothing about people or dwellings goes out through here.
import { authorize, type Actor } from '../access';
import type { Db } from '../db';
import { lowerContains } from '../db';
import type { AreaKind } from '../db';
import { NotFound } from '../errors';
import type { AreaGeometry } from './geometry';
import { LOCAL_AREA_KINDS } from './model';
import { ancestorsOf } from './areas';

export type PublicAreaLink = { name: string; nameFr: string | null; slug: string; kind: AreaKind };
export type PublicChildArea = PublicAreaLink & { boundary: AreaGeometry | null };
export type PublicEstate = {
	name: string;
	/** Its own public page: /buurten/<area>/<slug>. */
	slug: string;
	description: string | null;
	lon: number | null;
	lat: number | null;
	boundary: AreaGeometry | null;
	/** Building addresses ("Wallaysplein 1, 8560 Wevelgem" without the town): streets, not people. */
	addresses: string[];
};
export type PublicArea = PublicAreaLink & {
	/** For the sections other modules add to the page (the signals' public figures); not shown. */
	id: string;
	description: string | null;
	boundary: AreaGeometry | null;
	/** From the top down, for "Wevelgem › Wallaysplein"; only areas that have a public page of their own are links. */
	ancestors: PublicAreaLink[];
	children: PublicChildArea[];
	estates: PublicEstate[];
};

const link = (a: { name: string; name_fr: string | null; slug: string; kind: AreaKind }): PublicAreaLink => ({
	name: a.name,
	nameFr: a.name_fr,
	slug: a.slug,
	kind: a.kind
});

export async function getPublicArea(db: Db, actor: Actor, slug: string): Promise<PublicArea> {
	authorize(actor, 'read-public', 'area');
	authorize(actor, 'read-public', 'estate');
	const area = await db.selectFrom('areas').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst();
	if (!area) throw new NotFound('area', slug);
	const [ancestors, children, estates, buildings] = await Promise.all([
		ancestorsOf(db, area),
		db.selectFrom('areas').select(['name', 'name_fr', 'slug', 'kind', 'boundary']).where('parent_id', '=', area.id).orderBy('name').execute(),
		db.selectFrom('estates').select(['id', 'name', 'slug', 'description', 'lon', 'lat', 'boundary']).where('area_id', '=', area.id).orderBy('name').execute(),
		db
			.selectFrom('buildings as b')
			.innerJoin('estates as e', 'e.id', 'b.estate_id')
			.select(['b.estate_id', 'b.street', 'b.house_number', 'b.postal_code'])
			.where('e.area_id', '=', area.id)
			.where('b.street', 'is not', null)
			.orderBy('b.street')
			.orderBy('b.house_number')
			.execute()
	]);
	const addresses = new Map<string, string[]>();
	for (const b of buildings) {
		const text = [b.street, b.house_number].filter(Boolean).join(' ') + (b.postal_code ? `, ${b.postal_code}` : '');
		const list = addresses.get(b.estate_id) ?? [];
		if (!list.includes(text)) list.push(text);
		addresses.set(b.estate_id, list);
	}
	return {
		...link(area),
		id: area.id,
		description: area.description,
		boundary: area.boundary as AreaGeometry | null,
		ancestors: ancestors.map(link),
		children: children.map((c) => ({ ...link(c), boundary: c.boundary as AreaGeometry | null })),
		estates: estates.map((e) => ({
			name: e.name,
			slug: e.slug,
			description: e.description,
			lon: e.lon,
			lat: e.lat,
			boundary: e.boundary as AreaGeometry | null,
			addresses: addresses.get(e.id) ?? []
		}))
	};
}

export type PublicEstatePage = PublicEstate & {
	/** For the sections other modules add (signal figures, surveys); not shown. */
	id: string;
	areaId: string;
	/** The area it lies in, then the areas above it, from the top down (the breadcrumbs). */
	area: PublicAreaLink;
	ancestors: PublicAreaLink[];
};

/** An estate's public page: its name, description and streets, and where it lies. Never dwellings or people. */
export async function getPublicEstate(db: Db, actor: Actor, areaSlug: string, estateSlug: string): Promise<PublicEstatePage> {
	authorize(actor, 'read-public', 'area');
	authorize(actor, 'read-public', 'estate');
	const row = await db
		.selectFrom('estates as e')
		.innerJoin('areas as a', 'a.id', 'e.area_id')
		.select([
			'e.id',
			'e.name',
			'e.slug',
			'e.description',
			'e.lon',
			'e.lat',
			'e.boundary',
			'a.id as area_id',
			'a.parent_id',
			'a.name as area_name',
			'a.name_fr as area_name_fr',
			'a.slug as area_slug',
			'a.kind as area_kind'
		])
		.where('e.slug', '=', estateSlug.toLowerCase())
		.where('a.slug', '=', areaSlug.toLowerCase())
		.executeTakeFirst();
	if (!row) throw new NotFound('estate', estateSlug);
	const [ancestors, buildings] = await Promise.all([
		ancestorsOf(db, { id: row.area_id, parent_id: row.parent_id }),
		db
			.selectFrom('buildings')
			.select(['street', 'house_number', 'postal_code'])
			.where('estate_id', '=', row.id)
			.where('street', 'is not', null)
			.orderBy('street')
			.orderBy('house_number')
			.execute()
	]);
	const addresses = [...new Set(buildings.map((b) => [b.street, b.house_number].filter(Boolean).join(' ') + (b.postal_code ? `, ${b.postal_code}` : '')))];
	return {
		id: row.id,
		name: row.name,
		slug: row.slug,
		description: row.description,
		lon: row.lon,
		lat: row.lat,
		boundary: row.boundary as AreaGeometry | null,
		addresses,
		areaId: row.area_id,
		area: link({ name: row.area_name, name_fr: row.area_name_fr, slug: row.area_slug, kind: row.area_kind }),
		ancestors: ancestors.map(link)
	};
}

export type PublicAreaListItem = PublicAreaLink & { description: string | null; parentName: string | null };
export type MunicipalityCount = { name: string; slug: string; count: number };
export type AreaDirectory = {
	/** The areas to show, at most `limit`; empty when there are too many to list and no search narrows them. */
	areas: PublicAreaListItem[];
	/** How many areas match the search (all of them without one). */
	matching: number;
	/** Without a search and with more areas than fit one page: the municipalities to choose from, with their counts. */
	municipalities: MunicipalityCount[] | null;
};

/**
 * The neighbourhoods, focus areas and villages residents can open. A small installation lists them all; a large one
 * (a region with thousands of areas) first asks for a municipality or a name, so the page stays light on a phone.
 */
export async function publicAreaDirectory(db: Db, actor: Actor, options: { q?: string; municipality?: string; limit?: number } = {}): Promise<AreaDirectory> {
	authorize(actor, 'read-public', 'area');
	const limit = options.limit ?? 100;
	const q = options.q?.trim().slice(0, 100) ?? '';
	const municipality = options.municipality?.trim().toLowerCase() ?? '';
	let base = db
		.selectFrom('areas as a')
		.leftJoin('areas as p', 'p.id', 'a.parent_id')
		.where('a.kind', 'in', [...LOCAL_AREA_KINDS]);
	if (q) base = base.where((eb) => eb.or([lowerContains('a.name', q), lowerContains('p.name', q)]));
	if (municipality) {
		const m = await db.selectFrom('areas').select('id').where('slug', '=', municipality).executeTakeFirst();
		base = base.where('a.parent_id', '=', m?.id ?? '');
	}
	if (!q && !municipality) {
		// Counted from the (kind, parent_id) index alone: area rows carry their boundaries and are slow to read.
		const perParent = await db
			.selectFrom('areas')
			.select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
			.where('kind', 'in', [...LOCAL_AREA_KINDS])
			.groupBy('parent_id')
			.execute();
		const matching = perParent.reduce((sum, r) => sum + Number(r.n), 0);
		if (matching > limit) {
			const ids = perParent.map((r) => r.parent_id).filter((id): id is string => !!id);
			const parents = ids.length ? await db.selectFrom('areas').select(['id', 'name', 'slug']).where('id', 'in', ids).orderBy('name').execute() : [];
			const counts = new Map(perParent.map((r) => [r.parent_id, Number(r.n)]));
			return { areas: [], matching, municipalities: parents.map((p) => ({ name: p.name, slug: p.slug, count: counts.get(p.id) ?? 0 })) };
		}
	}
	const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const matching = Number(n);
	const rows = await base
		.select(['a.name', 'a.name_fr', 'a.slug', 'a.kind', 'a.description', 'p.name as parent_name'])
		.orderBy('p.name')
		.orderBy('a.name')
		.limit(limit)
		.execute();
	return { areas: rows.map((r) => ({ ...link(r), description: r.description, parentName: r.parent_name })), matching, municipalities: null };
}

/** Every public area, for callers that need the whole list (small sets: tests, exports). */
export async function listPublicAreas(db: Db, actor: Actor): Promise<PublicAreaListItem[]> {
	return (await publicAreaDirectory(db, actor, { limit: Number.MAX_SAFE_INTEGER })).areas;
}
