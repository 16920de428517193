// Sign-in, password-reset mails and mailed-link tries are throttled per account and per client address: a failure
// counter with the time of the last failure and a block that ends by itself. Only hashes of the email or address are
// kept, and a row is deleted an hour after its last failure. Frozen in time.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = sql.raw(dialect === 'postgres' ? 'timestamptz' : 'text') as any;
	await db.schema
		.createTable('auth_throttles')
		/** what:whose hash, e.g. "sign-in:account:<sha256 of the email>" or "sign-in:address:<sha256 of the address>". */
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('last_failure_at', time, (c) => c.notNull())
		.addColumn('blocked_until', time)
		/** What the last counted attempt was told (allowed, wait, blocked, block_started): decided in the same statement. */
		.addColumn('answer', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('auth_throttles_last_failure').on('auth_throttles').column('last_failure_at').execute();
}
