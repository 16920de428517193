// The area tree as the access policy needs it: the path of an area up to the region (is this item inside a working
// area?) and, for lists, the condition "inside one of these areas" in SQL. Places are not personal data.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db';

/** Ten levels is far more than Belgium has (region, province, municipality, neighbourhood); it also stops a cycle. */
const MAX_DEPTH = 10;

/** The area and every area above it, nearest first (empty for no area). One recursive query. */
export async function areaPath(db: Db, areaId: string | null | undefined): Promise<string[]> {
	if (!areaId) return [];
	const { rows } = await sql<{ id: string }>`
		with recursive chain(id, parent_id, depth) as (
			select id, parent_id, 0 from areas where id = ${areaId}
			union all
			select a.id, a.parent_id, c.depth + 1 from areas a join chain c on a.id = c.parent_id where c.depth < ${MAX_DEPTH - 1}
		)
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
		with recursive tree(id, depth) as (
			select id, 0 from areas where id in (${sql.join(roots)})
			union all
			select a.id, t.depth + 1 from tree t join areas a on a.parent_id = t.id where t.depth < ${MAX_DEPTH - 1}
		)
		select id from tree)`;
}

/** The area and every area below it (its ids), in one recursive query. */
export async function areaAndBelow(db: Db, areaId: string): Promise<Set<string>> {
	return new Set(
		(
			await db
				.selectFrom('areas')
				.select('id')
				.where(insideAreas('id', [areaId]))
				.execute()
		).map((r) => r.id)
	);
}
