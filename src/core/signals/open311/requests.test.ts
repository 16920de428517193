// A reporting app (say FixMyStreet run by a city) sends tenants' reports into Leefbaar over Open311: an admin gives
// it a key, the app reads our services, posts a report that is routed like a web report, and follows its status —
// without ever seeing who reported, and without help requests existing for it at all.
import { beforeEach, expect, it } from 'vitest';
import { anonymous, system } from '../../access';
import { hashToken } from '../../auth/tokens';
import { describeOnDatabases } from '../../db/testing';
import { Forbidden, Invalid, NotFound } from '../../errors';
import { buildOrganisation, buildPeopleWorld } from '../../people/factories';
import { deadlineFor } from '../handling/deadlines';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { changeStatus, reportSignal } from '..';
import { authenticateOpen311, issueOpen311Client, listOpen311Clients, revokeOpen311Client, type Open311Client } from './clients';
import {
	createServiceRequest,
	gatherOpen311Fields,
	getServiceRequest,
	listServiceRequests,
	listServices,
	Open311RateLimited,
	open311Errors,
	serviceDefinition,
	w3
} from './requests';

const baseUrl = 'https://leefbaar.test';
/** A Friday afternoon: five working days later is the next Friday. */
const friday = new Date('2026-11-27T15:00:00Z');

/** Exactly what an Open311 client puts on the wire: application/x-www-form-urlencoded. */
const form = (body: string) => gatherOpen311Fields(new URLSearchParams(body).entries());

type Db = Parameters<typeof createServiceRequest>[0];

/**
 * The installation the city app talks to: a cast, damp routed to the housing company (5 working days), dumped
 * rubbish to the town (3), a help category, and two apps with a key: the city's and the demo's.
 */
async function open311Installation(db: Db) {
	const world = await buildPeopleWorld(db);
	await ensureGeneralCategories(db);
	const damp = await createCategory(db, world.coordinator, {
		key: 'leak_damp',
		kind: 'home_repair',
		name: 'Lek of vocht',
		nameFr: 'Fuite ou humidité',
		nameEn: 'Leak or damp',
		isActive: true
	});
	const dumping = await createCategory(db, world.coordinator, {
		key: 'dumping',
		kind: 'public_space',
		name: 'Sluikstort',
		nameEn: 'Dumped rubbish',
		isActive: true
	});
	await createCategory(db, world.coordinator, { key: 'money_debts', kind: 'help', name: 'Geld en schulden', isActive: true });
	const town = await buildOrganisation(db, 'municipality', 'Gemeente Wevelgem');
	await setRoutingRule(db, world.coordinator, { categoryId: damp.id, organisationId: world.shm.id, deadlineDays: 5 });
	await setRoutingRule(db, world.coordinator, { categoryId: dumping.id, organisationId: town.id, deadlineDays: 3 });
	const issued = await issueOpen311Client(db, world.admin, { name: 'Stad-app', contactEmail: 'Dev@Stad.be' });
	const demo = await issueOpen311Client(db, system('demo'), { name: 'Demo-app', key: 'demo' });
	return { world, app: issued.client, appKey: issued.key, demo };
}
type Installation = Awaited<ReturnType<typeof open311Installation>>;

/** Amina reports damp in her home through the city app, on a Friday afternoon. */
const reportDamp = (db: Db, { app, appKey, world }: Installation) =>
	createServiceRequest(
		db,
		app,
		form(
			`api_key=${appKey}&jurisdiction_id=leefbaar.test&service_code=leak_damp&lat=50.8079&long=3.2029&email=tenant%40example.be&first_name=Amina&last_name=Benali&phone=0470+12+34+56&description=Schimmel+op+de+muur+van+de+slaapkamer&media_url=https%3A%2F%2Fapp.example%2Fphoto%2F1.jpg&locale=fr_BE&attribute[where]=dwelling&attribute[estate]=${world.estate.slug}`
		),
		{ baseUrl, now: friday }
	);

