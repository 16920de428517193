// A collective issue is closed with its outcome: what was agreed with the housing company or decided by the
// municipality, when, and by whom; reopening keeps the text so the next talk starts from it. Frozen in time.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = sql.raw(dialect === 'postgres' ? 'timestamptz' : 'text') as any;
	await db.schema.alterTable('collective_issues').addColumn('outcome', 'text').execute();
	await db.schema.alterTable('collective_issues').addColumn('closed_at', time).execute();
	await db.schema
		.alterTable('collective_issues')
		.addColumn('closed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.execute();
}
