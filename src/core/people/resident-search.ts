// Finding residents by name, area or estate, a page at a time, filtered by the people policy. What is typed is matched
// as it is: % and _ in a search match themselves (core/db like.ts).
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../access';
import { authorize } from '../access';
import type { Db } from '../db';
import { containsPattern } from '../db';
import type { Database } from '../db';
import { parseInput } from '../validation';
import { residentsVisibleTo } from './access';
import { residentSearch, type ResidentListItem, type ResidentSearch } from './model';
import { areaAndDescendants } from './places';

export type ResidentPage = { items: ResidentListItem[]; total: number; page: number; pageSize: number };

/**
 * Residents by name, area or estate, a page at a time. Names only, so not an individual read; filtered by the policy
 * (a partner sees its own tenants or people who gave it a consent in force).
 */
export async function listResidents(db: Db, actor: Actor, search: ResidentSearch = {}): Promise<ResidentPage> {
	authorize(actor, 'list', 'resident');
	const s = parseInput(residentSearch, search);
	const visible = await residentsVisibleTo(db, actor);
	const areaIds = s.areaId ? await areaAndDescendants(db, s.areaId) : null;
	const byName = (eb: ExpressionBuilder<Database & { r: Database['residents'] }, 'r'>) => {
		const pattern = containsPattern(s.q!);
		return eb.or([
			sql<SqlBool>`lower(r.first_name || ' ' || r.last_name) like ${pattern} escape '\\'`,
			sql<SqlBool>`lower(r.last_name || ' ' || r.first_name) like ${pattern} escape '\\'`
		]);
	};
	const base = db
		.selectFrom('residents as r')
		.leftJoin('households as h', 'h.id', 'r.household_id')
		.leftJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.leftJoin('buildings as b', 'b.id', 'd.building_id')
		.leftJoin('estates as e', 'e.id', 'b.estate_id')
		.$if(visible !== null, (q) => q.where((eb) => visible!(eb)))
		.$if(!!s.estateId, (q) => q.where('e.id', '=', s.estateId!))
		.$if(areaIds !== null, (q) => q.where('e.area_id', 'in', areaIds!.length ? areaIds! : ['']))
		.$if(!!s.q, (q) => q.where((eb) => byName(eb)));
	// The count needs the place only when the search filters on it: without it, residents alone (the joins cost a
	// lookup per resident, measured at 200,000).
	const counted =
		s.estateId || areaIds !== null
			? base
			: db
					.selectFrom('residents as r')
					.$if(visible !== null, (q) => q.where((eb) => visible!(eb)))
					.$if(!!s.q, (q) => q.where((eb) => byName(eb)));
	const [{ n }] = await counted.select((eb) => eb.fn.countAll().as('n')).execute();
	const rows = await base
		.select(['r.id', 'r.first_name', 'r.last_name', 'r.household_id', 'e.name as estate_name'])
		.orderBy('r.last_name')
		.orderBy('r.first_name')
		.orderBy('r.id')
		.limit(s.pageSize)
		.offset((s.page - 1) * s.pageSize)
		.execute();
	return {
		items: rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, householdId: r.household_id, estateName: r.estate_name })),
		total: Number(n),
		page: s.page,
		pageSize: s.pageSize
	};
}