/** Dumped rubbish posted by the city app twice with one Idempotency-Key, and once by the demo app with the same key. */
async function reportDumping(db: Db, { app, demo }: Installation) {
	const body = form('service_code=dumping&lat=50.81&long=3.20&description=Vuilniszakken+naast+de+glasbol&address_string=Kerkstraat+1%2C+Wevelgem');
	const first = await createServiceRequest(db, app, body, { baseUrl, idempotencyKey: 'fms-report-4711', now: friday });
	const again = await createServiceRequest(db, app, body, { baseUrl, idempotencyKey: 'fms-report-4711', now: friday });
	const otherApp = await createServiceRequest(db, demo.client, body, { baseUrl, idempotencyKey: 'fms-report-4711', now: friday });
	return { first, again, otherApp };
}

// Open311 reads the whole installation (its services, its requests, its clients): each test gets a database of its own.
describeOnDatabases(
	'Open311 GeoReport v2',
	(ctx) => {
		let installation: Installation;
		let world: Installation['world'];
		let app: Open311Client;
		let appKey: string;

		beforeEach(async () => {
			installation = await open311Installation(ctx.db);
			({ world, app, appKey } = installation);
		});

		it('an admin gives the city app a key, shown once; only its fingerprint is stored', async () => {
			expect(appKey.length).toBeGreaterThan(30);
			const stored = await ctx.db.selectFrom('open311_clients').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
			expect(stored.key_hash).toBe(hashToken(appKey));
			expect(JSON.stringify(stored)).not.toContain(appKey);
			expect(await authenticateOpen311(ctx.db, appKey)).toEqual(app);
			expect(await authenticateOpen311(ctx.db, `${appKey}x`)).toBeNull();
			expect(await authenticateOpen311(ctx.db, '')).toBeNull();

			// Only admins issue keys, and only the demo data (system) may choose one.
			await expect(issueOpen311Client(ctx.db, world.coordinator, { name: 'Andere app' })).rejects.toThrow(Forbidden);
			await expect(issueOpen311Client(ctx.db, world.admin, { name: 'Andere app', key: 'demo' })).rejects.toThrow(Invalid);
			const { demo } = installation;
			expect(demo.key).toBe('demo');
			expect(await authenticateOpen311(ctx.db, 'demo')).toEqual(demo.client);
		});

		it('last use is written at most once a minute; a revoked key stops working at once', async () => {
			const t0 = new Date('2026-11-27T10:00:00Z');
			const extra = await issueOpen311Client(ctx.db, world.admin, { name: 'Proef-app' });
			await authenticateOpen311(ctx.db, extra.key, t0);
			await authenticateOpen311(ctx.db, extra.key, new Date(t0.getTime() + 30_000));
			const lastUsed = async () =>
				(await ctx.db.selectFrom('open311_clients').select('last_used_at').where('id', '=', extra.client.id).executeTakeFirstOrThrow()).last_used_at;
			expect(new Date((await lastUsed())!).toISOString()).toBe(t0.toISOString());
			await authenticateOpen311(ctx.db, extra.key, new Date(t0.getTime() + 61_000));
			expect(new Date((await lastUsed())!).getTime()).toBe(t0.getTime() + 61_000);

			await expect(revokeOpen311Client(ctx.db, world.landlord, extra.client.id)).rejects.toThrow(Forbidden);
			await revokeOpen311Client(ctx.db, world.admin, extra.client.id);
			expect(await authenticateOpen311(ctx.db, extra.key)).toBeNull();
			const listed = await listOpen311Clients(ctx.db, world.admin);
			expect(listed.map((c) => [c.name, !!c.revokedAt])).toEqual([
				['Demo-app', false],
				['Stad-app', false],
				['Proef-app', true]
			]);
			expect(JSON.stringify(listed)).not.toMatch(/key/i);
		});

		it('the app reads our categories as services, grouped by kind; help requests are no service', async () => {
			const services = await listServices(ctx.db, 'nl');
			const codes = services.map((s) => s.service_code);
			expect(codes).toEqual(
				expect.arrayContaining(['leak_damp', 'dumping', 'home_repair_other', 'public_space_other', 'nuisance_other', 'common_spaces_other'])
			);
			expect(codes).not.toContain('money_debts');
			expect(codes).not.toContain('help_other');
			expect(services.find((s) => s.service_code === 'leak_damp')).toEqual({
				service_code: 'leak_damp',
				service_name: 'Lek of vocht',
				description: expect.stringContaining('huisvestingsmaatschappij'),
				metadata: true,
				type: 'realtime',
				keywords: 'Lek of vocht, Fuite ou humidité, Leak or damp',
				group: 'Technisch probleem in de woning'
			});
			expect((await listServices(ctx.db, 'en')).find((s) => s.service_code === 'dumping')).toMatchObject({
				service_name: 'Dumped rubbish',
				group: 'Public space'
			});

			const damp = await serviceDefinition(ctx.db, 'leak_damp', 'en');
			expect(damp.attributes.map((a) => [a.code, a.required, a.datatype, a.order])).toEqual([
				['where', true, 'singlevaluelist', 1],
				['estate', false, 'singlevaluelist', 2]
			]);
			expect(damp.attributes[0].values).toEqual([
				{ key: 'dwelling', name: 'In my home' },
				{ key: 'common_space', name: 'In a common space of the building' }
			]);
			expect(damp.attributes[1].values.map((v) => v.key)).toEqual(expect.arrayContaining([world.estate.slug, world.otherEstate.slug]));
			expect((await serviceDefinition(ctx.db, 'dumping', 'nl')).attributes.map((a) => a.code)).toEqual(['estate']);
			await expect(serviceDefinition(ctx.db, 'money_debts', 'nl')).rejects.toThrow(NotFound);
			await expect(serviceDefinition(ctx.db, 'nope', 'nl')).rejects.toThrow(NotFound);
		});

		it('a tenant reports damp through the app; it is routed to the housing company with its deadline, like a web report', async () => {
			const created = await reportDamp(ctx.db, installation);
			expect(created.service_request_id).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			expect(created.service_notice).toContain(world.shm.name);
			expect(created.account_id).toBeNull();

			const signal = await ctx.db.selectFrom('signals').selectAll().where('reference', '=', created.service_request_id).executeTakeFirstOrThrow();
			expect(signal).toMatchObject({
				source: 'open311',
				open311_client_id: app.id,
				organisation_id: world.shm.id,
				estate_id: world.estate.id,
				location_kind: 'dwelling',
				kind: 'home_repair'
			});
			expect(new Date(signal.deadline_at!).toISOString()).toBe(deadlineFor(friday, 5).toISOString());
			const reporter = await ctx.db.selectFrom('signal_reporters').selectAll().where('signal_id', '=', signal.id).executeTakeFirstOrThrow();
			expect(reporter).toMatchObject({ name: 'Amina Benali', email: 'tenant@example.be', phone: '0470 12 34 56', language: 'fr' });
			const note = await ctx.db.selectFrom('signal_events').selectAll().where('signal_id', '=', signal.id).where('kind', '=', 'note').executeTakeFirstOrThrow();
			expect(note).toMatchObject({ visibility: 'internal', body: 'media_url: https://app.example/photo/1.jpg' });
			const subjects = (await ctx.db.selectFrom('outbox').select('payload').execute()).map((r) => (r.payload as { subject: string }).subject);
			expect(subjects).toContain(`Nous avons reçu votre signalement ${created.service_request_id}`);

			// The app follows it: open, the housing company responsible, expected by the deadline; the tenant stays unnamed.
			const [request] = await listServiceRequests(ctx.db, { service_request_id: created.service_request_id }, { baseUrl, now: friday });
			expect(request).toMatchObject({
				service_request_id: created.service_request_id,
				status: 'open',
				service_code: 'leak_damp',
				agency_responsible: world.shm.name,
				expected_datetime: w3(deadlineFor(friday, 5))
			});
			// About someone's home: no description and no exact point, only the estate.
			expect(request).toMatchObject({ description: null, lat: null, long: null, address: `${world.estate.name}, ${world.area.name}` });
			const wire = JSON.stringify(await listServiceRequests(ctx.db, {}, { baseUrl, now: friday }));
			for (const secret of ['Amina', 'Benali', 'tenant@example.be', '0470', 'app.example', 'Schimmel']) expect(wire).not.toContain(secret);
		});

		it('a retried POST with the same Idempotency-Key gives the same request, not a second signal', async () => {
			const { first, again, otherApp } = await reportDumping(ctx.db, installation);
			expect(again.service_request_id).toBe(first.service_request_id);
			expect(otherApp.service_request_id).not.toBe(first.service_request_id);
			const count = await ctx.db
				.selectFrom('signals')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('description', '=', 'Vuilniszakken naast de glasbol')
				.executeTakeFirstOrThrow();
			expect(Number(count.n)).toBe(2);

			// Public space: the description, the address and the point are public.
			const shown = await getServiceRequest(ctx.db, first.service_request_id.toLowerCase(), { baseUrl });
			expect(shown).toMatchObject({
				description: 'Vuilniszakken naast de glasbol',
				address: 'Kerkstraat 1, Wevelgem',
				lat: 50.81,
				long: 3.2,
				agency_responsible: 'Gemeente Wevelgem'
			});
		});

		it('help requests do not exist for Open311: not as a service, not in lists, not by code', async () => {
			const help = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'help', description: 'Ik geraak niet rond met mijn geld', email: 'hulp@example.be', estateId: world.estate.id },
				{ baseUrl, now: friday }
			);
			await expect(getServiceRequest(ctx.db, help.reference, { baseUrl })).rejects.toThrow(NotFound);
			expect(await listServiceRequests(ctx.db, { service_request_id: help.reference }, { baseUrl, now: friday })).toEqual([]);
			expect(JSON.stringify(await listServiceRequests(ctx.db, {}, { baseUrl, now: friday }))).not.toContain(help.reference);
			await expect(
				createServiceRequest(ctx.db, app, form('service_code=money_debts&address_string=Wevelgem&description=Ik+heb+schulden'), { baseUrl })
			).rejects.toThrow(NotFound);
		});

		it('bad input gets the spec error list, one entry per problem, in English', async () => {
			const missing = await createServiceRequest(ctx.db, app, form('service_code=leak_damp&lat=91&long=3.2&description=kap'), { baseUrl }).catch((e) => e);
			const answer = open311Errors(missing)!;
			expect(answer.status).toBe(400);
			expect(answer.errors.map((e) => e.code)).toEqual([400, 400]);
			expect(answer.errors.map((e) => e.description.split(':')[0]).sort()).toEqual(['description', 'lat']);

			const noWhere = await createServiceRequest(
				ctx.db,
				app,
				form('service_code=leak_damp&address_string=Wevelgem&description=De+kraan+lekt&attribute[estate]=nowhere'),
				{ baseUrl }
			).catch((e) => e);
			expect(open311Errors(noWhere)!.errors.map((e) => e.description)).toEqual([
				'attribute[where]: This attribute is required for this service (see its service definition).',
				'attribute[estate]: Not one of the values in the service definition.'
			]);
			const noPlace = await createServiceRequest(ctx.db, app, form('service_code=dumping&description=Vuilniszakken'), { baseUrl }).catch((e) => e);
			expect(open311Errors(noPlace)!.errors[0].description).toMatch(/^lat: A location is required/);
			const badEmail = await createServiceRequest(ctx.db, app, form('service_code=dumping&address_string=Wevelgem&description=Vuilniszakken&email=nope'), {
				baseUrl
			}).catch((e) => e);
			expect(open311Errors(badEmail)!.errors[0].description).toMatch(/^email: /);
			const otherPlace = await createServiceRequest(
				ctx.db,
				app,
				form('jurisdiction_id=elders.be&service_code=dumping&address_string=Wevelgem&description=Vuilniszakken'),
				{ baseUrl }
			).catch((e) => e);
			expect(open311Errors(otherPlace)).toEqual({ status: 404, errors: [{ code: 404, description: 'jurisdiction_id not found: elders.be' }] });
			const tooLong = await listServiceRequests(ctx.db, { start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00+02:00' }, { baseUrl }).catch(
				(e) => e
			);
			expect(open311Errors(tooLong)!.errors).toEqual([{ code: 400, description: 'end_date: start_date and end_date may not be more than 90 days apart.' }]);
			const badDate = await listServiceRequests(ctx.db, { start_date: 'yesterday', status: 'solved' }, { baseUrl }).catch((e) => e);
			expect(
				open311Errors(badDate)!
					.errors.map((e) => e.description.split(':')[0])
					.sort()
			).toEqual(['start_date', 'status']);
		});

		it('reads attribute[code] and the multi-value form attribute[code][] as clients send them', () => {
			expect(form('service_code=x&attribute[where]=dwelling&attribute[tags][]=a&attribute[tags][]=b&lat=1&lat=2')).toEqual({
				service_code: 'x',
				lat: '1',
				attribute: { where: 'dwelling', tags: ['a', 'b'] }
			});
			expect(gatherOpen311Fields(Object.entries({ service_code: 'x', lat: 50.8, attribute: { where: 'dwelling' } }))).toEqual({
				service_code: 'x',
				lat: 50.8,
				attribute: { where: 'dwelling' }
			});
		});

		it('statuses map to open and closed, with notes the app can show; filters by status, service and dates', async () => {
			await reportDamp(ctx.db, installation);
			await reportDumping(ctx.db, installation);
			const [request] = await listServiceRequests(ctx.db, { service_code: 'leak_damp' }, { baseUrl, now: friday });
			const signal = await ctx.db.selectFrom('signals').select('id').where('reference', '=', request.service_request_id).executeTakeFirstOrThrow();
			await changeStatus(ctx.db, world.landlord, signal.id, { status: 'not_our_task', reason: 'Dit is een zaak voor de gemeente.' }, { baseUrl });
			const closed = await getServiceRequest(ctx.db, request.service_request_id, { baseUrl, locale: 'nl' });
			expect(closed).toMatchObject({ status: 'closed', status_notes: 'Niet onze taak: Dit is een zaak voor de gemeente.', service_notice: null });
			expect(closed.updated_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

			const later = new Date(friday.getTime() + 86_400_000);
			const open = await listServiceRequests(ctx.db, { status: 'open' }, { baseUrl, now: later });
			const closedOnes = await listServiceRequests(ctx.db, { status: 'closed' }, { baseUrl, now: later });
			expect(open.every((r) => r.status === 'open') && open.length === 2).toBe(true);
			expect(closedOnes.map((r) => r.service_request_id)).toEqual([request.service_request_id]);
			expect(await listServiceRequests(ctx.db, { status: 'open,closed', service_code: 'dumping,leak_damp' }, { baseUrl, now: later })).toHaveLength(3);
			expect(await listServiceRequests(ctx.db, { end_date: '2026-08-01T00:00:00Z' }, { baseUrl, now: later })).toEqual([]);
			expect(await listServiceRequests(ctx.db, { start_date: '2026-11-27' }, { baseUrl, now: later })).toHaveLength(3);
		});

		it('a client posting past its hourly limit gets 429 and nothing is stored; another client is not affected', async () => {
			const busy = await issueOpen311Client(ctx.db, world.admin, { name: 'Drukke app' });
			const other = await issueOpen311Client(ctx.db, world.admin, { name: 'Rustige app' });
			const at = new Date('2026-12-02T10:10:00Z');
			const post = (client: Open311Client, n: number) =>
				createServiceRequest(ctx.db, client, form(`service_code=dumping&address_string=Kerkstraat+${n}&description=Vuilniszakken+${n}`), {
					baseUrl,
					now: at,
					limitPerHour: 2
				});
			await post(busy.client, 1);
			await post(busy.client, 2);
			const refused = await post(busy.client, 3).catch((e) => e);
			expect(refused).toBeInstanceOf(Open311RateLimited);
			expect(refused.retryAfter).toBe(50 * 60);
			expect(open311Errors(refused)).toEqual({
				status: 429,
				errors: [{ code: 429, description: 'This client sent too many requests this hour. Try again later.' }]
			});
			const stored = await ctx.db.selectFrom('signals').select('description').where('open311_client_id', '=', busy.client.id).orderBy('description').execute();
			expect(stored.map((s) => s.description)).toEqual(['Vuilniszakken 1', 'Vuilniszakken 2']);
			expect((await post(other.client, 4)).service_request_id).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		});
	},
	{ each: true }
);
