// The index on signals.merged_into_id only for merged signals (a partial index). Almost every signal has
// merged_into_id null, and nearly every signal query asks for `merged_into_id is null`: without statistics (SQLite
// keeps none until ANALYZE runs) SQLite took that for a selective equality and walked the full index over the whole
// table — the inbox of a housing company took 76 ms and the collective view of a municipality 630 ms at 100,000
// signals, and grew with the table. A partial index cannot answer `is null`, so the planner takes the organisation,
// author or area index instead (0.5 ms and 6 ms); it still finds the signals merged into one (`merged_into_id = ?`),
// as the mails to reporters and the signal page need. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('signals_merged_into').execute();
	await db.schema.createIndex('signals_merged_into').on('signals').column('merged_into_id').where('merged_into_id', 'is not', null).execute();
}
