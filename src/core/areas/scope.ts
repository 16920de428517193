// The estates a piece of work covers (a survey targets areas and single estates), for other modules: an area counts
// with every area below it. Places are not personal data; the caller checks its own access first.
import { sql } from 'kysely';
import type { Db } from '../db';
import { AREA_TREE_DEPTH, areaChainUp, insideAreas } from './tree';

export type EstateInScope = {
	id: string;
	name: string;
	slug: string;
	areaId: string;
	/** The municipality's name, for an address ("8560 Wevelgem"). */ town: string | null;
};

/** The estates in the given areas (and the areas below them) and the given estates, by name; unknown ids are left out. */
export async function estatesInScope(db: Db, target: { areaIds?: readonly string[]; estateIds?: readonly string[] }): Promise<EstateInScope[]> {
	const areaIds = [...new Set(target.areaIds ?? [])];
	const estateIds = [...new Set(target.estateIds ?? [])];
	if (areaIds.length === 0 && estateIds.length === 0) return [];
	const rows = await db
		.selectFrom('estates')
		.select(['id', 'name', 'slug', 'area_id'])
		.where((eb) => eb.or([...(areaIds.length > 0 ? [insideAreas('area_id', areaIds)] : []), ...(estateIds.length > 0 ? [eb('id', 'in', estateIds)] : [])]))
		.orderBy('name')
		.orderBy('id')
		.execute();
	const towns = await townsOf(
		db,
		rows.map((e) => e.area_id)
	);
	return rows.map((e) => ({ id: e.id, name: e.name, slug: e.slug, areaId: e.area_id, town: towns.get(e.area_id) ?? null }));
}

/** The municipality each of these areas lies in (or is), by name: one walk up the tree for all of them. */
async function townsOf(db: Db, areaIds: readonly string[]): Promise<Map<string, string>> {
	const start = [...new Set(areaIds)];
	if (start.length === 0) return new Map();
	const { rows } = await sql<{ id: string; parent_id: string | null; kind: string; name: string }>`
		with recursive ${areaChainUp(start)}
		select distinct a.id, a.parent_id, a.kind, a.name from chain c join areas a on a.id = c.id`.execute(db);
	const byId = new Map(rows.map((a) => [a.id, a]));
	const towns = new Map<string, string>();
	for (const areaId of start) {
		let area = byId.get(areaId);
		for (let steps = 0; area && steps < AREA_TREE_DEPTH; steps++) {
			if (area.kind === 'municipality') {
				towns.set(areaId, area.name);
				break;
			}
			area = area.parent_id ? byId.get(area.parent_id) : undefined;
		}
	}
	return towns;
}

/** Which of the given area and estate ids do not exist (a form sent a stale choice). */
export async function missingPlaces(
	db: Db,
	target: { areaIds?: readonly string[]; estateIds?: readonly string[] }
): Promise<{ areaIds: string[]; estateIds: string[] }> {
	const areaIds = [...new Set(target.areaIds ?? [])];
	const estateIds = [...new Set(target.estateIds ?? [])];
	const areas = areaIds.length ? new Set((await db.selectFrom('areas').select('id').where('id', 'in', areaIds).execute()).map((r) => r.id)) : new Set<string>();
	const estates = estateIds.length
		? new Set((await db.selectFrom('estates').select('id').where('id', 'in', estateIds).execute()).map((r) => r.id))
		: new Set<string>();
	return { areaIds: areaIds.filter((id) => !areas.has(id)), estateIds: estateIds.filter((id) => !estates.has(id)) };
}

/** Names of areas and estates (and each estate's area), for other modules' lists: "for Wallaysplein, Vlashof". */
export async function placeNames(
	db: Db,
	target: { areaIds?: readonly string[]; estateIds?: readonly string[] }
): Promise<{ areas: Map<string, string>; estates: Map<string, { name: string; areaId: string }> }> {
	const areaIds = [...new Set(target.areaIds ?? [])];
	const estateIds = [...new Set(target.estateIds ?? [])];
	const [areas, estates] = await Promise.all([
		areaIds.length ? db.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).execute() : [],
		estateIds.length ? db.selectFrom('estates').select(['id', 'name', 'area_id']).where('id', 'in', estateIds).execute() : []
	]);
	return { areas: new Map(areas.map((a) => [a.id, a.name])), estates: new Map(estates.map((e) => [e.id, { name: e.name, areaId: e.area_id }])) };
}

/** The area an estate lies in, or null for an unknown estate. */
export async function areaOfEstate(db: Db, estateId: string): Promise<string | null> {
	return (await db.selectFrom('estates').select('area_id').where('id', '=', estateId).executeTakeFirst())?.area_id ?? null;
}
