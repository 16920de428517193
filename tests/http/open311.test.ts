// An existing Open311 client (FixMyStreet's sender, the Python and Ruby "open311" libraries) talks to the real build:
// it reads discovery, services and definitions, posts a tenant's report as a urlencoded form with attribute[where]=…,
// and follows it in GET requests. Every JSON answer is checked against the public GeoReport v2 JSON Schemas, every XML
// answer is parsed, and errors come as the spec's list with 400, 403 or 404.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../src/core/access/actor';
import { testDialects } from '../../src/core/db/testing';
import { loadDemoOpen311 } from '../../src/core/demo/open311';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../../src/core/signals/routing/categories';
import { reportSignal } from '../../src/core/signals/intake/intake';
import { issueOpen311Client, revokeOpen311Client } from '../../src/core/signals/open311/clients';
import { ROOT, startServer, type TestServer } from '../support/server';

/** The schemas of open311/schema-validation, in shared/ beside the checkout (CI) or the workspace. */
function schemaDir(): string {
	const candidates = [resolve(ROOT, '../shared/data/open311-schema'), '/work/shared/data/open311-schema'];
	const found = candidates.find((dir) => existsSync(join(dir, 'request.json')));
	if (!found) throw new Error(`Open311 JSON Schemas not found in ${candidates.join(' or ')}`);
	return found;
}

function validators(): Record<'services' | 'definition' | 'requests', ValidateFunction> {
	const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
	const ajv = new Ajv({ strict: false, allErrors: true });
	(addFormats as unknown as (a: Ajv) => void)(ajv);
	const dir = schemaDir();
	for (const name of ['service.json', 'services.json', 'service-definition.json', 'request.json', 'requests.json'])
		ajv.addSchema(JSON.parse(readFileSync(join(dir, name), 'utf8')), name);
	return { services: ajv.getSchema('services.json')!, definition: ajv.getSchema('service-definition.json')!, requests: ajv.getSchema('requests.json')! };
}

const LISTS = new Set(['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error']);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML: each test reads the fields it expects
function parseXml(text: string): Record<string, any> {
	expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
	expect(XMLValidator.validate(text)).toBe(true);
	return new XMLParser({ isArray: (name) => LISTS.has(name), parseTagValue: false }).parse(text);
}

function expectValid(validate: ValidateFunction, body: unknown): void {
	const ok = validate(body);
	expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
	expect(ok).toBe(true);
}

