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
	}, 180_000);

	it('holds a year of routed signals on every demo estate, a collective issue and a trained classifier', async () => {
		const perEstate = await ctx.db
			.selectFrom('signals as s')
			.innerJoin('estates as e', 'e.id', 's.estate_id')
			.select(['e.name', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('s.organisation_id').as('routed')])
			.groupBy('e.name')
			.execute();
		const byName = Object.fromEntries(perEstate.map((r) => [r.name, { n: Number(r.n), routed: Number(r.routed) }]));
		for (const estate of ['Wallaysplein', 'Vlashof', 'Leiemeersen', 'Lindenhof', 'Kapelakker', 'Nieuwe Stad', 'De Barakken', 'Centrumwijk', 'Dierdonk-Zwartegevel']) {
			expect(byName[estate]?.n, estate).toBeGreaterThan(5);
			expect(byName[estate].routed, estate).toBe(byName[estate].n);
		}
		// Wallaysplein's damp goes to De Vlashaard's technical team; Kapelakker's to De Voorkempen; help in Wevelgem to the OCMW.
		const routedTo = async (estate: string, kind: string) =>
			(
				await ctx.db
					.selectFrom('signals as s')
					.innerJoin('estates as e', 'e.id', 's.estate_id')
					.innerJoin('organisations as o', 'o.id', 's.organisation_id')
					.select('o.name')
					.distinct()
					.where('e.name', '=', estate)
					.where('s.kind', '=', kind as never)
					.execute()
			).map((r) => r.name);
		expect(await routedTo('Wallaysplein', 'home_repair')).toEqual(['De Vlashaard']);
		expect(await routedTo('Kapelakker', 'home_repair')).toEqual(['De Voorkempen']);
		const statuses = new Set((await ctx.db.selectFrom('signals').select('status').distinct().execute()).map((r) => r.status));
		for (const s of ['new', 'accepted', 'resolved', 'closed', 'rejected', 'not_our_task']) expect(statuses, s).toContain(s);
		const helpWithConsent = await ctx.db.selectFrom('signals').select('id').where('is_help_request', '=', true).where('consent_id', 'is not', null).execute();
		expect(helpWithConsent.length).toBeGreaterThan(0);
		expect((await ctx.db.selectFrom('referrals').select('status').execute()).length).toBeGreaterThan(0);
		expect(await ctx.db.selectFrom('collective_issues').select(['title', 'status']).orderBy('title', 'desc').execute()).toEqual([
			{ title: 'Zwerfvuil en sluikstort rond Kapelakker', status: 'open' },
			{ title: 'Vocht en schimmel in de flats van het Wallaysplein', status: 'closed' }
		]);
		const closed = await ctx.db.selectFrom('collective_issues').select('outcome').where('status', '=', 'closed').executeTakeFirstOrThrow();
		expect(closed.outcome).toMatch(/ventilatie/);
		expect(await ctx.db.selectFrom('classifier_models').select('example_count').execute()).toHaveLength(1);
		// No demo reporter leaves an email address: loading the demo sends no mail to residents.
		expect(await ctx.db.selectFrom('signal_reporters').select('id').where('email', 'is not', null).execute()).toEqual([]);
	}, 30_000);
});
