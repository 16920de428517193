// Planner statistics. Both databases choose an index by how many rows they expect a condition to match; without
// statistics SQLite guesses, and PostgreSQL's guesses are poor until autovacuum has analysed a table that grew fast.
// The queries of the app are written to be fast without statistics too (see the signals' partial index on
// merged_into_id); statistics keep them fast as the data grows and changes shape.
//
// - refreshStatistics(db): after a bulk load (an import, the bench generator): SQLite reads a sample of every index
//   (ANALYZE under an analysis_limit, so it takes milliseconds, not minutes, at a million rows); PostgreSQL analyses
//   every table (ANALYZE samples too).
// - optimizeStatistics(db): cheap upkeep for a long-running process, at start and then every few hours: SQLite's
//   `PRAGMA optimize` analyses only tables that have no statistics yet or whose size changed a lot since (a few
//   hundred ms at 100,000 signals the first time, nothing after); on PostgreSQL autovacuum does this already.
import { sql } from 'kysely';
import type { Db } from './database';

/** Rows of each index SQLite reads for its statistics (SQLite's advice: 100–1,000); enough to tell a unique key from a status. */
export const SQLITE_ANALYSIS_LIMIT = 1000;

export async function refreshStatistics(db: Db): Promise<void> {
	if (db.dialect === 'postgres') {
		await sql`analyze`.execute(db);
		return;
	}
	await sql.raw(`pragma analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`).execute(db);
	try {
		await sql`analyze`.execute(db);
	} finally {
		await sql`pragma analysis_limit = 0`.execute(db);
	}
}

export async function optimizeStatistics(db: Db): Promise<void> {
	if (db.dialect === 'postgres') return;
	// 0x10002: check every table, not only those queried on this connection (SQLite's advice for a connection that
	// stays open). It analyses, from a sample, each table never analysed (or empty when it was) and each that grew or
	// shrank a lot since; otherwise it does nothing.
	await sql`pragma optimize = 0x10002`.execute(db);
}
