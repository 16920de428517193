// The partial indexes of migration 202612030900 (only rows with a value are indexed, so a resident's report writes no
// entry into them) must still serve the queries that read them: each of those compares the column with a value.
// SQLite says which index a plan uses; PostgreSQL is asked with sequential scans switched off, so an index that
// cannot serve the query shows as a plan without it.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnDatabases } from './testing';

const QUERIES: Array<{ index: string; query: string }> = [
	{ index: 'signals_assignee', query: `select id from signals where assignee_id = 'u' order by deadline_at limit 50` },
	{ index: 'signals_closed', query: `select id from signals where closed_at < '2025-01-01'` },
	{ index: 'signals_collective', query: `select id from signals where collective_issue_id = 'c'` },
	{ index: 'signals_household', query: `select id from signals where household_id = 'h'` },
	{ index: 'signals_created_by_status', query: `select id from signals where created_by = 'u' and status = 'new'` },
	{ index: 'audit_log_actor', query: `select id from audit_log where actor_id = 'u' order by at desc limit 50` }
];

describeOnDatabases('partial indexes', (ctx) => {
	for (const { index, query } of QUERIES) {
		it(`${index} serves: ${query}`, async () => {
			let plan: string;
			if (ctx.dialect === 'sqlite') {
				plan = (await sql<{ detail: string }>`explain query plan ${sql.raw(query)}`.execute(ctx.db)).rows.map((r) => r.detail).join('\n');
			} else {
				plan = await ctx.db.transaction().execute(async (trx) => {
					await sql`set local enable_seqscan = off`.execute(trx);
					return (await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join('\n');
				});
			}
			expect(plan).toContain(index);
		});
	}
});
