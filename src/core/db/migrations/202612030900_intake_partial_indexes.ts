// Six indexes only for the rows that have a value (partial indexes). A resident's report arrives with no assignee,
// household, author, collective issue or closing time, and its audit entry has no staff actor, so every intake wrote
// six index entries that no query reads: each one more B-tree to update and more pages for the commit to write.
// Every query that uses these indexes compares the column with a value (`assignee_id = ?`, `closed_at < ?`,
// `collective_issue_id = ci.id`, `actor_id = ?`), which implies `is not null`, so SQLite and PostgreSQL still use
// them. Frozen in time.
import type { Kysely } from 'kysely';

const partial: Array<{ table: string; name: string; columns: string[] }> = [
	{ table: 'signals', name: 'signals_assignee', columns: ['assignee_id', 'deadline_at'] },
	{ table: 'signals', name: 'signals_collective', columns: ['collective_issue_id'] },
	{ table: 'signals', name: 'signals_household', columns: ['household_id'] },
	{ table: 'signals', name: 'signals_closed', columns: ['closed_at'] },
	{ table: 'signals', name: 'signals_created_by_status', columns: ['created_by', 'status'] },
	{ table: 'audit_log', name: 'audit_log_actor', columns: ['actor_id', 'at'] }
];

export async function up(db: Kysely<any>): Promise<void> {
	for (const { table, name, columns } of partial) {
		await db.schema.dropIndex(name).execute();
		await db.schema.createIndex(name).on(table).columns(columns).where(columns[0], 'is not', null).execute();
	}
}
