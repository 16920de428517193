// The dialect-specific half of figures over many rows: calendar buckets of a stored time, the hours between two
// stored times, and medians per group with their middle row (by a window function on both databases: SQLite has no
// percentile aggregate, and the middle row's times give the working days). Times are bucketed in UTC on both
// databases, so both give the same figures.
import { sql, type OperationNodeSource, type RawBuilder } from 'kysely';
import type { Db } from './database';

/** 'YYYY-MM' of a stored time. */
export function monthOf(db: Db, column: string): RawBuilder<string> {
	const c = sql.ref(column);
	return db.dialect === 'postgres' ? sql<string>`to_char(${c} at time zone 'UTC', 'YYYY-MM')` : sql<string>`substr(${c}, 1, 7)`;
}

/** The Monday ('YYYY-MM-DD') of the ISO week a stored time falls in. */
export function weekOf(db: Db, column: string): RawBuilder<string> {
	const c = sql.ref(column);
	// SQLite: 'weekday 0' moves to the next Sunday (or stays on one); six days back is that week's Monday.
	return db.dialect === 'postgres' ? sql<string>`to_char(date_trunc('week', ${c} at time zone 'UTC'), 'YYYY-MM-DD')` : sql<string>`date(${c}, 'weekday 0', '-6 days')`;
}

/** Hours from one stored time to another, to the second (negative when `to` is earlier); julianday() would add float noise. */
export function hoursBetween(db: Db, from: string, to: string): RawBuilder<number> {
	const f = sql.ref(from);
	const t = sql.ref(to);
	return db.dialect === 'postgres' ? sql<number>`(extract(epoch from (${t} - ${f})) / 3600.0)` : sql<number>`((strftime('%s', ${t}) - strftime('%s', ${f})) / 3600.0)`;
}

export type GroupMiddle = { median: number; from: string; to: string };

/**
 * Per `group`, over the rows of `from` (a subquery with the columns `g`, `v` (not null), `a` and `b`): the median of
 * `v` (the mean of the two middle values for an even count, as PostgreSQL's percentile_cont(0.5) gives it), and `a` and `b` of the middle row (the lower middle for an even count; ties by `v`
 * broken by `a`), for figures that cannot be computed in SQL, such as working days with public holidays. One query
 * with a window function, the same on both databases.
 */
export async function middlesByGroup(db: Db, from: OperationNodeSource): Promise<Map<string | null, GroupMiddle>> {
	const source = from;
	const { rows } = await sql<{ g: string | null; v: number; a: string; b: string; rn: number; n: number }>`select g, v, a, b, rn, n from (
			select src.g, src.v, src.a, src.b, row_number() over (partition by src.g order by src.v, src.a) as rn, count(*) over (partition by src.g) as n from (${source}) as src
		) as ranked where rn in ((n + 1) / 2, (n + 2) / 2)`.execute(db);
	const out = new Map<string | null, GroupMiddle & { values: number[] }>();
	for (const r of rows) {
		const group = out.get(r.g) ?? { median: 0, from: '', to: '', values: [] };
		group.values.push(Number(r.v));
		if (Number(r.rn) === Math.floor((Number(r.n) + 1) / 2)) Object.assign(group, { from: String(r.a), to: String(r.b) });
		out.set(r.g, group);
	}
	return new Map([...out].map(([g, { values, from, to }]) => [g, { median: values.reduce((s, v) => s + v, 0) / values.length, from, to }]));
}
