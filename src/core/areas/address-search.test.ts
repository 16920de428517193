// Fatima does not know that her street lies in "Nieuwe woonwijken": she types her address as on an envelope, or only
// the postcode, or the town, and gets the neighbourhood (or the few to choose from). On SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../access';
import { describeOnDatabases } from '../db/testing';
import { buildArea, buildDwelling, buildEstate } from '../people/factories';
import { findNeighbourhoods, parseAddress } from './address-search';

describe('reading an address as a resident writes it', () => {
	it('splits street, number, postcode and town', () => {
		expect(parseAddress('Wallaysplein 1, 8560 Wevelgem')).toMatchObject({ street: 'Wallaysplein', postcode: '8560', town: 'Wevelgem' });
		expect(parseAddress('  Leiemeers 10A bus 3 ,Wevelgem')).toMatchObject({ street: 'Leiemeers', postcode: null, town: 'Wevelgem' });
		expect(parseAddress('8560')).toMatchObject({ street: null, postcode: '8560', town: null });
		expect(parseAddress('Sint-Lenaarts')).toMatchObject({ street: 'Sint-Lenaarts', postcode: null, town: null });
		expect(parseAddress('')).toMatchObject({ street: null, postcode: null, text: '' });
	});
});

describeOnDatabases('finding the neighbourhood from an address', (ctx) => {
	let town: { id: string; name: string; slug: string };
	let area: { id: string; slug: string };
	let other: { slug: string };

	beforeAll(async () => {
		town = await buildArea(ctx.db, { name: 'Wevelgem', kind: 'municipality' });
		area = await buildArea(ctx.db, { name: 'Nieuwe woonwijken', parentId: town.id });
		other = await buildArea(ctx.db, { name: 'Centrum', parentId: town.id });
		const vlashof = await buildEstate(ctx.db, area.id, null, { name: 'Vlashof' });
		await buildDwelling(ctx.db, vlashof.id, { street: 'Vlashofstraat', houseNumber: '2' });
	});

	it('a street with its number and town gives her neighbourhood and the estate on it, accents and case aside', async () => {
		const found = await findNeighbourhoods(ctx.db, anonymous, 'vlashofstraat 2, 8560 WEVELGEM');
		expect(found).toEqual([{ name: 'Nieuwe woonwijken', slug: area.slug, kind: 'neighbourhood', municipality: 'Wevelgem', estate: { name: 'Vlashof', slug: expect.any(String) }, via: 'street' }]);
		expect(await findNeighbourhoods(ctx.db, anonymous, 'Vlashofstraat 2, 9999 Elders')).toEqual([]);
	});

	it('a postcode or the town gives the neighbourhoods of the municipality to choose from', async () => {
		const byPostcode = await findNeighbourhoods(ctx.db, anonymous, '8560');
		expect(byPostcode.map((m) => m.slug).sort()).toEqual([area.slug, other.slug].sort());
		expect(byPostcode.every((m) => m.via === 'postcode')).toBe(true);
		const byTown = await findNeighbourhoods(ctx.db, anonymous, 'wevelgem');
		expect(byTown.map((m) => m.via)).toEqual(['municipality', 'municipality']);
	});

	it("the neighbourhood's own name works; nonsense and wildcards find nothing", async () => {
		expect((await findNeighbourhoods(ctx.db, anonymous, 'woonwijken')).map((m) => m.slug)).toEqual([area.slug]);
		expect(await findNeighbourhoods(ctx.db, anonymous, '%%%')).toEqual([]);
		expect(await findNeighbourhoods(ctx.db, anonymous, 'Nergensstraat 12')).toEqual([]);
		expect(await findNeighbourhoods(ctx.db, anonymous, '   ')).toEqual([]);
	});
});
