// A tenant who reports from the poster in her hall and picks "a point on the map" sees her own estate first, not
// the whole of Belgium; from the community centre's poster the map opens on the neighbourhood.
import { expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { buildArea, buildEstate, buildOrganisation } from '../../people/factories';
import { reportPlace } from './report-form';
import { reportMapBounds } from './report-map';

describeOnDatabases('where the map of the report form opens', (ctx) => {
	it('on the estate (its outline or its point), else on the area, else around the estates of the area, else nowhere', async () => {
		const shm = await buildOrganisation(ctx.db, 'housing_company');
		const area = await buildArea(ctx.db);
		const square = {
			type: 'Polygon',
			coordinates: [
				[
					[3.2, 50.8],
					[3.21, 50.8],
					[3.21, 50.81],
					[3.2, 50.81],
					[3.2, 50.8]
				]
			]
		};
		const outlined = await buildEstate(ctx.db, area.id, shm.id);
		await ctx.db.updateTable('estates').set({ boundary: square }).where('id', '=', outlined.id).execute();
		const pointed = await buildEstate(ctx.db, area.id, shm.id);
		await ctx.db.updateTable('estates').set({ lon: 3.205, lat: 50.805 }).where('id', '=', pointed.id).execute();
		const unplaced = await buildEstate(ctx.db, area.id, shm.id);
		const bounds = async (slug: string) => reportMapBounds(ctx.db, anonymous, await reportPlace(ctx.db, anonymous, slug));

		expect(await bounds(outlined.slug)).toEqual([3.2, 50.8, 3.21, 50.81]);
		expect(await bounds(pointed.slug)).toEqual([3.205, 50.805, 3.205, 50.805]);
		// An area without an outline: around its estates that have a place.
		expect(await bounds(area.slug)).toEqual([3.2, 50.8, 3.21, 50.81]);
		await ctx.db.updateTable('areas').set({ min_lon: 3.1, min_lat: 50.7, max_lon: 3.3, max_lat: 50.9 }).where('id', '=', area.id).execute();
		expect(await bounds(area.slug)).toEqual([3.1, 50.7, 3.3, 50.9]);
		// An estate without a place on the map opens on its area.
		expect(await bounds(unplaced.slug)).toEqual([3.1, 50.7, 3.3, 50.9]);

		const empty = await buildArea(ctx.db);
		const lost = await buildEstate(ctx.db, empty.id, shm.id);
		expect(await bounds(empty.slug)).toBeNull();
		expect(await bounds(lost.slug)).toBeNull();
	});
});
