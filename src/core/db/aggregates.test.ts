// The figures' SQL gives the same answers on both databases: buckets, hours between times and medians per group.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { hoursBetween, mediansByGroup, middleRow, monthOf, weekOf } from './aggregates';
import { describeOnDatabases } from './testing';

describeOnDatabases('aggregates for figures', (ctx) => {
	it('buckets stored times by month and by ISO week (Monday), and counts hours between two times', async () => {
		const time = ctx.dialect === 'postgres' ? sql.raw('timestamptz') : sql.raw('text');
		await sql`create table agg_times (id integer primary key, a ${time} not null, b ${time})`.execute(ctx.db);
		const rows = [
			[1, '2026-03-01T10:00:00.000Z', '2026-03-02T22:30:00.000Z'], // a Sunday: its week starts on Monday 23 February
			[2, '2026-03-02T00:00:00.000Z', '2026-03-02T06:00:00.000Z'], // a Monday
			[3, '2026-12-31T23:59:00.000Z', null]
		] as const;
		for (const [id, a, b] of rows) await sql`insert into agg_times (id, a, b) values (${id}, ${a}, ${b})`.execute(ctx.db);
		const got = await ctx.db
			.selectFrom(sql`agg_times`.as('t'))
			.select([sql<number>`id`.as('id'), monthOf(ctx.db, 'a').as('month'), weekOf(ctx.db, 'a').as('week'), hoursBetween(ctx.db, 'a', 'b').as('hours')])
			.orderBy(sql`id`)
			.execute();
		expect(got.map((r) => [Number(r.id), r.month, r.week, r.hours === null ? null : Math.round(Number(r.hours) * 100) / 100])).toEqual([
			[1, '2026-03', '2026-02-23', 36.5],
			[2, '2026-03', '2026-03-02', 6],
			[3, '2026-12', '2026-12-28', null]
		]);
	});

	it('gives the median per group: the middle value, or the mean of the two middle values', async () => {
		const values = sql`select column1 as g, column2 as v from (values ('a', 1.0), ('a', 9.0), ('a', 3.0), ('b', 4.0), ('b', 2.0), ('b', 10.0), ('b', 6.0), ('c', 7.5)) as vals`;
		const medians = await mediansByGroup(ctx.db, values);
		expect(Object.fromEntries(medians)).toEqual({ a: 3, b: 5, c: 7.5 });
		const none = await mediansByGroup(ctx.db, sql`select 'x' as g, 1.0 as v where 1 = 0`);
		expect(medians.size).toBe(3);
		expect(none.size).toBe(0);
	});

	it('finds the middle row by value, for figures computed outside SQL', async () => {
		const values = sql`select column1 as label, column2 as v from (values ('slow', 50.0), ('fast', 1.0), ('middle', 7.0), ('quick', 3.0)) as vals`;
		expect(await middleRow<{ label: string }>(ctx.db, values)).toMatchObject({ label: 'quick' });
		expect(await middleRow(ctx.db, sql`select 'x' as label, 1.0 as v where 1 = 0`)).toBeNull();
	});
});
