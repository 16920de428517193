// Watching the SQL a database runs: the committed SQL of the hot queries (scripts/sql-snapshots) is written from it.
// It is Kysely's log, set only when an observer is given: an ordinary database pays nothing for it.
import type { LogConfig } from 'kysely';

/** One statement as the database received it: its SQL with placeholders, never the values; `failed` when it threw. */
export type ObservedQuery = { sql: string; failed: boolean };
export type QueryObserver = (query: ObservedQuery) => void;
export type QueryLogOptions = {
	/** Sees every statement after it ran, in the order they ran; for the SQL snapshots, never set by the app. */
	observeQueries?: QueryObserver;
};

/** Kysely's `log` option for the observer; undefined (no logging at all) without one. */
export function queryLog(options: QueryLogOptions): LogConfig | undefined {
	const observer = options.observeQueries;
	if (!observer) return undefined;
	return (event) => observer({ sql: event.query.sql, failed: event.level === 'error' });
}
