// The collective view: figures per area, estate and category over a period — counts over time, the median time to a
// first response and to a solution, the share solved on time, open and overdue, and hotspots for the map. Figures
// only: no row, name or description leaves here, and help requests are counted but never listed or mapped.
// "Rejected", "not our task" and "closed without a solution" are counted apart from "solved" in every figure.
// Everything is aggregated in SQL over the indexes signals_{area,estate,category}_created and signals_collective,
// so the figures stay fast with a million signals (bench/).
import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import { authorize, type Actor } from '../access';
import { hoursBetween, middlesByGroup, monthOf, weekOf, type GroupMiddle } from '../db/aggregates';
import type { Db } from '../db/database';
import { Invalid } from '../errors';
import { parseInput } from '../validation';
import { workingDaysBetween } from './deadlines';
import { OPEN_STATUSES } from './model';

/** An empty date field means no limit. */
const isoDate = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.iso.date().optional());
const optionalId = z.string().trim().max(64).optional().transform((v) => v || undefined);

export const figuresFilter = z
	.object({
		areaId: optionalId,
		estateId: optionalId,
		categoryId: optionalId,
		from: isoDate,
		to: isoDate,
		bucket: z.enum(['week', 'month']).default('month')
	});
export type FiguresFilter = z.input<typeof figuresFilter>;

/** Without dates: the twelve months up to today. */
export const DEFAULT_MONTHS = 12;

export type Outcomes = {
	total: number;
	open: number;
	overdue: number;
	/** Resolved, or closed after being resolved. */
	solved: number;
	rejected: number;
	notOurTask: number;
	/** Closed after a rejection or "not our task": ended, not solved. */
	closedUnsolved: number;
	helpRequests: number;
	/** Solved signals that had a deadline, and how many of them were solved by it. */
	solvedWithDeadline: number;
	solvedOnTime: number;
	/** solvedOnTime / solvedWithDeadline, or null when nothing with a deadline was solved. */
	onTimeShare: number | null;
};
export type Duration = { count: number; medianHours: number | null; medianWorkingDays: number | null };
export type GroupFigures = Outcomes & {
	id: string | null;
	name: string | null;
	nameFr: string | null;
	nameEn: string | null;
	medianResolutionHours: number | null;
	medianFirstResponseHours: number | null;
	/** Belgian working days (deadlines.ts) of the group's middle signal by hours, as in the totals' Duration. */
	medianResolutionWorkingDays: number | null;
	medianFirstResponseWorkingDays: number | null;
};
export type Hotspot = { lon: number; lat: number; count: number; open: number };
export type Figures = {
	period: { from: string; to: string };
	bucket: 'week' | 'month';
	totals: Outcomes;
	firstResponse: Duration;
	resolution: Duration;
	/** Signals received per bucket, with what became of them. */
	series: Array<{ bucket: string } & Outcomes>;
	byCategory: GroupFigures[];
	byEstate: GroupFigures[];
	hotspots: Hotspot[];
};

/** What the figures are taken over: a filter from the page, or a collective issue's signals. */
export type FiguresScope = { areaIds?: string[]; estateId?: string; categoryId?: string; collectiveIssueId?: string; from?: string; to?: string };

/** ~100 m grid cells in Belgium: 1/1111 degree of latitude, 1/700 degree of longitude (at 51° north). */
const CELLS_PER_DEGREE_LAT = 1111;
const CELLS_PER_DEGREE_LON = 700;
const MAX_HOTSPOTS = 500;
const MAX_ESTATES = 50;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The area and every area inside it (a municipality holds its neighbourhoods): the area filter covers them all. */
export async function areaWithDescendants(db: Db, areaId: string): Promise<string[]> {
	// One recursive query down the parent index (six levels at most, whatever a loop in the data), not a query per
	// level with an ever longer IN list, which SQLite with sampled statistics answered by reading every area.
	const { rows } = await sql<{ id: string }>`with recursive tree (id, depth) as (
			select id, 0 from areas where id = ${areaId}
			union all
			select a.id, t.depth + 1 from tree t join areas a on a.parent_id = t.id where t.depth < 6
		) select id from tree`.execute(db);
	return [...new Set([areaId, ...rows.map((r) => r.id)])];
}

