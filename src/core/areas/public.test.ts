// A resident without an account opens the page of their neighbourhood: they see the estates and their streets, never
// who lives where. And the API's point lookup refuses coordinates that are not coordinates.
import { describe, expect, it } from 'vitest';
import { anonymous, system } from '../access';
import { describeOnDatabases } from '../db/testing';
import { newId, nowIso } from '../db/ids';
import { NotFound } from '../errors';
import { squareBoundary } from './factories';
import { areaLookupQuery } from './model';
import { createBuilding, createDwelling, createEstate } from './places';
import { presentArea } from './presenters';
import { getPublicArea, getPublicEstate, listPublicAreas, publicAreaDirectory } from './public';
import { createArea } from './areas';

describeOnDatabases('the public page of an area', (ctx) => {
	it('shows the estates with their addresses and the areas around, and nothing about residents', async () => {
		const actor = system('test');
		const menen = await createArea(ctx.db, actor, { kind: 'municipality', name: 'Menen', nameFr: 'Menin', code: '34027' });
		const barakken = await createArea(ctx.db, actor, {
			kind: 'neighbourhood',
			name: 'De Barakken',
			parentId: menen.id,
			description: 'Wijk dicht bij de grens',
			boundary: squareBoundary(3.12, 50.79, 0.01)
		});
		const estate = await createEstate(ctx.db, actor, { areaId: barakken.id, name: 'Barakken-Zuid', lon: 3.125, lat: 50.795 });
		const building = await createBuilding(ctx.db, actor, {
			estateId: estate.id,
			name: 'Blok 1',
			street: 'Barakkenstraat',
			houseNumber: '4',
			postalCode: '8930'
		});
		const dwelling = await createDwelling(ctx.db, actor, {
			buildingId: building.id,
			street: 'Barakkenstraat',
			houseNumber: '4',
			box: '2',
			postalCode: '8930',
			externalRef: 'BAR-4-2'
		});
		const at = nowIso();
		await ctx.db
			.insertInto('households')
			.values({
				id: newId(),
				dwelling_id: dwelling.id,
				external_ref: 'C-1',
				name: 'Gezin Geheim',
				move_in_date: null,
				move_out_date: null,
				created_at: at,
				updated_at: at
			})
			.execute();

		const page = await getPublicArea(ctx.db, anonymous, 'de-barakken');
		expect(page).toMatchObject({
			name: 'De Barakken',
			kind: 'neighbourhood',
			description: 'Wijk dicht bij de grens',
			ancestors: [{ name: 'Menen', slug: 'menen' }]
		});
		expect(page.estates).toEqual([
			{ name: 'Barakken-Zuid', slug: estate.slug, description: null, lon: 3.125, lat: 50.795, boundary: null, addresses: ['Barakkenstraat 4, 8930'] }
		]);
		const text = JSON.stringify(page);
		for (const secret of ['Gezin Geheim', 'BAR-4-2', 'C-1', dwelling.id]) expect(text).not.toContain(secret);

		const municipality = await getPublicArea(ctx.db, anonymous, 'menen');
		expect(municipality.children.map((c) => c.slug)).toEqual(['de-barakken']);
		expect((await listPublicAreas(ctx.db, anonymous)).map((a) => [a.name, a.parentName])).toEqual([['De Barakken', 'Menen']]);
		await expect(getPublicArea(ctx.db, anonymous, 'nergens')).rejects.toThrow(NotFound);

		// The estate's own page: under its area's address only, with its streets and where it lies.
		const own = await getPublicEstate(ctx.db, anonymous, 'de-barakken', estate.slug);
		expect(own).toMatchObject({
			name: 'Barakken-Zuid',
			addresses: ['Barakkenstraat 4, 8930'],
			area: { name: 'De Barakken', slug: 'de-barakken' },
			ancestors: [{ name: 'Menen' }]
		});
		for (const secret of ['Gezin Geheim', 'BAR-4-2', 'C-1', dwelling.id]) expect(JSON.stringify(own)).not.toContain(secret);
		await expect(getPublicEstate(ctx.db, anonymous, 'menen', estate.slug)).rejects.toThrow(NotFound);
	});

	it('a region with many areas asks for a municipality or a name first, and the search finds areas by part of their name', async () => {
		const actor = system('test');
		const wevelgem = await createArea(ctx.db, actor, { kind: 'municipality', name: 'Wevelgem' });
		const harelbeke = await createArea(ctx.db, actor, { kind: 'municipality', name: 'Harelbeke' });
		for (const name of ['Wallaysplein', 'Gullegem-Centrum', 'Moorsele 100%'])
			await createArea(ctx.db, actor, { kind: 'neighbourhood', name, parentId: wevelgem.id });
		await createArea(ctx.db, actor, { kind: 'neighbourhood', name: 'Centrumwijk', parentId: harelbeke.id });

		const overview = await publicAreaDirectory(ctx.db, anonymous, { limit: 3 });
		expect(overview.areas).toEqual([]);
		expect(overview.municipalities).toEqual(
			expect.arrayContaining([
				{ name: 'Harelbeke', slug: 'harelbeke', count: 1 },
				{ name: 'Wevelgem', slug: 'wevelgem', count: 3 }
			])
		);
		expect(overview.matching).toBe(overview.municipalities!.reduce((n, m) => n + m.count, 0));

		const inWevelgem = await publicAreaDirectory(ctx.db, anonymous, { municipality: 'wevelgem', limit: 2 });
		expect(inWevelgem.matching).toBe(3);
		expect(inWevelgem.areas.map((a) => a.name)).toEqual(['Gullegem-Centrum', 'Moorsele 100%']);

		expect((await publicAreaDirectory(ctx.db, anonymous, { q: 'WALLAYS', limit: 3 })).areas.map((a) => a.name)).toEqual(['Wallaysplein']);
		expect((await publicAreaDirectory(ctx.db, anonymous, { q: 'harelbeke', limit: 3 })).areas.map((a) => a.name)).toEqual(['Centrumwijk']);
		// A percent sign or underscore is searched for as itself, not as a wildcard.
		expect((await publicAreaDirectory(ctx.db, anonymous, { q: '%', limit: 3 })).areas.map((a) => a.name)).toEqual(['Moorsele 100%']);
		expect((await publicAreaDirectory(ctx.db, anonymous, { q: '_', limit: 3 })).matching).toBe(0);
	});

	it('the API presents an area by name, code and box, with its public address', async () => {
		const area = await createArea(ctx.db, system('test'), { kind: 'focus_area', name: 'Nieuwe Stad', boundary: squareBoundary(3, 51, 0.5) });
		expect(presentArea(area)).toEqual({
			id: area.id,
			slug: 'nieuwe-stad',
			kind: 'focus_area',
			name: 'Nieuwe Stad',
			nameFr: null,
			code: null,
			parentId: null,
			description: null,
			bbox: [3, 51, 3.5, 51.5],
			url: '/buurten/nieuwe-stad'
		});
	});
});

describe('the lookup query', () => {
	it('takes lon and lat as numbers in range, with a decimal point or comma', () => {
		expect(areaLookupQuery.parse({ lon: '3.18', lat: '50.81' })).toEqual({ lon: 3.18, lat: 50.81 });
		expect(areaLookupQuery.parse({ lon: '3,18', lat: ' 50,81 ' })).toEqual({ lon: 3.18, lat: 50.81 });
		const notANumber = areaLookupQuery.safeParse({ lon: 'abc', lat: '50' });
		expect(notANumber.error?.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['lon', 'invalid_type']]);
		for (const bad of [
			{ lon: 'abc', lat: '50' },
			{ lat: '50' },
			{ lon: '', lat: '50' },
			{ lon: '181', lat: '50' },
			{ lon: '3', lat: '-91' },
			{ lon: 'Infinity', lat: '50' }
		]) {
			expect(areaLookupQuery.safeParse(bad).success).toBe(false);
		}
	});
});
