// A city app posts a tenant's damp report with only the address she typed ("Wallaysplein 1, Wevelgem", the README's
// example): it reaches De Vlashaard, the housing company that lets the estate, and the answer says which place the
// address was matched to and how. An address that fits several places goes to the general routing, and says so.
import { beforeAll, expect, it } from 'vitest';
import { system } from '../../access';
import { createBuilding, createDwelling, createEstate } from '../../areas/places';
import { createArea } from '../../areas/areas';
import { describeOnDatabases } from '../../db/testing';
import { Invalid } from '../../errors';
import { buildOrganisation, buildPeopleWorld } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { createServiceRequest, gatherOpen311Fields, open311Errors } from './requests';
import { issueOpen311Client, type Open311Client } from './clients';

const baseUrl = 'https://leefbaar.test';
const actor = system('test');
const form = (fields: Record<string, string>) => gatherOpen311Fields(new URLSearchParams(fields).entries());
const damp = (address: string, extra: Record<string, string> = {}) =>
	form({ service_code: 'leak_damp', description: 'Schimmel op de muur van de slaapkamer', 'attribute[where]': 'dwelling', address_string: address, ...extra });

describeOnDatabases('Open311 finds the place from the address', (ctx) => {
	let app: Open311Client;
	let vlashaard: { id: string; name: string };
	let institute: { id: string; name: string };
	let estate: { id: string; slug: string };
	const signalOf = (reference: string) =>
		ctx.db.selectFrom('signals').select(['organisation_id', 'estate_id', 'area_id']).where('reference', '=', reference).executeTakeFirstOrThrow();

	beforeAll(async () => {
		const world = await buildPeopleWorld(ctx.db);
		institute = world.institute;
		vlashaard = await buildOrganisation(ctx.db, 'housing_company', 'De Vlashaard');
		const menenCompany = await buildOrganisation(ctx.db, 'housing_company', 'Woonwijzer');
		await ensureGeneralCategories(ctx.db);
		const category = await createCategory(ctx.db, world.coordinator, { key: 'leak_damp', kind: 'home_repair', name: 'Lek of vocht', isActive: true });
		const region = await createArea(ctx.db, actor, { kind: 'region', name: 'Vlaanderen' });
		const wevelgem = await createArea(ctx.db, actor, { kind: 'municipality', name: 'Wevelgem', parentId: region.id });
		const menen = await createArea(ctx.db, actor, { kind: 'municipality', name: 'Menen', nameFr: 'Menin', parentId: region.id });
		const wallaysplein = await createArea(ctx.db, actor, { kind: 'focus_area', name: 'Wallaysplein', parentId: wevelgem.id });
		const barakken = await createArea(ctx.db, actor, { kind: 'neighbourhood', name: 'De Barakken', parentId: menen.id });
		// As in the demo: De Vlashaard in Wevelgem, another company in Menen, the institute for the rest.
		await setRoutingRule(ctx.db, world.admin, { categoryId: category.id, areaId: wevelgem.id, organisationId: vlashaard.id, deadlineDays: 5 });
		await setRoutingRule(ctx.db, world.admin, { categoryId: category.id, areaId: menen.id, organisationId: menenCompany.id, deadlineDays: 5 });
		await setRoutingRule(ctx.db, world.admin, { categoryId: category.id, organisationId: institute.id, deadlineDays: 10 });
		estate = await createEstate(ctx.db, actor, { areaId: wallaysplein.id, name: 'Wallaysplein', housingCompanyId: vlashaard.id });
		const one = await createBuilding(ctx.db, actor, { estateId: estate.id, name: 'Blok A', street: 'Wallaysplein', houseNumber: '1', postalCode: '8560' });
		for (const box of ['1', '2', '3'])
			await createDwelling(ctx.db, actor, { buildingId: one.id, street: 'Wallaysplein', houseNumber: '1', box, postalCode: '8560' });
		const bar = await createEstate(ctx.db, actor, { areaId: barakken.id, name: 'De Barakken', housingCompanyId: menenCompany.id });
		await createBuilding(ctx.db, actor, { estateId: estate.id, name: 'Kerkstraat 4', street: 'Kerkstraat', houseNumber: '4', postalCode: '8560' });
		await createBuilding(ctx.db, actor, { estateId: bar.id, name: 'Kerkstraat 4', street: 'Kerkstraat', houseNumber: '4', postalCode: '8930' });
		app = (await issueOpen311Client(ctx.db, world.admin, { name: 'Stad-app' })).client;
	});

	it("the README example reaches De Vlashaard, and the answer says it matched the estate's exact address", async () => {
		const created = await createServiceRequest(ctx.db, app, damp('Wallaysplein 1, Wevelgem'), { baseUrl });
		expect(created.service_notice).toContain('De Vlashaard');
		expect(created.address_match).toEqual({
			match: 'address',
			ambiguous: false,
			estate: 'Wallaysplein',
			estate_key: estate.slug,
			area: 'Wallaysplein',
			municipality: 'Wevelgem',
			address: 'Wallaysplein 1, 8560 Wevelgem',
			note: 'Het adres Wallaysplein 1, 8560 Wevelgem ligt in Wallaysplein, Wevelgem.'
		});
		expect(await signalOf(created.service_request_id)).toMatchObject({ organisation_id: vlashaard.id, estate_id: estate.id });
		const en = await createServiceRequest(ctx.db, app, damp('wallaysplein 1 bus 2, 8560 WEVELGEM', { locale: 'en' }), { baseUrl });
		expect(en.address_match).toMatchObject({
			match: 'address',
			estate: 'Wallaysplein',
			note: 'The address Wallaysplein 1, 8560 Wevelgem is in Wallaysplein, Wevelgem.'
		});
	});

	it('a street in two municipalities without one named goes to the general routing, and the answer asks for the municipality', async () => {
		const created = await createServiceRequest(ctx.db, app, damp('Kerkstraat 4'), { baseUrl });
		expect(created.address_match).toMatchObject({ match: 'none', ambiguous: true, estate: null, area: null });
		expect(created.address_match?.note).toContain('postcode');
		expect(await signalOf(created.service_request_id)).toMatchObject({ organisation_id: institute.id, estate_id: null, area_id: null });
		// With the French name of the municipality it is certain.
		const menin = await createServiceRequest(ctx.db, app, damp('Kerkstraat 4, Menin'), { baseUrl });
		expect(menin.address_match).toMatchObject({ match: 'address', estate: 'De Barakken', municipality: 'Menen' });
		expect(menin.service_notice).toContain('Woonwijzer');
	});

	it('an unknown number on a known street places the report in the area; an unknown street in the municipality', async () => {
		const street = await createServiceRequest(ctx.db, app, damp('Wallaysplein 77, Wevelgem'), { baseUrl });
		expect(street.address_match).toMatchObject({ match: 'street', ambiguous: false, estate: null, area: 'Wallaysplein', address: null });
		expect(await signalOf(street.service_request_id)).toMatchObject({ organisation_id: vlashaard.id, estate_id: null });
		const town = await createServiceRequest(ctx.db, app, damp('Stationsstraat 4, 8560 Wevelgem'), { baseUrl });
		expect(town.address_match).toMatchObject({ match: 'municipality', area: 'Wevelgem' });
		expect(town.service_notice).toContain('De Vlashaard');
	});

	it('a named estate, or a point with a vaguer address, decides as before; an exact address wins over the point', async () => {
		const named = await createServiceRequest(ctx.db, app, damp('Kerkstraat 4', { 'attribute[estate]': estate.slug }), { baseUrl });
		expect(named.address_match).toBeUndefined();
		const pointed = await createServiceRequest(ctx.db, app, damp('Wallaysplein 1, Wevelgem', { lat: '51.2', long: '2.9' }), { baseUrl });
		expect(await signalOf(pointed.service_request_id)).toMatchObject({ estate_id: estate.id, organisation_id: vlashaard.id });
	});

	it('an address of only numbers is a 400 naming address_string; a very long one too; control characters are dropped', async () => {
		for (const address of ['12345', '1 / 2', 'x'.repeat(301)]) {
			const error = await createServiceRequest(ctx.db, app, damp(address), { baseUrl }).catch((e) => e);
			expect(error, address).toBeInstanceOf(Invalid);
			const answer = open311Errors(error)!;
			expect(answer.status).toBe(400);
			expect(answer.errors[0].description).toMatch(/^address_string: /);
		}
		const numbers = await createServiceRequest(ctx.db, app, damp('12345'), { baseUrl }).catch((e: unknown) => e);
		expect(open311Errors(numbers)?.errors).toEqual([
			{ code: 400, description: 'address_string: An address needs a street or a place name, not only numbers.' }
		]);
		const controlled = await createServiceRequest(ctx.db, app, damp('Wallaysplein\u0000 1,\u0007 Wevelgem'), { baseUrl });
		expect(controlled.address_match).toMatchObject({ match: 'address', estate: 'Wallaysplein' });
	});
});
