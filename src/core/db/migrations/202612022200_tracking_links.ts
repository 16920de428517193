// A reporter's tracking links stay valid: every status mail carries a fresh link (only hashes are stored, so the
// mail cannot repeat the old one), and the link on the thank-you page and in earlier mails must keep working. The
// newest link's hash stays on signal_reporters; the earlier ones are kept here. Frozen in time.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = dialect === 'postgres' ? 'timestamptz' : 'text';
	await db.schema
		.createTable('signal_reporter_links')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('reporter_id', 'text', (c) => c.notNull().references('signal_reporters.id').onDelete('cascade'))
		.addColumn('created_at', sql.raw(time) as any, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('signal_reporter_links_reporter').on('signal_reporter_links').column('reporter_id').execute();
}
