// What the areas module does with areas themselves: create, change, delete, list and find them, and walk the tree
// (region → municipality → neighbourhood). Estates, buildings and dwellings are in places.ts; imports in import.ts.
import { audit, authorize, type Actor } from '../access';
import { inTransaction, type Db } from '../db';
import { newId, nowIso } from '../db';
import type { Area } from '../db';
import { Conflict, Invalid, NotFound } from '../errors';
import { parseInput } from '../validation';
import { areaNameKeys, placeKey } from './addresses';
import { areaPath } from './tree';
import { bboxOf, type AreaGeometry } from './geometry';
import { areaInput, areaListQuery, slugify, type AreaInput, type AreaListQuery } from './model';

/** An area without its (possibly large) boundary: what lists and the API show. */
export type AreaSummary = Omit<Area, 'boundary' | 'name_key' | 'name_fr_key'>;

const SUMMARY_COLUMNS = [
	'id',
	'parent_id',
	'kind',
	'name',
	'name_fr',
	'slug',
	'code',
	'description',
	'min_lon',
	'min_lat',
	'max_lon',
	'max_lat',
	'created_at',
	'updated_at'
] as const;

/** A free slug from a wish: "wallaysplein", else "wallaysplein-2", "wallaysplein-3", … */
export async function freeSlug(db: Db, table: 'areas' | 'estates', wish: string, exceptId?: string): Promise<string> {
	const base = slugify(wish);
	const taken = await db
		.selectFrom(table)
		.select(['slug', 'id'])
		.where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
		.execute();
	const used = new Set(taken.filter((r) => r.id !== exceptId).map((r) => r.slug));
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const boxColumns = (boundary: AreaGeometry | null) => {
	if (!boundary) return { min_lon: null, min_lat: null, max_lon: null, max_lat: null };
	const b = bboxOf(boundary);
	return { min_lon: b.minLon, min_lat: b.minLat, max_lon: b.maxLon, max_lat: b.maxLat };
};

async function requireArea(db: Db, id: string): Promise<Area> {
	const row = await db.selectFrom('areas').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFound('area', id);
	return row;
}

/** The chain from the top of the tree down to the area's parent (region, municipality, …): the tree's one walk up. */
export async function ancestorsOf(db: Db, area: Pick<Area, 'id' | 'parent_id'>): Promise<AreaSummary[]> {
	const path = await areaPath(db, area.parent_id);
	const above = path.includes(area.id) ? path.slice(0, path.indexOf(area.id)) : path;
	if (above.length === 0) return [];
	const rows = await db.selectFrom('areas').select(SUMMARY_COLUMNS).where('id', 'in', above).execute();
	const byId = new Map(rows.map((r) => [r.id, r]));
	return above
		.map((id) => byId.get(id))
		.filter((a): a is AreaSummary => !!a)
		.reverse();
}

/** Refuses a parent that is the area itself or lies below it: the tree must stay a tree. */
async function checkParent(db: Db, areaId: string | null, parentId: string | null): Promise<void> {
	if (!parentId) return;
	const parent = await db.selectFrom('areas').select(['id', 'parent_id']).where('id', '=', parentId).executeTakeFirst();
	if (!parent) throw Invalid.field('parentId', 'not_found', 'The parent area does not exist');
	if (!areaId) return;
	if (parentId === areaId || (await ancestorsOf(db, parent)).some((a) => a.id === areaId)) {
		throw Invalid.field('parentId', 'parent_cycle', 'An area cannot lie inside itself');
	}
}

async function checkSlug(db: Db, slug: string, exceptId?: string): Promise<void> {
	const dup = await db.selectFrom('areas').select('id').where('slug', '=', slug).executeTakeFirst();
	if (dup && dup.id !== exceptId) throw new Conflict('duplicate', `The address /buurten/${slug} is taken`, { field: 'slug' });
}

export async function createArea(db: Db, actor: Actor, input: AreaInput): Promise<Area> {
	const v = parseInput(areaInput, input);
	return inTransaction(db, async (tx) => {
		await checkParent(tx, null, v.parentId);
		// A new area lies where its parent lies.
		authorize(actor, 'create', 'area', { areaPath: await areaPath(tx, v.parentId) });
		const slug = v.slug ?? (await freeSlug(tx, 'areas', v.name));
		await checkSlug(tx, slug);
		const at = nowIso();
		const row: Area = {
			id: newId(),
			parent_id: v.parentId,
			kind: v.kind,
			name: v.name,
			name_fr: v.nameFr,
			slug,
			code: v.code,
			description: v.description,
			boundary: v.boundary,
			...boxColumns(v.boundary),
			name_key: placeKey(v.name),
			name_fr_key: placeKey(v.nameFr),
			created_at: at,
			updated_at: at
		};
		await tx.insertInto('areas').values(row).execute();
		await audit(tx, actor, { action: 'create', resourceType: 'area', resourceId: row.id });
		return row;
	});
}

/** Changes an area; a boundary left empty in the form keeps the one it has (send `boundary: null` via `clearBoundary`). */
export async function updateArea(db: Db, actor: Actor, id: string, input: AreaInput, options: { clearBoundary?: boolean } = {}): Promise<Area> {
	const v = parseInput(areaInput, input);
	return inTransaction(db, async (tx) => {
		const current = await requireArea(tx, id);
		authorize(actor, 'update', 'area', { areaPath: await areaPath(tx, id) });
		await checkParent(tx, id, v.parentId);
		if (v.parentId !== current.parent_id) authorize(actor, 'create', 'area', { areaPath: await areaPath(tx, v.parentId) });
		const slug = v.slug ?? current.slug;
		await checkSlug(tx, slug, id);
		const boundary = v.boundary ?? (options.clearBoundary ? null : (current.boundary as AreaGeometry | null));
		const changes = {
			parent_id: v.parentId,
			kind: v.kind,
			name: v.name,
			name_fr: v.nameFr,
			slug,
			code: v.code,
			description: v.description,
			boundary,
			...boxColumns(boundary),
			...areaNameKeys({ name: v.name, name_fr: v.nameFr }),
			updated_at: nowIso()
		};
		await tx.updateTable('areas').set(changes).where('id', '=', id).execute();
		const changed: string[] = (['parent_id', 'kind', 'name', 'name_fr', 'slug', 'code', 'description'] as const).filter((k) => changes[k] !== current[k]);
		if (v.boundary || options.clearBoundary) changed.push('boundary');
		await audit(tx, actor, { action: 'update', resourceType: 'area', resourceId: id, summary: changed.length ? `fields: ${changed.join(', ')}` : null });
		return { ...current, ...changes };
	});
}

/** Deleting an area that still has estates or areas inside would drop their history: move or delete those first. */
export async function deleteArea(db: Db, actor: Actor, id: string): Promise<void> {
	await inTransaction(db, async (tx) => {
		await requireArea(tx, id);
		authorize(actor, 'delete', 'area', { areaPath: await areaPath(tx, id) });
		const estate = await tx.selectFrom('estates').select('id').where('area_id', '=', id).executeTakeFirst();
		if (estate) throw new Conflict('area_has_estates', 'This area still has estates');
		const child = await tx.selectFrom('areas').select('id').where('parent_id', '=', id).executeTakeFirst();
		if (child) throw new Conflict('area_has_children', 'This area still has areas inside it');
		await tx.deleteFrom('areas').where('id', '=', id).execute();
		await audit(tx, actor, { action: 'delete', resourceType: 'area', resourceId: id });
	});
}

/** Areas by name, without boundaries. Anyone may list areas: they hold no personal data. */
export async function listAreas(db: Db, actor: Actor, query: AreaListQuery = {}): Promise<AreaSummary[]> {
	authorize(actor, 'read-public', 'area');
	const q = parseInput(areaListQuery, query);
	let select = db.selectFrom('areas').select(SUMMARY_COLUMNS).orderBy('name').orderBy('slug');
	if (q.kind) select = select.where('kind', '=', q.kind);
	if (q.parentId) select = select.where('parent_id', '=', q.parentId);
	if (q.topLevel) select = select.where('parent_id', 'is', null);
	return select.execute();
}

/** One area with its boundary, by its address. */
export async function getAreaBySlug(db: Db, actor: Actor, slug: string): Promise<Area> {
	authorize(actor, 'read-public', 'area');
	const row = await db.selectFrom('areas').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst();
	if (!row) throw new NotFound('area', slug);
	return row;
}

export async function getArea(db: Db, actor: Actor, id: string): Promise<Area> {
	authorize(actor, 'read-public', 'area');
	return requireArea(db, id);
}

export type AreaTree = { area: Area; ancestors: AreaSummary[]; children: Area[] };

/** The area, the chain above it (for breadcrumbs) and the areas directly inside it, with boundaries for the map. */
export async function getAreaTree(db: Db, actor: Actor, slug: string): Promise<AreaTree> {
	const area = await getAreaBySlug(db, actor, slug);
	const [ancestors, children] = await Promise.all([
		ancestorsOf(db, area),
		db.selectFrom('areas').selectAll().where('parent_id', '=', area.id).orderBy('name').execute()
	]);
	return { area, ancestors, children };
}
