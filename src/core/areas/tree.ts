// The area tree walked up and down, in one place with one depth rule: the path of an area up to the region (is this
// item inside a working area? which routing rule applies?) and "this area and everything below it" (a reach, a
// figure's area filter, a survey's scope). Each walk is one recursive query, never a query per level. Places are not
// personal data.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db';

/**
 * How many levels a walk follows, counting the area it starts from. Ten is far more than Belgium has (region,
 * municipality, neighbourhood, estate's area, …); it also stops a walk that a loop in the data would make endless.
 */
export const AREA_TREE_DEPTH = 10;

/**
 * The recursive table `chain(id, parent_id, depth)`: the areas with these ids (depth 0) and every area above them,
 * for `with recursive ${areaChainUp(ids)} select … from chain`; no area (null) gives an empty chain. A loop in the
 * data repeats ids; readers stop there.
 */
export function areaChainUp(ids: string | null | readonly string[]): RawBuilder<unknown> {
	const start = ids === null || typeof ids === 'string' ? sql`id = ${ids}` : sql`id in (${sql.join([...ids])})`;
	return sql`chain(id, parent_id, depth) as (
			select id, parent_id, 0 from areas where ${start}
			union all
			select a.id, a.parent_id, c.depth + 1 from areas a join chain c on a.id = c.parent_id where c.depth < ${AREA_TREE_DEPTH - 1}
		)`;
}

/**
 * The recursive table `tree(id, depth)`: the areas with these ids (depth 0) and every area below them, for
 * `with recursive ${areaTreeDown(ids)} select … from tree`.
 */
export function areaTreeDown(ids: readonly string[]): RawBuilder<unknown> {
	return sql`tree(id, depth) as (
			select id, 0 from areas where id in (${sql.join([...ids])})
			union all
			select a.id, t.depth + 1 from tree t join areas a on a.parent_id = t.id where t.depth < ${AREA_TREE_DEPTH - 1}
		)`;
}

/** The area and every area above it, nearest first (empty for no area or an unknown one). One recursive query. */
export async function areaPath(db: Db, areaId: string | null | undefined): Promise<string[]> {
	if (!areaId) return [];
	const { rows } = await sql<{ id: string }>`
		with recursive ${areaChainUp(areaId)}
		select id from chain order by depth`.execute(db);
	const path: string[] = [];
	for (const { id } of rows) {
		if (path.includes(id)) break;
		path.push(id);
	}
	return path;
}

/**
 * `column` names an area inside one of `rootIds` (or is one of them): the list filter of an organisation's reach.
 * The tree is walked down in the query, so the condition costs the same whether a reach holds one neighbourhood or a
 * whole province.
 */
export function insideAreas(column: string | Expression<string | null>, rootIds: Iterable<string>): Expression<SqlBool> {
	const roots = [...rootIds];
	if (roots.length === 0) return sql<SqlBool>`1 = 0`;
	return sql<SqlBool>`${typeof column === 'string' ? sql.ref(column) : column} in (
		with recursive ${areaTreeDown(roots)}
		select id from tree)`;
}

/** The area and every area below it (a municipality holds its neighbourhoods), the area first; empty for an unknown area. */
export async function areaAndBelow(db: Db, areaId: string): Promise<string[]> {
	const { rows } = await sql<{ id: string }>`
		with recursive ${areaTreeDown([areaId])}
		select id from tree group by id order by min(depth), id`.execute(db);
	return rows.map((r) => r.id);
}
