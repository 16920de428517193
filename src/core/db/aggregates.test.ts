// The figures' SQL gives the same answers on both databases (buckets, hours between times), and medians per group
// come with their middle row.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hoursBetween, middlesOf, monthOf, weekOf } from './aggregates';
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
});

describe('medians with their middle row', () => {
	it('gives the median per group (the middle value, or the mean of the two middle values) and the middle row', () => {
		// a: 1, 3, 9 → 3; b: 2, 4, 6, 10 → 5, its lower middle the row of 4; c: one row; d: two rows of the same value,
		// the earlier `a` taken as the middle; null: a group of its own.
		const rows = [
			['a', 1, 'a1', 'x'],
			['a', 9, 'a9', 'x'],
			['a', 3, 'a3', 'x'],
			['b', 4, 'b4', 'y'],
			['b', 2, 'b2', 'y'],
			['b', 10, 'b10', 'y'],
			['b', 6, 'b6', 'y'],
			['c', 7.5, 'c', 'z'],
			['d', 2, 'd2', 'late'],
			['d', 2, 'd1', 'early'],
			[null, 5, 'n', 'n']
		] as const;
		const middles = middlesOf(rows.map(([g, v, a, b]) => ({ g, v, a, b })));
		expect(Object.fromEntries(middles)).toEqual({
			a: { median: 3, from: 'a3', to: 'x' },
			b: { median: 5, from: 'b4', to: 'y' },
			c: { median: 7.5, from: 'c', to: 'z' },
			d: { median: 2, from: 'd1', to: 'early' },
			null: { median: 5, from: 'n', to: 'n' }
		});
		expect(middlesOf([]).size).toBe(0);
	});
});
