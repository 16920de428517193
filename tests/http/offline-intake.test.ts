// Sara's phone sends the signals she registered without network to POST /api/v1/signals: each is stored once by the
// Idempotency-Key the phone made (a resend after a lost answer changes nothing), the same key with another text is
// refused, a bad one gets a problem document naming the field in her language, nobody without a session gets in, and
// the intake form serves its service worker scoped to itself. The form without JavaScript posts as before.
// On the real build, on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';

for (const dialect of testDialects()) {
	describe(`signals sent from a worker's phone [${dialect}]`, () => {
		let server: TestServer;
		let sara: HttpSession;
		const send = (session: HttpSession, body: unknown, key?: string) =>
			session.request('/api/v1/signals', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(body) });
		const storedUnder = (key: string) => server.db.selectFrom('signals').select(['id', 'source', 'channel', 'created_by']).where('idempotency_key', '=', key).execute();

		beforeAll(async () => {
			server = await startServer({ dialect });
			sara = await login(server, DEMO.communityWorker);
			sara.headers['accept-language'] = 'nl-BE';
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('the intake form runs in the browser and serves its service worker, scoped to the form', async () => {
			const page = await sara.get('/staff/signals/new');
			expect(page.status, server.output()).toBe(200);
			const html = await page.text();
			expect(html).toContain('Dit formulier werkt ook zonder internet');
			expect(html).toContain('id="leefbaar-messages"');
			const sw = await sara.get('/staff/signals/new/sw.js');
			expect(sw.status).toBe(200);
			expect(sw.headers.get('content-type')).toContain('javascript');
			expect(sw.headers.get('service-worker-allowed')).toBe('/staff/signals/new');
			expect(await sw.text()).toContain("const CACHE = 'leefbaar-intake-v1';");
		});

		it('a signal is stored once however often the phone sends it; the same key with another text is refused', async () => {
			const key = randomUUID();
			const body = { kind: 'home_repair', description: 'De verwarming in de living blijft koud.', channel: 'house_visit', locationKind: 'none', consentGiven: false };
			const first = await send(sara, body, key);
			expect(first.status, server.output()).toBe(201);
			const created = (await first.json()) as { id: string; reference: string; replayed: boolean; url: string };
			expect(created).toMatchObject({ replayed: false, url: `/staff/signals/${created.id}` });
			// The answer got lost: the phone sends the same signal again (its fields in another order).
			const again = await send(sara, { consentGiven: false, locationKind: 'none', channel: 'house_visit', description: body.description, kind: 'home_repair' }, key);
			expect(again.status).toBe(200);
			expect(await again.json()).toMatchObject({ id: created.id, reference: created.reference, replayed: true });
			const rows = await storedUnder(key);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ source: 'staff', channel: 'house_visit' });

			const reused = await send(sara, { ...body, description: 'Een ander verhaal onder dezelfde sleutel.' }, key);
			expect(reused.status).toBe(422);
			expect(reused.headers.get('content-type')).toContain('application/problem+json');
			expect(await reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
			expect(await storedUnder(key)).toHaveLength(1);
		});

		it('a bad signal gets a problem document naming the field; without a session, or from another site, nothing gets in', async () => {
			const bad = await send(sara, { kind: 'help', description: 'Hulp nodig', channel: 'street' }, randomUUID());
			expect(bad.status).toBe(422);
			const problem = (await bad.json()) as { errors: Array<{ pointer: string; detail: string }> };
			expect(problem.errors.map((e) => e.pointer)).toContain('/residentId');

			const key = randomUUID();
			const stranger = await send(new HttpSession(server), { kind: 'home_repair', description: 'De lift staat stil.', channel: 'street' }, key);
			expect(stranger.status).toBe(401);
			const forged = await sara.request('/api/v1/signals', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key }, body: 'kind=home_repair&description=De+lift+staat+stil&channel=street' });
			expect(forged.status).toBe(403);
			expect(await storedUnder(key)).toEqual([]);
		});
	});
}