/** The signals of a scope (not merged ones): the base of every figure, and of a bundle made from a filter. */
export function scoped(db: Db, scope: FiguresScope) {
	let q = db.selectFrom('signals as s').where('s.merged_into_id', 'is', null);
	if (scope.collectiveIssueId) q = q.where('s.collective_issue_id', '=', scope.collectiveIssueId);
	if (scope.estateId) q = q.where('s.estate_id', '=', scope.estateId);
	if (scope.areaIds) q = q.where('s.area_id', 'in', scope.areaIds.length > 0 ? scope.areaIds : ['']);
	if (scope.categoryId) q = q.where('s.category_id', '=', scope.categoryId);
	if (scope.from) q = q.where('s.created_at', '>=', `${scope.from}T00:00:00.000Z`);
	if (scope.to) q = q.where('s.created_at', '<', `${addDays(scope.to, 1)}T00:00:00.000Z`);
	return q;
}

const OPEN = sql.join(OPEN_STATUSES.map((s) => sql.lit(s)));
const SOLVED = sql<SqlBool>`(s.resolved_at is not null and s.status in ('resolved', 'closed'))`;
const sumIf = (condition: Expression<SqlBool> | ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

function outcomeColumns(nowIso: string) {
	return [
		sql<number>`count(*)`.as('total'),
		sumIf(sql`s.status in (${OPEN})`).as('open'),
		sumIf(sql`s.status in (${OPEN}) and s.deadline_at < ${nowIso}`).as('overdue'),
		sumIf(SOLVED).as('solved'),
		sumIf(sql`s.status = 'rejected'`).as('rejected'),
		sumIf(sql`s.status = 'not_our_task'`).as('not_our_task'),
		sumIf(sql`s.status = 'closed' and s.resolved_at is null`).as('closed_unsolved'),
		sumIf(sql`s.is_help_request`).as('help_requests'),
		sumIf(sql`s.first_response_at is not null`).as('responded'),
		sumIf(sql`${SOLVED} and s.deadline_at is not null`).as('solved_with_deadline'),
		sumIf(sql`${SOLVED} and s.deadline_at is not null and s.resolved_at <= s.deadline_at`).as('solved_on_time')
	] as const;
}

type OutcomeRow = { responded?: number; total: number; open: number; overdue: number; solved: number; rejected: number; not_our_task: number; closed_unsolved: number; help_requests: number; solved_with_deadline: number; solved_on_time: number };
function outcomes(r: OutcomeRow | undefined): Outcomes {
	const n = (v: unknown) => Number(v ?? 0);
	const withDeadline = n(r?.solved_with_deadline);
	const onTime = n(r?.solved_on_time);
	return {
		total: n(r?.total),
		open: n(r?.open),
		overdue: n(r?.overdue),
		solved: n(r?.solved),
		rejected: n(r?.rejected),
		notOurTask: n(r?.not_our_task),
		closedUnsolved: n(r?.closed_unsolved),
		helpRequests: n(r?.help_requests),
		solvedWithDeadline: withDeadline,
		solvedOnTime: onTime,
		onTimeShare: withDeadline === 0 ? null : onTime / withDeadline
	};
}

type End = 'first_response_at' | 'resolved_at';

/**
 * Per group (or 'all'), the median time from receipt to `end` and the middle signal's receipt and end. Time to a
 * solution only for solved signals: a rejection is not a solution, however fast.
 */
function middles(db: Db, scope: FiguresScope, group: 's.category_id' | 's.estate_id' | null, end: End): Promise<Map<string | null, GroupMiddle>> {
	let q = scoped(db, scope).where(`s.${end}`, 'is not', null);
	if (end === 'resolved_at') q = q.where(SOLVED);
	return middlesByGroup(db, q.select([group ? sql.ref(group).as('g') : sql<string>`'all'`.as('g'), hoursBetween(db, 's.created_at', `s.${end}`).as('v'), 's.created_at as a', `s.${end} as b`]));
}

/** Belgian working days from the middle signal's receipt to its end. */
const workingDaysOf = (m: GroupMiddle | undefined) => (m ? workingDaysBetween(new Date(m.from), new Date(m.to)) : null);

/** The overall median; `count` comes from the totals (answered, or solved), counted in the same scan as the outcomes. */
function duration(middle: GroupMiddle | undefined, count: number): Duration {
	return { count, medianHours: middle?.median ?? null, medianWorkingDays: workingDaysOf(middle) };
}

/** Every month or week of the period, so a chart shows a quiet month as an empty bar rather than skipping it. */
function withEmptyBuckets(series: Figures['series'], bucket: 'week' | 'month', from: string | undefined, to: string | undefined): Figures['series'] {
	const first = from ?? series[0]?.bucket;
	const last = to ?? series.at(-1)?.bucket;
	if (!first || !last) return series;
	const have = new Map(series.map((s) => [s.bucket, s]));
	const out: Figures['series'] = [];
	const d = new Date(`${first.slice(0, 10).padEnd(10, '-01').slice(0, 10)}T00:00:00Z`);
	if (bucket === 'month') d.setUTCDate(1);
	else d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
	const end = last.slice(0, bucket === 'month' ? 7 : 10);
	for (let i = 0; i < 600; i++) {
		const key = bucket === 'month' ? d.toISOString().slice(0, 7) : d.toISOString().slice(0, 10);
		if (key > end) break;
		out.push(have.get(key) ?? { bucket: key, ...outcomes(undefined) });
		if (bucket === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
		else d.setUTCDate(d.getUTCDate() + 7);
	}
	// Buckets outside the period (none expected) are kept, so no signal disappears from the chart.
	for (const s of series) if (!out.some((o) => o.bucket === s.bucket)) out.push(s);
	return out.sort((a, b) => a.bucket.localeCompare(b.bucket));
}

/** Turns a page's filter into the scope the queries take (the area with the areas inside it; the default period). */
export async function scopeOf(db: Db, filter: z.output<typeof figuresFilter>, now: Date): Promise<FiguresScope & { from: string; to: string }> {
	if (filter.from && filter.to && filter.from > filter.to) throw new Invalid([{ path: 'to', code: 'to_before_from', message: 'The end date is before the start date' }]);
	const to = filter.to ?? now.toISOString().slice(0, 10);
	const from = filter.from ?? (() => {
		const d = new Date(`${to}T00:00:00Z`);
		d.setUTCMonth(d.getUTCMonth() - DEFAULT_MONTHS);
		return addDays(d.toISOString().slice(0, 10), 1);
	})();
	return { areaIds: filter.areaId ? await areaWithDescendants(db, filter.areaId) : undefined, estateId: filter.estateId, categoryId: filter.categoryId, from, to };
}

/** The figures of a filter (page) for any staff member: no personal data in them. */
export async function signalFigures(db: Db, actor: Actor, filter: FiguresFilter = {}, now = new Date()): Promise<Figures> {
	authorize(actor, 'read', 'signal-figures');
	const f = parseInput(figuresFilter, filter);
	const scope = await scopeOf(db, f, now);
	return figuresOf(db, scope, f.bucket, now);
}

/** The figures over a scope; callers have checked access (signalFigures, collective issues). */
export async function figuresOf(db: Db, scope: FiguresScope, bucket: 'week' | 'month', now = new Date()): Promise<Figures> {
	const nowIso = now.toISOString();
	const bucketExpr = bucket === 'week' ? weekOf(db, 's.created_at') : monthOf(db, 's.created_at');
	const lat = sql<number>`coalesce(s.lat, e.lat)`;
	const lon = sql<number>`coalesce(s.lon, e.lon)`;
	const cellY = sql<number>`round(${lat} * ${sql.lit(CELLS_PER_DEGREE_LAT)})`;
	const cellX = sql<number>`round(${lon} * ${sql.lit(CELLS_PER_DEGREE_LON)})`;

	const [totalsRow, seriesRows, categoryRows, estateRows, hotspotRows, catResolution, catResponse, estResolution, estResponse, allResolution, allResponse] = await Promise.all([
		scoped(db, scope).select(outcomeColumns(nowIso)).executeTakeFirst(),
		scoped(db, scope)
			.select([bucketExpr.as('bucket'), ...outcomeColumns(nowIso)])
			.groupBy(bucketExpr)
			.orderBy(bucketExpr)
			.execute(),
		scoped(db, scope)
			.leftJoin('signal_categories as c', 'c.id', 's.category_id')
			.select(['s.category_id as id', 'c.name', 'c.name_fr', 'c.name_en', ...outcomeColumns(nowIso)])
			.groupBy(['s.category_id', 'c.name', 'c.name_fr', 'c.name_en'])
			.orderBy(sql`count(*)`, 'desc')
			.execute(),
		scoped(db, scope)
			.leftJoin('estates as e', 'e.id', 's.estate_id')
			.select(['s.estate_id as id', 'e.name', ...outcomeColumns(nowIso)])
			.groupBy(['s.estate_id', 'e.name'])
			.orderBy(sql`count(*)`, 'desc')
			.limit(MAX_ESTATES)
			.execute(),
		// Help requests are someone's own situation: they are never put on a map.
		scoped(db, scope)
			.leftJoin('estates as e', 'e.id', 's.estate_id')
			.where('s.is_help_request', '=', false)
			.where(sql<SqlBool>`${lat} is not null and ${lon} is not null`)
			.select([cellY.as('cy'), cellX.as('cx'), sql<number>`count(*)`.as('n'), sumIf(sql`s.status in (${OPEN})`).as('open')])
			.groupBy([cellY, cellX])
			.orderBy(sql`count(*)`, 'desc')
			.limit(MAX_HOTSPOTS)
			.execute(),
		middles(db, scope, 's.category_id', 'resolved_at'),
		middles(db, scope, 's.category_id', 'first_response_at'),
		middles(db, scope, 's.estate_id', 'resolved_at'),
		middles(db, scope, 's.estate_id', 'first_response_at'),
		middles(db, scope, null, 'resolved_at'),
		middles(db, scope, null, 'first_response_at')
	]);

	const totals = outcomes(totalsRow as OutcomeRow | undefined);
	const group = (r: OutcomeRow & { id: string | null; name: string | null; name_fr?: string | null; name_en?: string | null }, resolution: Map<string | null, GroupMiddle>, response: Map<string | null, GroupMiddle>): GroupFigures => ({
		id: r.id,
		name: r.name,
		nameFr: r.name_fr ?? null,
		nameEn: r.name_en ?? null,
		...outcomes(r),
		medianResolutionHours: resolution.get(r.id)?.median ?? null,
		medianFirstResponseHours: response.get(r.id)?.median ?? null,
		medianResolutionWorkingDays: workingDaysOf(resolution.get(r.id)),
		medianFirstResponseWorkingDays: workingDaysOf(response.get(r.id))
	});
	return {
		period: { from: scope.from ?? '', to: scope.to ?? '' },
		bucket,
		totals,
		firstResponse: duration(allResponse.get('all'), Number((totalsRow as OutcomeRow | undefined)?.responded ?? 0)),
		resolution: duration(allResolution.get('all'), totals.solved),
		series: withEmptyBuckets(seriesRows.map((r) => ({ bucket: String(r.bucket), ...outcomes(r as OutcomeRow) })), bucket, scope.from, scope.to),
		byCategory: categoryRows.map((r) => group(r as never, catResolution, catResponse)),
		byEstate: estateRows.map((r) => group(r as never, estResolution, estResponse)),
		hotspots: hotspotRows.map((r) => ({ lat: Number(r.cy) / CELLS_PER_DEGREE_LAT, lon: Number(r.cx) / CELLS_PER_DEGREE_LON, count: Number(r.n), open: Number(r.open) }))
	};
}
