// The area and every area above it, nearest first: the order routing rules are tried in (intake, re-routing and a
// referral's deadline all ask the same). One recursive query, not one per level: intake asks it for every signal.
import { sql } from 'kysely';
import type { Db } from '../../db';
import type { RoutingRule } from '../../db';
import { areaChainUp, areaPath } from '../../areas';

/** The area and every area above it, nearest first (the areas module's path). */
export const areaChain = areaPath;

/**
 * The routing rules of a category that can apply in this area — its own, those of the areas above it and the
 * category's default (no area) — with the chain to pick among them (routing.ts). A region holds a rule per
 * municipality for the same category; reading only these keeps intake from parsing hundreds of rules per signal.
 * One query (the chain, each level with its rule if it has one, and the default rule): intake asks it for every signal.
 */
export async function routingRulesAlong(db: Db, categoryId: string, areaId: string | null): Promise<{ rules: RoutingRule[]; chain: string[] }> {
	const { rows } = await sql<RoutingRule & { chain_area_id: string | null; chain_depth: number | null }>`
		with recursive ${areaChainUp(areaId)}
		select c.id as chain_area_id, c.depth as chain_depth, r.id, r.category_id, r.area_id, r.organisation_id, r.team_id,
			r.deadline_days, r.priority, r.created_at, r.updated_at
		from chain c left join routing_rules r on r.area_id = c.id and r.category_id = ${categoryId}
		union all
		select null, null, r.id, r.category_id, r.area_id, r.organisation_id, r.team_id, r.deadline_days, r.priority, r.created_at, r.updated_at
		from routing_rules r where r.category_id = ${categoryId} and r.area_id is null`.execute(db);
	const levels = rows.filter((r) => r.chain_area_id !== null).sort((a, b) => Number(a.chain_depth) - Number(b.chain_depth));
	const chain: string[] = [];
	const rules: RoutingRule[] = [];
	for (const level of levels) {
		if (chain.includes(level.chain_area_id!)) break;
		chain.push(level.chain_area_id!);
		if (level.id !== null) rules.push(ruleOf(level));
	}
	for (const row of rows) if (row.chain_area_id === null && row.id !== null) rules.push(ruleOf(row));
	return { rules, chain };
}

function ruleOf(row: RoutingRule & { chain_area_id: string | null; chain_depth: number | null }): RoutingRule {
	const { chain_area_id: _area, chain_depth: _depth, ...rule } = row;
	return { ...rule, deadline_days: Number(rule.deadline_days) };
}
