// The inbox finds "signals I registered" by author and status, and mails to reporters follow merged signals by
// merged_into_id: both were full scans at 100,000 signals. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('signals_created_by_status').on('signals').columns(['created_by', 'status']).execute();
	await db.schema.createIndex('signals_merged_into').on('signals').column('merged_into_id').execute();
}
