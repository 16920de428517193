import { expect, it } from 'vitest';
import { areaAt } from '../areas/lookup';
import { describeOnDatabases } from '../db/testing';
import { buildDemoData } from './data';

describeOnDatabases('the demo data', (ctx) => {
	it('holds the real places of the seeds, with households, residents and one login per role', async () => {
		const logins = await buildDemoData(ctx.db);
		expect(new Set(logins.map((l) => l.role))).toEqual(new Set(['admin', 'coordinator', 'community_worker', 'partner_staff']));
		const estates = await ctx.db.selectFrom('estates').select('name').execute();
		expect(estates.map((e) => e.name)).toEqual(expect.arrayContaining(['Wallaysplein', 'Kapelakker', 'Nieuwe Stad', 'De Barakken', 'Centrumwijk', 'Dierdonk-Zwartegevel']));
		const count = async (table: 'households' | 'residents' | 'consents') => Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
		expect(await count('households')).toBeGreaterThan(30);
		expect(await count('residents')).toBeGreaterThan(60);
		expect(await count('consents')).toBeGreaterThan(0);
		// The focus area Wallaysplein lies inside Wevelgem: a point on the square is found as the focus area.
		const found = await areaAt(ctx.db, 3.1745, 50.8093);
		expect(found?.name).toBe('Wallaysplein');
		const parent = await ctx.db.selectFrom('areas').select('name').where('id', '=', found!.parent_id!).executeTakeFirst();
		expect(parent?.name).toBe('Wevelgem');
	});
});
