// The area and every area above it, nearest first: the order routing rules are tried in (intake, re-routing and a
// referral's deadline all ask the same). One recursive query, not one per level: intake asks it for every signal.
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { RoutingRule } from '../db/schema';

/** Ten levels is far more than Belgium has (region, province, municipality, neighbourhood); it also stops a cycle. */
const MAX_DEPTH = 10;

export async function areaChain(db: Db, areaId: string | null): Promise<string[]> {
	if (!areaId) return [];
	const { rows } = await sql<{ id: string }>`
		with recursive chain(id, parent_id, depth) as (
			select id, parent_id, 0 from areas where id = ${areaId}
			union all
			select a.id, a.parent_id, c.depth + 1 from areas a join chain c on a.id = c.parent_id where c.depth < ${MAX_DEPTH - 1}
		)
		select id from chain order by depth`.execute(db);
	const chain: string[] = [];
	for (const { id } of rows) {
		if (chain.includes(id)) break;
		chain.push(id);
	}
	return chain;
}

/**
 * The routing rules of a category that can apply in this area — its own, those of the areas above it and the
 * category's default (no area) — with the chain to pick among them (routing.ts). A region holds a rule per
 * municipality for the same category; reading only these keeps intake from parsing hundreds of rules per signal.
 */
export async function routingRulesAlong(db: Db, categoryId: string, areaId: string | null): Promise<{ rules: RoutingRule[]; chain: string[] }> {
	const chain = await areaChain(db, areaId);
	const rules = await db
		.selectFrom('routing_rules')
		.selectAll()
		.where('category_id', '=', categoryId)
		.where((eb) => (chain.length > 0 ? eb.or([eb('area_id', 'is', null), eb('area_id', 'in', chain)]) : eb('area_id', 'is', null)))
		.execute();
	return { rules, chain };
}
