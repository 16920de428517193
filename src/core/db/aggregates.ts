// The dialect-specific half of figures over many rows: calendar buckets of a stored time, the hours between two
// stored times, and medians per group (PostgreSQL: percentile_cont; SQLite: the middle rows by a window function,
// SQLite has no percentile aggregate). Times are bucketed in UTC on both databases, so both give the same figures.
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

/**
 * The median of `value` per `group` over the rows of `from` (a subquery with the columns `g` and `v`, v not null):
 * the mean of the two middle values when a group has an even count, as percentile_cont(0.5) does.
 */
export async function mediansByGroup(db: Db, from: OperationNodeSource): Promise<Map<string | null, number>> {
	const source = from;
	const rows =
		db.dialect === 'postgres'
			? await sql<{ g: string | null; m: number }>`select g, percentile_cont(0.5) within group (order by v) as m from (${source}) as src group by g`.execute(db)
			: await sql<{ g: string | null; m: number }>`select g, avg(v) as m from (
					select g, v, row_number() over (partition by g order by v) as rn, count(*) over (partition by g) as n from (${source}) as src
				) as ranked where rn in ((n + 1) / 2, (n + 2) / 2) group by g`.execute(db);
	return new Map(rows.rows.map((r) => [r.g, Number(r.m)]));
}

/**
 * The row in the middle (the lower middle for an even count) of `from` ordered by its column `v`: for figures that
 * cannot be computed in SQL, such as working days with public holidays, taken from the median signal.
 */
export async function middleRow<R>(db: Db, from: OperationNodeSource): Promise<R | null> {
	const source = from;
	const { rows } = await sql<{ n: number }>`select count(*) as n from (${source}) as src`.execute(db);
	const n = Number(rows[0]?.n ?? 0);
	if (n === 0) return null;
	const found = await sql<R>`select * from (${source}) as src order by v limit 1 offset ${Math.floor((n - 1) / 2)}`.execute(db);
	return found.rows[0] ?? null;
}
