// A reporting app and a worker's tablet retry posts whose answer got lost: the same key with the same body answers as
// the first time; the same key with another body is refused with 422 — the spec's error list for Open311 (or a
// problem document when the client asks for one), a problem document for the tablet's API. On the real build, on
// SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, login } from '../support/session';
import { buildTenantSurvey } from '../support/tenant-survey';

const REPORT = {
	api_key: 'demo',
	service_code: 'leak_damp',
	'attribute[where]': 'dwelling',
	address_string: 'Wallaysplein 1, Wevelgem',
	description: 'Schimmel op de muur van de slaapkamer'
};
const ANSWERS = { woning_tevreden: 4, herstelling_gevraagd: 'no', buurt_tevreden: 5, buurtwerk_kent: 'no' };

for (const dialect of testDialects()) {
	describe(`retries with an idempotency key [${dialect}]`, () => {
		let server: TestServer;
		const post = (format: string, key: string, fields: Record<string, string>, accept = 'application/json') =>
			fetch(`${server.url}/open311/v2/requests.${format}`, {
				method: 'POST',
				headers: { 'idempotency-key': key, accept, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields)
			});

		beforeAll(async () => {
			server = await startServer({ dialect });
		});
		afterAll(async () => {
			await server?.stop();
		});

		it('Open311: the same key and body gives the first request again; another body under the key is a 422 in the spec’s shape', async () => {
			const key = `app-report-${randomUUID()}`;
			const first = await post('json', key, REPORT);
			expect(first.status, server.output()).toBe(200);
			const [created] = (await first.json()) as Array<{ service_request_id: string }>;
			const again = await post('json', key, REPORT);
			expect(again.status).toBe(200);
			expect(((await again.json()) as (typeof created)[])[0].service_request_id).toBe(created.service_request_id);

			const other = { ...REPORT, description: 'De lift staat al drie dagen stil' };
			const json = await post('json', key, other);
			expect(json.status).toBe(422);
			expect(json.headers.get('content-type')).toContain('application/json');
			expect(await json.json()).toEqual([{ code: 422, description: expect.stringContaining('Idempotency-Key') }]);
			const xml = await post('xml', key, other, 'text/xml');
			expect(xml.status).toBe(422);
			expect(await xml.text()).toMatch(/<errors><error><code>422<\/code><description>[^<]*Idempotency-Key/);
			const stored = await server.db.selectFrom('signals').select('description').where('reference', '=', created.service_request_id).executeTakeFirstOrThrow();
			expect(stored.description).toBe(REPORT.description);
			expect((await server.db.selectFrom('signals').select('id').where('description', '=', other.description).execute()).length).toBe(0);
		});

		it('Open311: a client that asks for problem documents gets one for the reused key', async () => {
			const key = `app-report-${randomUUID()}`;
			expect((await post('json', key, REPORT)).status).toBe(200);
			const res = await post('json', key, { ...REPORT, description: 'Graffiti op de gevel van blok B' }, 'application/problem+json');
			expect(res.status).toBe(422);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
			expect(await res.json()).toMatchObject({
				status: 422,
				code: 'idempotency_key_reused',
				type: 'https://leefbaar.be/problems/idempotency_key_reused',
				instance: '/open311/v2/requests.json'
			});
		});

		it('the tablet’s API: a resend of a set is 200, other answers under its submission id a 422 problem document', async () => {
			const sara = await login(server, DEMO.communityWorker);
			const survey = await buildTenantSurvey(server.db);
			const send = (body: unknown) =>
				sara.request(`/api/v1/surveys/${survey.id}/answer-sets`, {
					method: 'POST',
					headers: { origin: server.url, accept: 'application/json', 'content-type': 'application/json' },
					body: JSON.stringify(body)
				});
			const set = { submissionId: randomUUID(), estateId: survey.estates.vlashof, language: 'nl', answers: ANSWERS };
			expect((await send(set)).status, server.output()).toBe(201);
			expect((await send(set)).status).toBe(200);
			const changed = await send({ ...set, answers: { ...ANSWERS, woning_tevreden: 1 } });
			expect(changed.status).toBe(422);
			expect(changed.headers.get('content-type')).toContain('application/problem+json');
			expect(await changed.json()).toMatchObject({ status: 422, code: 'idempotency_key_reused', title: expect.stringContaining('sleutel') });
		});
	});
}