for (const dialect of testDialects()) {
	describe(`Open311 GeoReport v2 over HTTP [${dialect}]`, () => {
		let server: TestServer;
		let jurisdiction: string;
		let estateSlug: string;
		let landlordName: string;
		const schemas = validators();
		const v2 = (path: string) => `${server.url}/open311/v2/${path}`;
		const get = (path: string) => fetch(v2(path));
		/** As LWP, Python requests or Faraday send it: a urlencoded form, no Origin, no cookie. */
		const postForm = (path: string, body: string, headers: Record<string, string> = {}) =>
			fetch(v2(path), { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers } });

		beforeAll(async () => {
			// Each client may post 30 requests an hour here (OPEN311_RATE_LIMIT): far more than one test posts with a key.
			server = await startServer({ dialect, env: { OPEN311_RATE_LIMIT: '30' } });
			jurisdiction = new URL(server.url).hostname;
			const db = server.db;
			const actor = system('open311 test');
			await loadDemoOpen311(db);
			await ensureGeneralCategories(db);
			const landlord = await db
				.selectFrom('organisations')
				.select(['id', 'name'])
				.where('kind', '=', 'housing_company')
				.orderBy('name')
				.executeTakeFirstOrThrow();
			landlordName = landlord.name;
			const damp = await createCategory(db, actor, {
				key: 'o311_damp',
				kind: 'home_repair',
				name: 'Vocht & schimmel <test>',
				nameEn: 'Damp & mould <test>',
				isActive: true
			});
			await setRoutingRule(db, actor, { categoryId: damp.id, organisationId: landlord.id, deadlineDays: 5 });
			estateSlug = (await db.selectFrom('estates').select('slug').orderBy('slug').executeTakeFirstOrThrow()).slug;
		}, 120_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('discovery says where the endpoint is, in JSON and XML', async () => {
			const res = await get('discovery.json');
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
			const json = await res.json();
			expect(json.endpoints).toEqual([
				expect.objectContaining({
					specification: 'http://wiki.open311.org/GeoReport_v2',
					url: `${server.url}/open311/v2`,
					type: 'production',
					formats: ['text/xml', 'application/json']
				})
			]);
			const xml = await get('discovery.xml');
			expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
			const doc = parseXml(await xml.text());
			expect(doc.discovery.endpoints.endpoint[0].format ?? doc.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
		});

		it('lists services valid by the schema, without help requests, in JSON and XML', async () => {
			const res = await get('services.json');
			expect(res.status).toBe(200);
			expect(res.headers.get('access-control-allow-origin')).toBe('*');
			const services = await res.json();
			expectValid(schemas.services, services);
			const codes = services.map((s: { service_code: string }) => s.service_code);
			expect(codes).toContain('o311_damp');
			expect(codes).not.toContain('help_other');
			expect(services.find((s: { service_code: string }) => s.service_code === 'o311_damp')).toMatchObject({
				metadata: true,
				type: 'realtime',
				group: 'Technisch probleem in de woning'
			});
			expect((await (await get('services.json?locale=en')).json()).find((s: { service_code: string }) => s.service_code === 'o311_damp').service_name).toBe(
				'Damp & mould <test>'
			);

			const doc = parseXml(await (await get('services.xml')).text());
			const damp = doc.services.service.find((s: { service_code: string }) => s.service_code === 'o311_damp');
			expect(damp).toMatchObject({ service_name: 'Vocht & schimmel <test>', metadata: 'true', type: 'realtime' });
		});

		it('gives a service definition with its attributes; an unknown service is a 404 in the spec error shape', async () => {
			const definition = await (await get('services/o311_damp.json')).json();
			expectValid(schemas.definition, definition);
			expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual(['where', 'estate']);
			const doc = parseXml(await (await get('services/o311_damp.xml')).text());
			expect(doc.service_definition.attributes.attribute[0]).toMatchObject({ code: 'where', required: 'true', datatype: 'singlevaluelist' });
			expect(doc.service_definition.attributes.attribute[0].values.value.map((v: { key: string }) => v.key)).toEqual(['dwelling', 'common_space']);

			const missing = await get('services/help_other.json');
			expect(missing.status).toBe(404);
			expect(await missing.json()).toEqual([{ code: 404, description: 'service_code not found: help_other' }]);
			const missingXml = await get('services/nope.xml');
			expect(missingXml.status).toBe(404);
			expect(parseXml(await missingXml.text()).errors.error).toEqual([{ code: '404', description: 'service_code not found: nope' }]);
			expect((await get('services.txt')).status).toBe(404);
			expect((await get(`services.json?jurisdiction_id=elders.be`)).status).toBe(404);
		});

		it("takes a report exactly as FixMyStreet's Open311 sender posts it, routes it like a web report and shows it in GET requests", async () => {
			// The spec's example encoding: literal brackets in attribute[...] names, + for spaces.
			const body = `jurisdiction_id=${jurisdiction}&api_key=demo&lat=50.8079&long=3.2029&email=amina%40example.be&description=title%3A+Schimmel+in+de+badkamer%0A%0Adetail%3A+Zwarte+vlekken+aan+het+plafond&service_code=o311_damp&first_name=Amina&last_name=Benali&phone=0470+12+34+56&media_url=https%3A%2F%2Ffms.example%2Fphoto%2F1.jpeg&attribute[where]=dwelling&attribute[estate]=${estateSlug}`;
			const res = await postForm('requests.xml', body);
			expect(res.status, await res.clone().text()).toBe(200);
			const created = parseXml(await res.text()).service_requests.request[0];
			expect(created.service_request_id).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			expect(created.service_notice).toContain(landlordName);

			const signal = await server.db.selectFrom('signals').selectAll().where('reference', '=', created.service_request_id).executeTakeFirstOrThrow();
			const rule = await server.db
				.selectFrom('routing_rules as r')
				.innerJoin('signal_categories as c', 'c.id', 'r.category_id')
				.select('r.organisation_id')
				.where('c.key', '=', 'o311_damp')
				.executeTakeFirstOrThrow();
			expect(signal).toMatchObject({ source: 'open311', organisation_id: rule.organisation_id, location_kind: 'dwelling' });
			expect(signal.deadline_at).toBeTruthy();

			const list = await (await get(`requests.json?service_request_id=${created.service_request_id}`)).json();
			expectValid(schemas.requests, list);
			expect(list).toEqual([
				expect.objectContaining({
					service_request_id: created.service_request_id,
					status: 'open',
					service_code: 'o311_damp',
					agency_responsible: landlordName,
					expected_datetime: expect.stringMatching(/Z$/)
				})
			]);
			expect(new Date(list[0].expected_datetime).getTime()).toBeCloseTo(new Date(signal.deadline_at!).getTime(), -4);
			const one = await get(`requests/${created.service_request_id}.xml`);
			expect(parseXml(await one.text()).service_requests.request[0]).toMatchObject({ service_request_id: created.service_request_id, status: 'open' });

			// Everything a stranger can read: no name, email, phone or photo address of the tenant.
			const everything = (await (await get('requests.json')).text()) + (await (await get('requests.xml')).text());
			expectValid(schemas.requests, JSON.parse(await (await get('requests.json')).text()));
			for (const secret of ['Amina', 'Benali', 'amina@example.be', '0470', 'fms.example']) expect(everything).not.toContain(secret);
		});

		it("the README's example (address_string only, no coordinates) reaches De Vlashaard and says which place it matched", async () => {
			// Exactly the README's curl: the demo key, leak_damp, the Wallaysplein address and where=dwelling.
			const readme = new URLSearchParams({
				api_key: 'demo',
				service_code: 'leak_damp',
				description: 'Schimmel op de muur van de slaapkamer',
				address_string: 'Wallaysplein 1, Wevelgem',
				'attribute[where]': 'dwelling'
			});
			const res = await postForm('requests.json', readme.toString(), { 'idempotency-key': 'readme-address-1' });
			expect(res.status, await res.clone().text()).toBe(200);
			const [created] = await res.json();
			expect(created.service_notice).toContain('De Vlashaard');
			expect(created.address_match).toEqual({
				match: 'address',
				ambiguous: false,
				estate: 'Wallaysplein',
				estate_key: 'wallaysplein',
				area: 'Wallaysplein',
				municipality: 'Wevelgem',
				address: 'Wallaysplein 1, 8560 Wevelgem',
				note: 'Het adres Wallaysplein 1, 8560 Wevelgem ligt in Wallaysplein, Wevelgem.'
			});
			const signal = await server.db
				.selectFrom('signals as s')
				.innerJoin('organisations as o', 'o.id', 's.organisation_id')
				.innerJoin('estates as e', 'e.id', 's.estate_id')
				.select(['o.name as organisation', 'e.name as estate'])
				.where('s.reference', '=', created.service_request_id)
				.executeTakeFirstOrThrow();
			expect(signal).toEqual({ organisation: 'De Vlashaard', estate: 'Wallaysplein' });
			// The tenants of Wallaysplein 1 are in the demo: the answer names the estate, never them.
			const tenants = await server.db
				.selectFrom('residents as r')
				.innerJoin('households as h', 'h.id', 'r.household_id')
				.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
				.select(['r.last_name', 'h.name'])
				.where('d.street', '=', 'Wallaysplein')
				.where('d.house_number', '=', '1')
				.execute();
			expect(tenants.length).toBeGreaterThan(0);
			const text = JSON.stringify(created);
			for (const t of tenants) expect(text).not.toContain(t.last_name);

			const xml = parseXml(
				await (
					await postForm('requests.xml', new URLSearchParams({ ...Object.fromEntries(readme), address_string: 'Kerkstraat 4', locale: 'en' }).toString())
				).text()
			);
			expect(xml.service_requests.request[0].address_match).toMatchObject({ match: 'none', ambiguous: 'false' });
			// Menen by its French name, as the municipalities file gave it.
			const [menin] = await (
				await postForm('requests.json', new URLSearchParams({ ...Object.fromEntries(readme), address_string: 'Barakkenstraat 5, Menin' }).toString())
			).json();
			expect(menin.address_match).toMatchObject({ match: 'address', estate: 'De Barakken', municipality: 'Menen', address: 'Barakkenstraat 5, 8930 Menen' });
			expect((await get(`requests/${created.service_request_id}.json`)).status).toBe(200);

			// The OpenAPI document describes the field, under Open311's own base.
			const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
			const operation = doc.paths['/requests.{format}'];
			expect(operation.servers).toEqual([{ url: `${server.url}/open311/v2` }]);
			const answer = operation.post.responses['200'].content['application/json'].schema;
			expect(Object.keys(answer.items.properties.address_match.properties)).toEqual([
				'match',
				'ambiguous',
				'estate',
				'estate_key',
				'area',
				'municipality',
				'address',
				'note'
			]);
			expect(Object.keys(operation.post.requestBody.content)).toEqual(['application/x-www-form-urlencoded', 'application/json']);
		});

		it('an address_string of only numbers, control characters or 10,000 characters is a 400 naming the field, never a 500', async () => {
			const post = (address: string) =>
				postForm(
					'requests.json',
					new URLSearchParams({
						api_key: 'demo',
						service_code: 'o311_damp',
						description: 'Vocht in de badkamer',
						address_string: address,
						'attribute[where]': 'dwelling'
					}).toString()
				);
			for (const address of ['12345', '1/2 3', 'Wallaysplein 1 '.repeat(700), '\u0000\u0001\u0007']) {
				const res = await post(address);
				expect(res.status, address.slice(0, 20)).toBe(400);
				const errors = await res.json();
				expect(errors[0]).toEqual({ code: 400, description: expect.stringMatching(/^(address_string|lat): /) });
			}
		});

		it('takes URL-encoded brackets, multi-value attributes and a JSON body alike', async () => {
			const form = new URLSearchParams({
				api_key: 'demo',
				service_code: 'o311_damp',
				address_string: 'Kerkstraat 12, Wevelgem',
				description: 'De kraan in de keuken lekt',
				'attribute[where]': 'common_space'
			});
			form.append('attribute[unknown][]', 'a');
			const encoded = await postForm('requests.json', form.toString());
			expect(encoded.status, await encoded.clone().text()).toBe(200);
			const [created] = await encoded.json();
			// No Kerkstraat among the demo's estates: the answer says only the municipality was recognised.
			expect(created).toEqual({
				service_request_id: expect.any(String),
				service_notice: expect.any(String),
				account_id: null,
				address_match: expect.objectContaining({ match: 'municipality', municipality: 'Wevelgem' })
			});

			const json = await fetch(v2('requests.json'), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					api_key: 'demo',
					service_code: 'o311_damp',
					lat: 50.81,
					long: 3.2,
					description: 'Vocht in de kelderberging',
					attribute: { where: 'common_space' }
				})
			});
			expect(json.status, await json.clone().text()).toBe(200);
		});

		it('a retried POST with the same Idempotency-Key creates one signal', async () => {
			const body = `api_key=demo&service_code=o311_damp&address_string=Kerkstraat+14&description=Idempotente+melding+van+lekkage&attribute[where]=dwelling`;
			const first = await (await postForm('requests.json', body, { 'idempotency-key': 'fms-problem-4711' })).json();
			const second = await (await postForm('requests.json', body, { 'idempotency-key': 'fms-problem-4711' })).json();
			expect(second[0].service_request_id).toBe(first[0].service_request_id);
			const { n } = await server.db
				.selectFrom('signals')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('description', '=', 'Idempotente melding van lekkage')
				.executeTakeFirstOrThrow();
			expect(Number(n)).toBe(1);
		});

		it('refuses a missing, wrong or revoked api_key with 403 in the spec error shape', async () => {
			const body = 'service_code=o311_damp&address_string=Kerkstraat&description=Zonder+sleutel&attribute[where]=dwelling';
			const none = await postForm('requests.json', body);
			expect(none.status).toBe(403);
			expect(await none.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
			const wrong = await postForm('requests.xml', `${body}&api_key=not-a-key`);
			expect(wrong.status).toBe(403);
			expect(parseXml(await wrong.text()).errors.error[0].code).toBe('403');
			const { client, key } = await issueOpen311Client(server.db, system('test'), { name: 'Oude app' });
			expect((await postForm('requests.json', `${body}&api_key=${key}`)).status).toBe(200);
			await revokeOpen311Client(server.db, system('test'), client.id);
			expect((await postForm('requests.json', `${body}&api_key=${key}`)).status).toBe(403);
		});

		it('a client that posts past its hourly limit gets 429 with Retry-After, in the spec error shape', async () => {
			const { key } = await issueOpen311Client(server.db, system('test'), { name: 'Drukke app' });
			const body = (n: number) =>
				`api_key=${key}&service_code=o311_damp&address_string=Kerkstraat+${n}&description=Lekkage+nummer+${n}&attribute[where]=dwelling`;
			for (let n = 1; n <= 30; n++) expect((await postForm('requests.json', body(n))).status).toBe(200);
			const refused = await postForm('requests.json', body(31));
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(await refused.json()).toEqual([{ code: 429, description: 'This client sent too many requests this hour. Try again later.' }]);
			const xml = await postForm('requests.xml', body(32));
			expect(xml.status).toBe(429);
			expect(parseXml(await xml.text()).errors.error[0].code).toBe('429');
			const { n } = await server.db
				.selectFrom('signals')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('description', 'like', 'Lekkage nummer %')
				.executeTakeFirstOrThrow();
			expect(Number(n)).toBe(30);
			// The demo app's own key is counted apart and still works.
			expect(
				(await postForm('requests.json', 'api_key=demo&service_code=o311_damp&address_string=Kerkstraat&description=Andere+app&attribute[where]=dwelling'))
					.status
			).toBe(200);
		});

		it('answers bad input with 400 and one entry per problem, and unknown requests with 404', async () => {
			const bad = await postForm('requests.json', 'api_key=demo&service_code=o311_damp&lat=95&long=3&description=x&email=nope');
			expect(bad.status).toBe(400);
			const errors = await bad.json();
			expect(errors.length).toBeGreaterThanOrEqual(3);
			expect(errors.every((e: { code: number; description: string }) => e.code === 400 && /^[a-z_[\]]+: /.test(e.description))).toBe(true);
			const badXml = await postForm('requests.xml', 'api_key=demo&service_code=o311_damp&address_string=Kerkstraat&description=Zonder+waar');
			expect(badXml.status).toBe(400);
			expect(parseXml(await badXml.text()).errors.error).toEqual([{ code: '400', description: expect.stringMatching(/^attribute\[where\]: /) }]);
			expect((await postForm('requests.json', 'api_key=demo&service_code=nope&address_string=x&description=Onbekende+dienst')).status).toBe(404);
			expect((await get('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z')).status).toBe(400);
			expect((await get('requests.json?status=solved')).status).toBe(400);
			expect((await get('requests/ZZZZ-ZZZZ.json')).status).toBe(404);
			expect((await get('requests/%3Cscript%3E.xml')).status).toBe(404);
		});

		it('help requests are invisible: not listed and not found by their code', async () => {
			const help = await reportSignal(
				server.db,
				system('test'),
				{ kind: 'help', description: 'Ik heb hulp nodig met mijn papieren', phone: '0470 99 88 77' },
				{ baseUrl: server.url }
			);
			expect((await get(`requests/${help.reference}.json`)).status).toBe(404);
			expect(await (await get(`requests.json?service_request_id=${help.reference}`)).json()).toEqual([]);
			expect(await (await get('requests.json')).text()).not.toContain(help.reference);
		});
	});
}
