// The dialect-specific half of figures over many rows: calendar buckets of a stored time, the hours between two
// stored times; and medians per group with their middle row, from rows read in SQL (SQLite has no percentile
// aggregate, and the middle row's times give the working days). Times are bucketed in UTC on both databases, so
// both give the same figures.
import { sql, type RawBuilder } from 'kysely';
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
	return db.dialect === 'postgres'
		? sql<string>`to_char(date_trunc('week', ${c} at time zone 'UTC'), 'YYYY-MM-DD')`
		: sql<string>`date(${c}, 'weekday 0', '-6 days')`;
}

/** Hours from one stored time to another, to the second (negative when `to` is earlier); julianday() would add float noise. */
export function hoursBetween(db: Db, from: string, to: string): RawBuilder<number> {
	const f = sql.ref(from);
	const t = sql.ref(to);
	return db.dialect === 'postgres'
		? sql<number>`(extract(epoch from (${t} - ${f})) / 3600.0)`
		: sql<number>`((strftime('%s', ${t}) - strftime('%s', ${f})) / 3600.0)`;
}

export type GroupMiddle = { median: number; from: string; to: string };

/**
 * Per group `g` of `rows` (`v` a number, `a` and `b` two times): the median of `v` (the mean of the two middle values
 * for an even count, as PostgreSQL's percentile_cont(0.5) gives it) and `a` and `b` of the middle row (the lower
 * middle for an even count; ties of `v` ordered by `a`), for figures that cannot be computed in SQL, such as working
 * days with public holidays. In JavaScript: SQLite's window functions took 15 ms for the 7,000 rows of a
 * municipality's year at a million signals, sorting them here well under one.
 */
export function middlesOf<G>(rows: Iterable<{ g: G; v: number; a: string; b: string }>): Map<G, GroupMiddle> {
	const groups = new Map<G, Array<{ v: number; a: string; b: string }>>();
	for (const r of rows) {
		const list = groups.get(r.g);
		if (list) list.push(r);
		else groups.set(r.g, [r]);
	}
	const out = new Map<G, GroupMiddle>();
	for (const [g, list] of groups) {
		list.sort((x, y) => x.v - y.v || (x.a < y.a ? -1 : x.a > y.a ? 1 : 0));
		const lower = list[Math.floor((list.length - 1) / 2)];
		const upper = list[Math.floor(list.length / 2)];
		out.set(g, { median: (lower.v + upper.v) / 2, from: lower.a, to: lower.b });
	}
	return out;
}
