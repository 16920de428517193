// The collective view: figures per area, estate and category over a period — counts over time, the median time to a
// first response and to a solution, the share solved on time, open and overdue, and hotspots for the map. Figures
// only: no row, name or description leaves here, and help requests are counted but never listed or mapped.
// "Rejected", "not our task" and "closed without a solution" are counted apart from "solved" in every figure.
// The counts are aggregated in SQL, the medians of the times taken from the answered signals' times; the scope's
// signals are read twice, over the indexes signals_{area,estate,category}_created and signals_collective, so the
// figures of a municipality stay fast with a million signals (bench/).
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { authorize, type Actor } from '../../access';
import { areaAndBelow } from '../../areas';
import { hoursBetween, middlesOf, monthOf, weekOf, type GroupMiddle } from '../../db';
import type { Db } from '../../db';
import { Invalid } from '../../errors';
import { omittableId, omittableIsoDate, parseInput } from '../../validation';
import { workingDaysBetween } from '../handling/deadlines';
import { OPEN_STATUSES } from '../model';

/** An empty date field means no limit. */

export const figuresFilter = z.object({
	areaId: omittableId,
	estateId: omittableId,
	categoryId: omittableId,
	from: omittableIsoDate,
	to: omittableIsoDate,
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
/** A signal `s` still being handled; solved (and not rejected or "not our task"). Shared with the public figures. */
export const IS_OPEN = sql<SqlBool>`s.status in (${OPEN})`;
export const SOLVED = sql<SqlBool>`(s.resolved_at is not null and s.status in ('resolved', 'closed'))`;
const flag = (condition: ReturnType<typeof sql>) => sql<number>`case when ${condition} then 1 else 0 end`;

/** What each signal counts as, summed per group of the one-pass table `s` (figuresOf); the columns of OutcomeRow. */
const OUTCOMES = [
	'total',
	'open',
	'overdue',
	'solved',
	'rejected',
	'not_our_task',
	'closed_unsolved',
	'help_requests',
	'responded',
	'solved_with_deadline',
	'solved_on_time'
] as const;
const OUTCOME_SUMS = sql.raw(OUTCOMES.map((c) => (c === 'total' ? 'count(*) as total' : `sum(${c}) as ${c}`)).join(', '));
const outcomesOf = (alias: string) => sql.raw(OUTCOMES.map((c) => `${alias}.${c}`).join(', '));

type OutcomeRow = {
	responded?: number;
	total: number;
	open: number;
	overdue: number;
	solved: number;
	rejected: number;
	not_our_task: number;
	closed_unsolved: number;
	help_requests: number;
	solved_with_deadline: number;
	solved_on_time: number;
};
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
	if (filter.from && filter.to && filter.from > filter.to)
		throw new Invalid([{ path: 'to', code: 'to_before_from', message: 'The end date is before the start date' }]);
	const to = filter.to ?? now.toISOString().slice(0, 10);
	const from =
		filter.from ??
		(() => {
			const d = new Date(`${to}T00:00:00Z`);
			d.setUTCMonth(d.getUTCMonth() - DEFAULT_MONTHS);
			return addDays(d.toISOString().slice(0, 10), 1);
		})();
	return {
		areaIds: filter.areaId ? await areaAndBelow(db, filter.areaId) : undefined,
		estateId: filter.estateId,
		categoryId: filter.categoryId,
		from,
		to
	};
}

/** The figures of a filter (page) for any staff member: no personal data in them. */
export async function signalFigures(db: Db, actor: Actor, filter: FiguresFilter = {}, now = new Date()): Promise<Figures> {
	authorize(actor, 'read', 'signal-figures');
	const f = parseInput(figuresFilter, filter);
	const scope = await scopeOf(db, f, now);
	return figuresOf(db, scope, f.bucket, now);
}

type FigureRow = OutcomeRow & {
	part: 'total' | 'bucket' | 'category' | 'estate' | 'cell';
	k: string | null;
	name: string | null;
	name_fr: string | null;
	name_en: string | null;
	cy: number | null;
	cx: number | null;
};
type TimeRow = {
	category_id: string | null;
	estate_id: string | null;
	created_at: string;
	first_response_at: string | null;
	solved_at: string | null;
	response_hours: number | null;
	solution_hours: number | null;
};

/**
 * The figures over a scope; callers have checked access (signalFigures, collective issues). Two statements, each
 * reading the scope's signals once: the counts — the scope's signals read into `s` with what each one counts as and
 * its map cell, and every count a group of `s` (the totals, per bucket, per category, per estate, per map cell) — and
 * the times to a first answer and to a solution of each answered signal, whose medians and middle signals per
 * category, per estate and overall are taken here (SQLite's window functions took 15 ms for what a sort here does in
 * well under one). At 1,000,000 signals this took the collective view of a municipality from 11 passes over its
 * 1,700 signals of the year to 2: 62 → 23 ms (p50) on SQLite, 44 → 23 ms on PostgreSQL.
 */
export async function figuresOf(db: Db, scope: FiguresScope, bucket: 'week' | 'month', now = new Date()): Promise<Figures> {
	const nowIso = now.toISOString();
	const isOpen = sql`s.status in (${OPEN})`;
	const lat = sql<number>`coalesce(s.lat, e.lat)`;
	const lon = sql<number>`coalesce(s.lon, e.lon)`;
	// Help requests are someone's own situation: they are counted, but never put on a map.
	const onMap = sql`not s.is_help_request and ${lat} is not null and ${lon} is not null`;
	const rows = scoped(db, scope)
		.leftJoin('estates as e', 'e.id', 's.estate_id')
		.select([
			(bucket === 'week' ? weekOf(db, 's.created_at') : monthOf(db, 's.created_at')).as('bucket'),
			's.category_id',
			's.estate_id',
			flag(isOpen).as('open'),
			flag(sql`${isOpen} and s.deadline_at < ${nowIso}`).as('overdue'),
			flag(SOLVED).as('solved'),
			flag(sql`s.status = 'rejected'`).as('rejected'),
			flag(sql`s.status = 'not_our_task'`).as('not_our_task'),
			flag(sql`s.status = 'closed' and s.resolved_at is null`).as('closed_unsolved'),
			flag(sql`s.is_help_request`).as('help_requests'),
			flag(sql`s.first_response_at is not null`).as('responded'),
			flag(sql`${SOLVED} and s.deadline_at is not null`).as('solved_with_deadline'),
			flag(sql`${SOLVED} and s.deadline_at is not null and s.resolved_at <= s.deadline_at`).as('solved_on_time'),
			sql<number | null>`case when ${onMap} then round(${lat} * ${sql.lit(CELLS_PER_DEGREE_LAT)}) end`.as('cy'),
			sql<number | null>`case when ${onMap} then round(${lon} * ${sql.lit(CELLS_PER_DEGREE_LON)}) end`.as('cx')
		]);
	// Every branch gives the same columns: part, k, name, name_fr, name_en, cy, cx and the outcomes. An empty column
	// gets its type, or PostgreSQL takes it for text in the first branch and refuses a number in a later one.
	const noNames = sql.raw('null as name, null as name_fr, null as name_en, cast(null as double precision) as cy, cast(null as double precision) as cx');
	const counts = sql<FigureRow>`with s as materialized (select * from ${rows} as q)
		select 'total' as part, null as k, ${noNames}, ${OUTCOME_SUMS} from s
		union all
		select 'bucket', bucket, ${noNames}, ${OUTCOME_SUMS} from s group by bucket
		union all
		select 'category', g.category_id, c.name, c.name_fr, c.name_en, null, null, ${outcomesOf('g')}
			from (select category_id, ${OUTCOME_SUMS} from s group by category_id) as g left join signal_categories as c on c.id = g.category_id
		union all
		select 'estate', g.estate_id, e.name, null, null, null, null, ${outcomesOf('g')}
			from (select estate_id, ${OUTCOME_SUMS} from s group by estate_id order by count(*) desc limit ${sql.lit(MAX_ESTATES)}) as g left join estates as e on e.id = g.estate_id
		union all
		select 'cell', null, null, null, null, h.cy, h.cx, ${outcomesOf('h')}
			from (select cy, cx, ${OUTCOME_SUMS} from s where cy is not null group by cy, cx order by count(*) desc limit ${sql.lit(MAX_HOTSPOTS)}) as h`;
	// Time to a solution only for solved signals: a rejection is not a solution, however fast.
	const times = scoped(db, scope)
		.where((eb) => eb.or([eb('s.first_response_at', 'is not', null), SOLVED]))
		.select([
			's.category_id',
			's.estate_id',
			's.created_at',
			's.first_response_at',
			sql<string | null>`case when ${SOLVED} then s.resolved_at end`.as('solved_at'),
			sql<number | null>`case when s.first_response_at is not null then ${hoursBetween(db, 's.created_at', 's.first_response_at')} end`.as('response_hours'),
			sql<number | null>`case when ${SOLVED} then ${hoursBetween(db, 's.created_at', 's.resolved_at')} end`.as('solution_hours')
		]);
	const [found, timed] = await Promise.all([counts.execute(db), times.execute()]);
	return assemble(found.rows, timed as TimeRow[], scope, bucket);
}

/** The figures from the rows of figuresOf's two statements. */
function assemble(found: FigureRow[], timed: TimeRow[], scope: FiguresScope, bucket: 'week' | 'month'): Figures {
	const of = (part: FigureRow['part']) => found.filter((r) => r.part === part);
	const byCount = (a: FigureRow, b: FigureRow) => Number(b.total) - Number(a.total);
	// The middle signals of the times to a first answer ('f') and to a solution ('r'), per category ('c…'), per estate
	// ('e…') and overall ('a').
	const answered = timed.filter((t) => t.response_hours !== null && t.first_response_at !== null);
	const solved = timed.filter((t) => t.solution_hours !== null && t.solved_at !== null);
	const response = (r: TimeRow) => ({ v: Number(r.response_hours), a: r.created_at, b: r.first_response_at! });
	const solution = (r: TimeRow) => ({ v: Number(r.solution_hours), a: r.created_at, b: r.solved_at! });
	const middles: Record<'cf' | 'cr' | 'ef' | 'er' | 'af' | 'ar', Map<string | null, GroupMiddle>> = {
		cf: middlesOf(answered.map((r) => ({ g: r.category_id, ...response(r) }))),
		cr: middlesOf(solved.map((r) => ({ g: r.category_id, ...solution(r) }))),
		ef: middlesOf(answered.map((r) => ({ g: r.estate_id, ...response(r) }))),
		er: middlesOf(solved.map((r) => ({ g: r.estate_id, ...solution(r) }))),
		af: middlesOf(answered.map((r) => ({ g: null as string | null, ...response(r) }))),
		ar: middlesOf(solved.map((r) => ({ g: null as string | null, ...solution(r) })))
	};
	const middle = (which: keyof typeof middles, id: string | null) => middles[which].get(id);
	const totalsRow = of('total')[0];
	const totals = outcomes(totalsRow);
	const group = (r: FigureRow, kind: 'c' | 'e'): GroupFigures => ({
		id: r.k,
		name: r.name,
		nameFr: r.name_fr ?? null,
		nameEn: r.name_en ?? null,
		...outcomes(r),
		medianResolutionHours: middle(`${kind}r`, r.k)?.median ?? null,
		medianFirstResponseHours: middle(`${kind}f`, r.k)?.median ?? null,
		medianResolutionWorkingDays: workingDaysOf(middle(`${kind}r`, r.k)),
		medianFirstResponseWorkingDays: workingDaysOf(middle(`${kind}f`, r.k))
	});
	return {
		period: { from: scope.from ?? '', to: scope.to ?? '' },
		bucket,
		totals,
		firstResponse: duration(middle('af', null), Number(totalsRow?.responded ?? 0)),
		resolution: duration(middle('ar', null), totals.solved),
		series: withEmptyBuckets(
			of('bucket')
				.sort((a, b) => String(a.k).localeCompare(String(b.k)))
				.map((r) => ({ bucket: String(r.k), ...outcomes(r) })),
			bucket,
			scope.from,
			scope.to
		),
		byCategory: of('category')
			.sort(byCount)
			.map((r) => group(r, 'c')),
		byEstate: of('estate')
			.sort(byCount)
			.map((r) => group(r, 'e')),
		hotspots: of('cell')
			.sort(byCount)
			.map((r) => ({ lat: Number(r.cy) / CELLS_PER_DEGREE_LAT, lon: Number(r.cx) / CELLS_PER_DEGREE_LON, count: Number(r.total), open: Number(r.open) }))
	};
}
