// The presenter of an area's public page for residents: names, description, the estates with their streets, the
// shapes for the map. Nothing about people or dwellings goes out through here.
import { authorize, type Actor } from '../access';
import type { Db } from '../db/database';
import type { AreaKind } from '../db/schema';
import { NotFound } from '../errors';
import type { AreaGeometry } from './geometry';
import { LOCAL_AREA_KINDS } from './model';
import { ancestorsOf } from './service';

export type PublicAreaLink = { name: string; nameFr: string | null; slug: string; kind: AreaKind };
export type PublicChildArea = PublicAreaLink & { boundary: AreaGeometry | null };
export type PublicEstate = {
	name: string;
	description: string | null;
	lon: number | null;
	lat: number | null;
	boundary: AreaGeometry | null;
	/** Building addresses ("Wallaysplein 1, 8560 Wevelgem" without the town): streets, not people. */
	addresses: string[];
};
export type PublicArea = PublicAreaLink & {
	description: string | null;
	boundary: AreaGeometry | null;
	/** From the top down, for "Wevelgem › Wallaysplein"; only areas that have a public page of their own are links. */
	ancestors: PublicAreaLink[];
	children: PublicChildArea[];
	estates: PublicEstate[];
};

const link = (a: { name: string; name_fr: string | null; slug: string; kind: AreaKind }): PublicAreaLink => ({ name: a.name, nameFr: a.name_fr, slug: a.slug, kind: a.kind });

export async function getPublicArea(db: Db, actor: Actor, slug: string): Promise<PublicArea> {
	authorize(actor, 'read-public', 'area');
	authorize(actor, 'read-public', 'estate');
	const area = await db.selectFrom('areas').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst();
	if (!area) throw new NotFound('area', slug);
	const [ancestors, children, estates, buildings] = await Promise.all([
		ancestorsOf(db, area),
		db.selectFrom('areas').select(['name', 'name_fr', 'slug', 'kind', 'boundary']).where('parent_id', '=', area.id).orderBy('name').execute(),
		db.selectFrom('estates').select(['id', 'name', 'description', 'lon', 'lat', 'boundary']).where('area_id', '=', area.id).orderBy('name').execute(),
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
		description: area.description,
		boundary: area.boundary as AreaGeometry | null,
		ancestors: ancestors.map(link),
		children: children.map((c) => ({ ...link(c), boundary: c.boundary as AreaGeometry | null })),
		estates: estates.map((e) => ({
			name: e.name,
			description: e.description,
			lon: e.lon,
			lat: e.lat,
			boundary: e.boundary as AreaGeometry | null,
			addresses: addresses.get(e.id) ?? []
		}))
	};
}

export type PublicAreaListItem = PublicAreaLink & { description: string | null; parentName: string | null };

/** The neighbourhoods, focus areas and villages residents can open, grouped later by municipality in the page. */
export async function listPublicAreas(db: Db, actor: Actor): Promise<PublicAreaListItem[]> {
	authorize(actor, 'read-public', 'area');
	const rows = await db
		.selectFrom('areas as a')
		.leftJoin('areas as p', 'p.id', 'a.parent_id')
		.select(['a.name', 'a.name_fr', 'a.slug', 'a.kind', 'a.description', 'p.name as parent_name'])
		.where('a.kind', 'in', [...LOCAL_AREA_KINDS])
		.orderBy('p.name')
		.orderBy('a.name')
		.execute();
	return rows.map((r) => ({ ...link(r), description: r.description, parentName: r.parent_name }));
}
