// Routing in a region: one category has a default rule, a rule for a municipality and rules for other places. A
// signal goes by the rule of its own area, else of the nearest area above it, else the default; never by a rule of
// an area it is not in.
import { expect, it } from 'vitest';
import { anonymous, system } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { buildArea, buildOrganisation } from '../../people/factories';
import { routingRulesAlong } from './area-chain';
import { createCategory, ensureGeneralCategories, setRoutingRule } from './categories';
import { reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';

describeOnDatabases('routing rules along the area chain', (ctx) => {
	it('picks the nearest rule up the chain, the default elsewhere, and reads only the rules that can apply', async () => {
		const admin = system('test');
		await ensureGeneralCategories(ctx.db);
		const lights = await createCategory(ctx.db, admin, { key: 'street_lights', kind: 'public_space', name: 'Straatlicht' });
		const [region, town, other, elsewhere] = await Promise.all(
			['Gewest', 'Gemeente Wevelgem', 'Gemeente Menen', 'Ergens'].map((name) => buildOrganisation(ctx.db, 'municipality', name))
		);
		const wevelgem = await buildArea(ctx.db, { name: 'Wevelgem', kind: 'municipality' });
		const wallaysplein = await buildArea(ctx.db, { name: 'Wallaysplein', parentId: wevelgem.id });
		const menen = await buildArea(ctx.db, { name: 'Menen', kind: 'municipality' });
		const lauwe = await buildArea(ctx.db, { name: 'Lauwe', parentId: menen.id });
		const far = await buildArea(ctx.db, { name: 'Ver weg' });
		await setRoutingRule(ctx.db, admin, { categoryId: lights.id, organisationId: region.id, deadlineDays: 10 });
		await setRoutingRule(ctx.db, admin, { categoryId: lights.id, areaId: wevelgem.id, organisationId: town.id, deadlineDays: 3 });
		await setRoutingRule(ctx.db, admin, { categoryId: lights.id, areaId: lauwe.id, organisationId: other.id, deadlineDays: 2 });
		await setRoutingRule(ctx.db, admin, { categoryId: lights.id, areaId: far.id, organisationId: elsewhere.id, deadlineDays: 1 });

		const report = (areaId?: string) =>
			reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'public_space', categoryId: lights.id, description: 'De straatlamp is stuk', areaId, locationKind: 'none', language: 'nl' },
				{ baseUrl }
			);
		expect((await report(wallaysplein.id)).organisationId).toBe(town.id); // the municipality's rule, one level up
		expect((await report(lauwe.id)).organisationId).toBe(other.id); // its own rule
		expect((await report(menen.id)).organisationId).toBe(region.id); // Menen itself has none: the default
		expect((await report()).organisationId).toBe(region.id);

		const along = await routingRulesAlong(ctx.db, lights.id, wallaysplein.id);
		expect(along.chain).toEqual([wallaysplein.id, wevelgem.id]);
		expect(along.rules.map((r) => r.organisation_id).sort()).toEqual([region.id, town.id].sort());
	});
});
