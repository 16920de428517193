// Planner statistics are taken after a bulk load and kept up by a cheap upkeep call: on SQLite both leave statistics
// behind for the signals' indexes (a database never analysed gets its first ones from the upkeep call too); on
// PostgreSQL the refresh analyses the tables.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { optimizeStatistics, refreshStatistics } from './statistics';
import { describeOnDatabases } from './testing';

describeOnDatabases('planner statistics', (ctx) => {
	const statistics = async (): Promise<string[]> =>
		ctx.dialect === 'sqlite'
			? (await sql<{ idx: string }>`select idx from sqlite_stat1 where tbl = 'areas' and idx is not null`.execute(ctx.db)).rows.map((r) => r.idx).sort()
			: (await sql<{ attname: string }>`select attname from pg_stats where schemaname = current_schema() and tablename = 'areas'`.execute(ctx.db)).rows
					.map((r) => r.attname)
					.sort();

	it('a fresh database has none; the upkeep call takes the first ones on SQLite', async () => {
		const now = new Date().toISOString();
		for (let k = 0; k < 50; k++) {
			await ctx.db
				.insertInto('areas')
				.values({
					id: `area-${k}`,
					parent_id: null,
					kind: 'neighbourhood',
					name: `Wijk ${k}`,
					name_fr: null,
					slug: `wijk-${k}`,
					code: null,
					description: null,
					boundary: null,
					min_lon: null,
					min_lat: null,
					max_lon: null,
					max_lat: null,
					created_at: now,
					updated_at: now
				})
				.execute();
		}
		if (ctx.dialect === 'sqlite') {
			const before = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(ctx.db);
			expect(Number(before.rows[0].n)).toBe(0);
			await optimizeStatistics(ctx.db);
			expect(await statistics()).toContain('areas_slug');
			// Once there are statistics, the upkeep is SQLite's own PRAGMA optimize: it runs, and leaves them in place.
			await optimizeStatistics(ctx.db);
			expect(await statistics()).toContain('areas_slug');
		} else {
			// PostgreSQL's autovacuum keeps them: the upkeep call leaves the fresh database without any (50 rows stay under
			// its threshold), and the refresh below takes them.
			await optimizeStatistics(ctx.db);
			expect(await statistics()).toEqual([]);
		}
	});

	it('a refresh after a bulk load takes them on both databases', async () => {
		await refreshStatistics(ctx.db);
		expect(await statistics()).toContain(ctx.dialect === 'sqlite' ? 'areas_parent' : 'parent_id');
	});
});
