// What residents, partners and files send is stored without the characters that hide or disguise text: a report
// typed on a phone, one sent by a reporting app over Open311, a worker's note and an area file's names, on both
// databases. The cleaning itself is src/core/validation.ts (cleanText), used at every service's input.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from './access';
import { featureCollection, feature, squareBoundary } from './areas/factories';
import { importAreas } from './areas/import';
import { describeOnDatabases } from './db/testing';
import { buildPeopleWorld } from './people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from './signals/routing/categories';
import { gatherOpen311Fields, createServiceRequest } from './signals/open311/requests';
import { issueOpen311Client } from './signals/open311/clients';
import { addNote, reportSignal } from './signals';

const baseUrl = 'https://leefbaar.test';
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

describeOnDatabases('stored text is clean', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	let dampId: string;
	const signalText = (id: string) => ctx.db.selectFrom('signals').select(['description', 'location_text']).where('id', '=', id).executeTakeFirstOrThrow();

	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const damp = await createCategory(ctx.db, world.coordinator, { key: 'leak_damp', kind: 'home_repair', name: 'Lek of vocht' });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: damp.id, organisationId: world.shm.id, deadlineDays: 5 });
		dampId = damp.id;
	});

	it('a report whose text carries a NUL and a right-to-left override is stored without them, line breaks kept', async () => {
		const result = await reportSignal(
			ctx.db,
			anonymous,
			{
				kind: 'public_space',
				description: 'Sluikstort\u0000 aan de\u202e glasbak\r\nal een week',
				locationKind: 'address',
				locationText: 'Wallaysplein\u0007 1\u2066',
				name: 'Ann\u202d',
				email: 'ann@example.be',
				language: 'nl'
			},
			{ baseUrl }
		);
		expect(await signalText(result.id)).toEqual({ description: 'Sluikstort aan de glasbak\nal een week', location_text: 'Wallaysplein 1' });
		const reporter = await ctx.db.selectFrom('signal_reporters').select('name').where('signal_id', '=', result.id).executeTakeFirstOrThrow();
		expect(reporter.name).toBe('Ann');
	});

	it('a reporting app’s Open311 post is cleaned the same way', async () => {
		const { client } = await issueOpen311Client(ctx.db, world.admin, { name: 'Stad-app\u202e' });
		const stored = await ctx.db.selectFrom('open311_clients').select('name').where('id', '=', client.id).executeTakeFirstOrThrow();
		expect(stored.name).toBe('Stad-app');
		const fields = gatherOpen311Fields(
			new URLSearchParams({
				service_code: 'leak_damp',
				'attribute[where]': 'dwelling',
				address_string: 'Vlashof\u0000 3',
				description: 'Vocht\u202e in de\u0000 badkamer\r\nen de keuken'
			}).entries()
		);
		const created = await createServiceRequest(ctx.db, client, fields, { baseUrl });
		const row = await ctx.db
			.selectFrom('signals')
			.select(['description', 'location_text'])
			.where('reference', '=', created.service_request_id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ description: 'Vocht in de badkamer\nen de keuken', location_text: 'Vlashof 3' });
	});

	it('a worker’s note to the reporter keeps no hidden characters', async () => {
		const signal = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'home_repair', categoryId: dampId, estateId: world.estate.id, description: 'Vocht in de slaapkamer', email: 'jan@example.be', language: 'nl' },
			{ baseUrl }
		);
		await addNote(ctx.db, world.landlord, signal.id, { body: 'We komen\u2067 dinsdag\u0000 langs.', toReporter: true }, { baseUrl });
		const events = await ctx.db.selectFrom('signal_events').select('body').where('signal_id', '=', signal.id).where('body', 'is not', null).execute();
		expect(events.map((e) => e.body)).toContain('We komen dinsdag langs.');
		expect(events.some((e) => FORBIDDEN.test(e.body ?? ''))).toBe(false);
	});

	it('an area file’s names are cleaned, also when the file spells the characters as JSON escapes', async () => {
		const text = featureCollection([feature({ naam: 'Vlas\u202ekouter\u0000', name_fr: 'Vlas\u0000kouter (fr)' }, squareBoundary(3.16, 50.8, 0.005))]).replace(
			'\u202e',
			'\\u202e'
		);
		expect(text).toContain('\\u202e');
		const report = await importAreas(ctx.db, world.coordinator, { text, kind: 'neighbourhood', parentId: world.area.id, fileName: 'wijken\u202egepj.geojson' });
		expect(report.created).toBe(1);
		const area = await ctx.db.selectFrom('areas').select(['name', 'name_fr']).where('name', 'like', 'Vlas%').executeTakeFirstOrThrow();
		expect(area).toEqual({ name: 'Vlaskouter', name_fr: 'Vlaskouter (fr)' });
	});
});
