// Replaces the index on signals (status, closed_at) by one on closed_at alone. Measured (bench/, 100,000 signals,
// SQLite): the collective view of a municipality took 11-12 s, because SQLite — which keeps no statistics unless
// ANALYZE runs — took `status in ('resolved', 'closed')` for a selective condition and walked that index over most of
// the table instead of signals_area_created; without it the same figures take 44-91 ms. The anonymisation sweep, the
// index's reason, looks signals up by closed_at, which the new index serves. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('signals_status_closed').execute();
	await db.schema.createIndex('signals_closed').on('signals').column('closed_at').execute();
}
