// Fatima does not know that her street lies in "Nieuwe woonwijken": she types her address as on an envelope, or only
// the street, the postcode or the town, and gets the neighbourhood (or the few to choose from). The address is read by
// the same matcher as an Open311 report's (matchAddress). On SQLite and PostgreSQL.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../access';
import { describeOnDatabases } from '../db/testing';
import { buildArea, buildDwelling, buildEstate } from '../people/factories';
import { findNeighbourhoods } from './address-search';

describeOnDatabases('finding the neighbourhood from an address', (ctx) => {
	let town: { id: string; name: string; slug: string };
	let area: { id: string; slug: string };
	let other: { id: string; slug: string };

	beforeAll(async () => {
		town = await buildArea(ctx.db, { name: 'Wevelgem', kind: 'municipality' });
		area = await buildArea(ctx.db, { name: 'Nieuwe woonwijken', parentId: town.id });
		other = await buildArea(ctx.db, { name: 'Centrum', parentId: town.id });
		const vlashof = await buildEstate(ctx.db, area.id, null, { name: 'Vlashof' });
		await buildDwelling(ctx.db, vlashof.id, { street: 'Vlashofstraat', houseNumber: '2' });
		// The Kerkstraat runs through both neighbourhoods.
		const kerk = await buildEstate(ctx.db, other.id, null, { name: 'Kerkhof' });
		await buildDwelling(ctx.db, kerk.id, { street: 'Kerkstraat', houseNumber: '1' });
		await buildDwelling(ctx.db, vlashof.id, { street: 'Kerkstraat', houseNumber: '30' });
	});

	it('a street with its number and town gives her neighbourhood and the estate on it, accents and case aside', async () => {
		const found = await findNeighbourhoods(ctx.db, anonymous, 'vlashofstraat 2, 8560 WEVELGEM');
		expect(found).toEqual([
			{
				name: 'Nieuwe woonwijken',
				slug: area.slug,
				kind: 'neighbourhood',
				municipality: 'Wevelgem',
				estate: { name: 'Vlashof', slug: expect.any(String) },
				via: 'street'
			}
		]);
		expect(await findNeighbourhoods(ctx.db, anonymous, 'Vlashofstraat 2, 9999 Elders')).toEqual([]);
		// Abbreviated, as on a quick note: the street key reads "str." as "straat".
		expect((await findNeighbourhoods(ctx.db, anonymous, 'Vlashofstr. 2, Wevelgem')).map((m) => m.estate?.name)).toEqual(['Vlashof']);
	});

	it('a street without a town, or a street through two neighbourhoods, gives those neighbourhoods to choose from', async () => {
		expect(await findNeighbourhoods(ctx.db, anonymous, 'Vlashofstraat 2')).toEqual([
			{ name: 'Nieuwe woonwijken', slug: area.slug, kind: 'neighbourhood', municipality: 'Wevelgem', estate: null, via: 'street' }
		]);
		expect((await findNeighbourhoods(ctx.db, anonymous, 'Kerkstraat, Wevelgem')).map((m) => m.slug)).toEqual([other.slug, area.slug]);
		// With the number, the one neighbourhood (and estate) of that house.
		expect((await findNeighbourhoods(ctx.db, anonymous, 'Kerkstraat 1, 8560 Wevelgem')).map((m) => [m.slug, m.estate?.name])).toEqual([
			[other.slug, 'Kerkhof']
		]);
		expect((await findNeighbourhoods(ctx.db, anonymous, 'Kerkstraat 30')).map((m) => m.slug)).toEqual([area.slug]);
	});

	it('a postcode or the town gives the neighbourhoods of the municipality to choose from', async () => {
		const byPostcode = await findNeighbourhoods(ctx.db, anonymous, '8560');
		expect(byPostcode.map((m) => m.slug).sort()).toEqual([area.slug, other.slug].sort());
		expect(byPostcode.every((m) => m.via === 'postcode')).toBe(true);
		const byTown = await findNeighbourhoods(ctx.db, anonymous, 'wevelgem');
		expect(byTown.map((m) => m.via)).toEqual(['municipality', 'municipality']);
		expect(byTown.map((m) => m.slug).sort()).toEqual([area.slug, other.slug].sort());
		// A street we do not know in a known town: the town's neighbourhoods.
		expect((await findNeighbourhoods(ctx.db, anonymous, 'Stationsstraat 4, 8560 Wevelgem')).map((m) => m.slug).sort()).toEqual([area.slug, other.slug].sort());
	});

	it("the neighbourhood's own name works; nonsense and wildcards find nothing", async () => {
		expect((await findNeighbourhoods(ctx.db, anonymous, 'woonwijken')).map((m) => m.slug)).toEqual([area.slug]);
		expect(await findNeighbourhoods(ctx.db, anonymous, '%%%')).toEqual([]);
		expect(await findNeighbourhoods(ctx.db, anonymous, 'Nergensstraat 12')).toEqual([]);
		expect(await findNeighbourhoods(ctx.db, anonymous, '   ')).toEqual([]);
	});
});
