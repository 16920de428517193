// The tree walked up and down by the one pair of walks: a region of twelve levels (deeper than the walks go), a
// sibling branch that must stay out, and a loop in the data that must not make a walk endless.
import { expect, it } from 'vitest';
import type { Db } from '../db';
import { newId, nowIso } from '../db';
import { describeOnDatabases } from '../db/testing';
import { ancestorsOf } from './areas';
import { AREA_TREE_DEPTH, areaAndBelow, areaPath, insideAreas } from './tree';

async function addArea(db: Db, name: string, parentId: string | null, kind: 'region' | 'municipality' | 'neighbourhood' = 'neighbourhood'): Promise<string> {
	const id = newId();
	const at = nowIso();
	await db
		.insertInto('areas')
		.values({
			id,
			parent_id: parentId,
			kind,
			name,
			name_fr: null,
			slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${id.slice(-8)}`,
			code: null,
			description: null,
			boundary: null,
			min_lon: null,
			min_lat: null,
			max_lon: null,
			max_lat: null,
			name_key: null,
			name_fr_key: null,
			created_at: at,
			updated_at: at
		})
		.execute();
	return id;
}

describeOnDatabases('the area tree, up and down', (ctx) => {
	/** region → Wevelgem → level 2 … level 11 (twelve levels), and Menen beside Wevelgem. */
	let levels: string[] = [];
	let menen = '';
	let menenWijk = '';

	it('walks down from an area through every level the rule allows, and never into a sibling', async () => {
		const region = await addArea(ctx.db, 'West-Vlaanderen', null, 'region');
		levels = [region, await addArea(ctx.db, 'Wevelgem', region, 'municipality')];
		for (let i = 2; i < 12; i++) levels.push(await addArea(ctx.db, `Wijk ${i}`, levels[i - 1]));
		menen = await addArea(ctx.db, 'Menen', region, 'municipality');
		menenWijk = await addArea(ctx.db, 'Menen-Centrum', menen);

		const below = await areaAndBelow(ctx.db, levels[1]);
		expect(below).toEqual(levels.slice(1, 1 + AREA_TREE_DEPTH));
		expect(below).not.toContain(menen);
		expect(below).not.toContain(menenWijk);
		expect(await areaAndBelow(ctx.db, menen)).toEqual([menen, menenWijk]);
		expect(await areaAndBelow(ctx.db, newId())).toEqual([]);
	});

	it('gives the same areas as a list condition, for one root or several', async () => {
		const inside = async (roots: string[]) => (await ctx.db.selectFrom('areas').select('id').where(insideAreas('id', roots)).execute()).map((r) => r.id).sort();
		expect(await inside([levels[1]])).toEqual([...(await areaAndBelow(ctx.db, levels[1]))].sort());
		expect(await inside([levels[5], menen])).toEqual([...levels.slice(5, 5 + AREA_TREE_DEPTH), menen, menenWijk].sort());
		expect(await inside([])).toEqual([]);
	});

	it('walks up from an area to the region, nearest first, as far as the rule allows', async () => {
		expect(await areaPath(ctx.db, levels[4])).toEqual(levels.slice(0, 5).reverse());
		expect(await areaPath(ctx.db, menenWijk)).toEqual([menenWijk, menen, levels[0]]);
		expect(await areaPath(ctx.db, levels[11])).toEqual(levels.slice(12 - AREA_TREE_DEPTH).reverse());
		expect(await areaPath(ctx.db, null)).toEqual([]);
		expect(await areaPath(ctx.db, newId())).toEqual([]);
		const above = await ancestorsOf(ctx.db, { id: menenWijk, parent_id: menen });
		expect(above.map((a) => a.name)).toEqual(['West-Vlaanderen', 'Menen']);
	});

	it('stops at a loop in the data instead of walking forever', async () => {
		const a = await addArea(ctx.db, 'Lus A', null);
		const b = await addArea(ctx.db, 'Lus B', a);
		await ctx.db.updateTable('areas').set({ parent_id: b }).where('id', '=', a).execute();
		expect(await areaPath(ctx.db, a)).toEqual([a, b]);
		expect(await areaAndBelow(ctx.db, a)).toEqual([a, b]);
		expect((await ancestorsOf(ctx.db, { id: a, parent_id: b })).map((x) => x.id)).toEqual([b]);
	});
});
