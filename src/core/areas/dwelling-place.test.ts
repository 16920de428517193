// What the access policy reads of a dwelling, in one query: its landlord and its estate's area path up to the top of the tree.
import { expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { buildArea, buildDwelling, buildEstate, buildOrganisation } from '../people/factories';
import { landlordAndAreaPathOfDwelling, placeOfDwelling } from './dwelling-place';
import { areaPath } from './tree';

describeOnDatabases('a dwelling as the policy sees it', (ctx) => {
	it('gives the landlord and the same area path as areaPath of the estate’s area, nearest first', async () => {
		const municipality = await buildArea(ctx.db, { kind: 'municipality' });
		const neighbourhood = await buildArea(ctx.db, { kind: 'neighbourhood', parentId: municipality.id });
		const landlord = await buildOrganisation(ctx.db, 'housing_company');
		const estate = await buildEstate(ctx.db, neighbourhood.id, landlord.id);
		const dwelling = await buildDwelling(ctx.db, estate.id);
		const place = await placeOfDwelling(ctx.db, dwelling.id);
		expect(await landlordAndAreaPathOfDwelling(ctx.db, dwelling.id)).toEqual({
			housingCompanyId: landlord.id,
			areaPath: await areaPath(ctx.db, place!.areaId)
		});
		expect((await landlordAndAreaPathOfDwelling(ctx.db, dwelling.id))!.areaPath).toEqual([neighbourhood.id, municipality.id]);
	});

	it('keeps an estate without landlord, and knows no unknown dwelling', async () => {
		const town = await buildArea(ctx.db, { kind: 'municipality' });
		const dwelling = await buildDwelling(ctx.db, (await buildEstate(ctx.db, town.id, null)).id);
		expect(await landlordAndAreaPathOfDwelling(ctx.db, dwelling.id)).toEqual({ housingCompanyId: null, areaPath: [town.id] });
		expect(await landlordAndAreaPathOfDwelling(ctx.db, '00000000-0000-0000-0000-000000000000')).toBeNull();
	});
});
