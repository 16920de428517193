// A reporting app sends only the address a tenant typed: Leefbaar finds the estate of that street and number among
// the dwellings and buildings it knows, else the area of the street, else the municipality, and never guesses a
// place when the address fits several. On both databases.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { system } from '../access';
import { describeOnDatabases } from '../db/testing';
import * as addressKeysMigration from '../db/migrations/202612071620_address_and_place_keys';
import { buildOrganisation, buildStaff } from '../people/factories';
import { createHousehold } from '../people/households';
import { createResident } from '../people/residents';
import { importTenants } from '../people/tenant-import';
import { matchAddress } from './address-match';
import { createBuilding, createDwelling, createEstate, updateDwelling } from './places';
import { createArea, updateArea } from './areas';

const actor = system('test');

describeOnDatabases('finding the place of a typed address', (ctx) => {
	const ids: Record<string, string> = {};
	const place = async (text: string) => {
		const m = await matchAddress(ctx.db, text);
		return {
			level: m.level,
			ambiguous: m.ambiguous,
			estate: m.estate?.name ?? null,
			area: m.area?.name ?? null,
			municipality: m.municipality?.name ?? null,
			address: m.address
		};
	};
	const building = async (estateId: string, street: string, houseNumber: string, postalCode: string, boxes = 0) => {
		const b = await createBuilding(ctx.db, actor, { estateId, name: `${street} ${houseNumber}`, street, houseNumber, postalCode });
		for (let i = 1; i <= boxes; i++) await createDwelling(ctx.db, actor, { buildingId: b.id, street, houseNumber, box: String(i), postalCode });
		return b;
	};

	beforeAll(async () => {
		const vlashaard = await buildOrganisation(ctx.db, 'housing_company', 'De Vlashaard');
		const region = await createArea(ctx.db, actor, { kind: 'region', name: 'Vlaanderen', nameFr: 'Flandre' });
		const wevelgem = await createArea(ctx.db, actor, { kind: 'municipality', name: 'Wevelgem', nameFr: 'Wevelgem', parentId: region.id });
		const menen = await createArea(ctx.db, actor, { kind: 'municipality', name: 'Menen', nameFr: 'Menin', parentId: region.id });
		const wallaysplein = await createArea(ctx.db, actor, { kind: 'focus_area', name: 'Wallaysplein', parentId: wevelgem.id });
		const newEstates = await createArea(ctx.db, actor, { kind: 'neighbourhood', name: 'Nieuwe woonwijken Wevelgem', parentId: wevelgem.id });
		const barakken = await createArea(ctx.db, actor, { kind: 'neighbourhood', name: 'De Barakken', parentId: menen.id });
		const wal = await createEstate(ctx.db, actor, { areaId: wallaysplein.id, name: 'Wallaysplein', housingCompanyId: vlashaard.id });
		const vlashof = await createEstate(ctx.db, actor, { areaId: newEstates.id, name: 'Vlashof', housingCompanyId: vlashaard.id });
		const bar = await createEstate(ctx.db, actor, { areaId: barakken.id, name: 'De Barakken' });
		Object.assign(ids, { wevelgem: wevelgem.id, wal: wal.id });
		const one = await building(wal.id, 'Wallaysplein', '1', '8560', 6);
		await building(wal.id, 'Wallaysplein', '12', '8560', 6);
		await building(wal.id, 'Vlasbloemstraat', '3', '8560', 2);
		// Kerkstraat: in both estates of Wevelgem, and in Menen.
		await building(wal.id, 'Kerkstraat', '40', '8560', 1);
		await building(vlashof.id, 'Kerkstraat', '10', '8560', 1);
		await building(bar.id, 'Kerkstraat', '2', '8930', 1);
		await building(bar.id, 'Barakkenstraat', '5', '8930', 4);
		// Someone lives at Wallaysplein 1 bus 1: the answer names the estate, never them.
		const [dwelling] = await ctx.db.selectFrom('dwellings').select('id').where('building_id', '=', one.id).orderBy('box').execute();
		const household = await createHousehold(ctx.db, actor, { name: 'Gezin Peeters', dwellingId: dwelling.id, moveInDate: '2020-01-01' });
		await createResident(ctx.db, actor, {
			householdId: household.id,
			firstName: 'Marie',
			lastName: 'Peeters',
			birthYear: 1961,
			language: 'nl',
			contactChannel: 'phone',
			phone: '0470 12 34 56'
		});
	});

	it('the README example: Wallaysplein 1, Wevelgem is the Wallaysplein estate of De Vlashaard, matched by its exact address', async () => {
		expect(await place('Wallaysplein 1, Wevelgem')).toEqual({
			level: 'address',
			ambiguous: false,
			estate: 'Wallaysplein',
			area: 'Wallaysplein',
			municipality: 'Wevelgem',
			address: 'Wallaysplein 1, 8560 Wevelgem'
		});
		const m = await matchAddress(ctx.db, 'Wallaysplein 1, Wevelgem');
		expect(m.estate?.id).toBe(ids.wal);
		// Places only: nobody who lives there, no dwelling, no box.
		expect(JSON.stringify(m)).not.toMatch(/Peeters|Marie|0470|bus|box/i);
	});

	it('however the tenant typed it: case, accents, postcode, box, letters and abbreviations', async () => {
		for (const text of [
			'WALLAYSPLEIN 1, 8560 WEVELGEM',
			'wallaysplein 1 bus 3, 8560 Wevelgem',
			'Wallaysplein 1/2 8560 Wevelgem',
			'Wallays plein 1, 8560',
			' Wallaysplein  1 ,  Wevelgem , België '
		]) {
			expect(await place(text), text).toMatchObject({ level: 'address', estate: 'Wallaysplein' });
		}
		expect(await place('Vlasbloemstr. 3, Wevelgem')).toMatchObject({ level: 'address', estate: 'Wallaysplein', address: 'Vlasbloemstraat 3, 8560 Wevelgem' });
		expect(await place('Barakkenstraat 5, Menin')).toMatchObject({ level: 'address', estate: 'De Barakken', municipality: 'Menen' });
		expect(await place('Barakkenstraat 5, 8930 Menen')).toMatchObject({ level: 'address', estate: 'De Barakken' });
	});

	it('a number the street does not have: the street’s area, not the estate', async () => {
		expect(await place('Wallaysplein 99, Wevelgem')).toEqual({
			level: 'street',
			ambiguous: false,
			estate: null,
			area: 'Wallaysplein',
			municipality: 'Wevelgem',
			address: null
		});
		expect(await place('Wallaysplein, 8560 Wevelgem')).toMatchObject({ level: 'street', area: 'Wallaysplein' });
		expect(await place('Wallaysplein 12A, Wevelgem')).toMatchObject({ level: 'street', area: 'Wallaysplein' });
	});

	it('the same street in two municipalities without one named is no guess; named, it is', async () => {
		expect(await place('Kerkstraat 10')).toEqual({ level: 'none', ambiguous: true, estate: null, area: null, municipality: null, address: null });
		expect(await place('Kerkstraat 10, Wevelgem')).toMatchObject({ level: 'address', estate: 'Vlashof' });
		expect(await place('Kerkstraat 10, 8930 Menen')).toMatchObject({ level: 'street', estate: null, area: 'De Barakken' });
		// In two areas of Wevelgem: the municipality that holds both, said to be a fallback.
		expect(await place('Kerkstraat 99, Wevelgem')).toEqual({
			level: 'street',
			ambiguous: true,
			estate: null,
			area: 'Wevelgem',
			municipality: 'Wevelgem',
			address: null
		});
	});

	it('only the municipality known, or nothing', async () => {
		expect(await place('Stationsstraat 4, Wevelgem')).toMatchObject({ level: 'municipality', ambiguous: false, area: 'Wevelgem', municipality: 'Wevelgem' });
		expect(await place('Wevelgem')).toMatchObject({ level: 'municipality', area: 'Wevelgem' });
		expect(await place('Stationsstraat 4, 8930')).toMatchObject({ level: 'municipality', area: 'Menen' });
		expect(await place('Wallaysplein 1, Gent')).toMatchObject({ level: 'none', ambiguous: false });
		expect(await place('Stationsstraat 4')).toMatchObject({ level: 'none' });
		expect(await place('12345')).toMatchObject({ level: 'none' });
	});

	it('a municipality found by a name it was given later', async () => {
		const wevelgem = await ctx.db.selectFrom('areas').selectAll().where('id', '=', ids.wevelgem).executeTakeFirstOrThrow();
		expect(await place('Wallaysplein 1, Wevelghem')).toMatchObject({ level: 'none' });
		await updateArea(ctx.db, actor, wevelgem.id, { kind: 'municipality', name: 'Wevelgem', nameFr: 'Wevelghem', parentId: wevelgem.parent_id });
		expect(await place('Wallaysplein 1, Wevelghem')).toMatchObject({ level: 'address', estate: 'Wallaysplein', municipality: 'Wevelgem' });
	});

	it('keys follow the dwelling when its address changes, and a tenant import writes them', async () => {
		const dwelling = await ctx.db.selectFrom('dwellings').selectAll().where('street', '=', 'Vlasbloemstraat').orderBy('box').executeTakeFirstOrThrow();
		await updateDwelling(ctx.db, actor, dwelling.id, {
			buildingId: dwelling.building_id,
			street: 'Lijnzaadstraat',
			houseNumber: '2 B',
			box: '1',
			postalCode: '8560',
			externalRef: null,
			unit: null,
			bedrooms: null
		});
		expect(await place('Lijnzaadstr 2b, Wevelgem')).toMatchObject({ level: 'address', estate: 'Wallaysplein' });

		const shm = await ctx.db.selectFrom('organisations').select(['id', 'kind']).where('name', '=', 'De Vlashaard').executeTakeFirstOrThrow();
		const landlord = await buildStaff(ctx.db, 'partner_staff', shm);
		const wal = await ctx.db.selectFrom('estates').select('slug').where('id', '=', ids.wal).executeTakeFirstOrThrow();
		const csv = [
			'dwelling_ref;estate;street;house_number;box;postal_code;tenancy_ref;move_in_date;first_name;last_name;birth_year;language;phone;email;contact_channel',
			`WAL-7-1;${wal.slug};Vlaszaadstraat;7;1;8560;HC-7;01/12/2026;Ahmet;Demir;1979;tr;;;`
		].join('\n');
		const report = await importTenants(ctx.db, landlord, { housingCompanyId: shm.id, csv });
		expect(report.outcome).toBe('stored');
		const keys = await ctx.db.selectFrom('dwellings').select(['street_key', 'number_key']).where('external_ref', '=', 'WAL-7-1').executeTakeFirstOrThrow();
		expect(keys).toEqual({ street_key: 'vlaszaadstraat', number_key: '7' });
		expect(await place('Vlaszaadstraat 7 bus 1, 8560 Wevelgem')).toMatchObject({ level: 'address', estate: 'Wallaysplein' });
	});

	it('the migration gives rows that existed before it their keys', async () => {
		const db = ctx.db;
		await building(ids.wal, 'Lijnzaadstraat', '4', '8560', 1);
		// Back to the day before: no key columns, no indexes, the rows as they were.
		await sql`drop index buildings_postal_code`.execute(db);
		for (const column of ['name_key', 'name_fr_key']) {
			await sql`drop index ${sql.id(`areas_${column}`)}`.execute(db);
			await sql`alter table areas drop column ${sql.id(column)}`.execute(db);
		}
		for (const table of ['dwellings', 'buildings']) {
			await sql`drop index ${sql.id(`${table}_address_key`)}`.execute(db);
			await sql`alter table ${sql.id(table)} drop column street_key`.execute(db);
			await sql`alter table ${sql.id(table)} drop column number_key`.execute(db);
		}
		await addressKeysMigration.up(db);
		const missing = await db.selectFrom('dwellings').select('id').where('street_key', 'is', null).execute();
		expect(missing).toEqual([]);
		expect(await place('Wallaysplein 1, Wevelgem')).toMatchObject({ level: 'address', estate: 'Wallaysplein' });
		expect(await place('Lijnzaadstraat 4 bus 1, Wevelgem')).toMatchObject({ level: 'address', estate: 'Wallaysplein' });
		expect(await place('Barakkenstraat 5, Menin')).toMatchObject({ level: 'address', estate: 'De Barakken' });
	});
});
