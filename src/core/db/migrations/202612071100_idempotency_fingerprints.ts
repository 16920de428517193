// A retried post with the same key must also send the same body: the key is kept with a fingerprint of what was sent
// (Open311's Idempotency-Key on the signal, the tablet's submission id on the answer set). Rows stored before have
// none and match any body. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('signals').addColumn('idempotency_fingerprint', 'text').execute();
	await db.schema.alterTable('survey_responses').addColumn('submission_fingerprint', 'text').execute();
}
