// The letters of a print run, kept for a short while after it is made so the worker can download them from the codes
// page (again), instead of only in the answer to the post that made the codes. Sealed: encrypted with a key derived
// from the worker's session token, which the database never holds (only its hash), so the codes are still nowhere in
// the clear at rest and only the browser that made them can open them. A sweep deletes them when they expire.
// Frozen in time.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = sql.raw(dialect === 'postgres' ? 'timestamptz' : 'text') as any;
	await db.schema
		.createTable('survey_code_letters')
		.addColumn('batch_id', 'text', (c) => c.primaryKey().references('survey_code_batches.id').onDelete('cascade'))
		/** A hash of the key, so a page can tell which runs this session can open without opening them. */
		.addColumn('key_check', 'text', (c) => c.notNull())
		/** base64 of iv (12 bytes), tag (16 bytes) and the AES-256-GCM ciphertext of the letters' JSON. */
		.addColumn('sealed', 'text', (c) => c.notNull())
		.addColumn('expires_at', time, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('survey_code_letters_expires').on('survey_code_letters').column('expires_at').execute();
}
