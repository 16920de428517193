// Links in mails, posters and documents come from ORIGIN, never from the request's Host: a stranger who sends
// "Host: evil.example" must not get a password-reset mail pointing at their own site. The dev mailbox, which exists
// only with the demo data, hides the secret of links in other people's mails, and mail files are the server's alone.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../src/core/access/actor';
import { testDialects } from '../../src/core/db/testing';
import { createUser } from '../../src/core/auth/accounts';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';
import { rawRequest } from '../security/http';

const EVIL = 'evil.example';

describe('ORIGIN is required for a real installation', () => {
	it('refuses to start with DEMO_DATA=false and no ORIGIN, naming the variable', async () => {
		await expect(startServer({ dialect: 'sqlite', env: { DEMO_DATA: 'false' }, origin: false })).rejects.toThrow(/ORIGIN: required when DEMO_DATA=false/);
	});
});

for (const dialect of testDialects()) {
	describe(`links come from configuration [${dialect}]`, () => {
		let server: TestServer;
		let origin: string;
		const forged = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
			rawRequest(`${server.url}${path}`, { ...init, headers: { host: EVIL, ...init.headers } });
		const mailsTo = async (to: string) =>
			(await server.db.selectFrom('outbox').select('payload').execute())
				.map((r) => r.payload as { to: string; text: string; html?: string })
				.filter((m) => m.to === to);

		beforeAll(async () => {
			server = await startServer({ dialect, origin: false });
			// The test server runs without ORIGIN, as a fresh demo does: its links go to http://localhost:<port>.
			origin = `http://localhost:${new URL(server.url).port}`;
		});
		afterAll(async () => {
			await server?.stop();
		});

		it("the demo's mails, stored before the server started, link to this server's origin", async () => {
			const stored = (await server.db.selectFrom('outbox').select('payload').execute()).map((r) => JSON.stringify(r.payload));
			const links = stored.flatMap((p) => p.match(/https?:\/\/[^/\s"\\]+/g) ?? []);
			expect(links.length).toBeGreaterThan(0);
			expect([...new Set(links)]).toEqual([origin]);
		});

		it('a password-reset mail asked for with a forged Host links to the configured origin', async () => {
			const res = await forged('/password/forgot', {
				method: 'POST',
				headers: { origin: `http://${EVIL}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: `email=${encodeURIComponent(DEMO.coordinator)}`
			});
			expect(res.status).toBe(200);
			const [mail] = await mailsTo(DEMO.coordinator);
			expect(mail.text).toContain(`${origin}/password/reset/`);
			expect(JSON.stringify(mail)).not.toContain(EVIL);
		});

		it("an Open311 report's receipt mail, posted with a forged Host, links to the configured origin", async () => {
			const res = await forged('/open311/v2/requests.json', {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'api_key=demo&service_code=leak_damp&description=Vocht+in+de+badkamer&address_string=Wallaysplein+1&attribute[where]=dwelling&email=huurder.host@example.be'
			});
			expect(res.status).toBe(200);
			const [mail] = await mailsTo('huurder.host@example.be');
			expect(mail.text).toContain(`${origin}/volgen/`);
			expect(JSON.stringify(mail)).not.toContain(EVIL);
		});

		it('the OpenAPI document, the discovery and a poster name the configured origin, whatever the Host', async () => {
			const openapi = await forged('/api/v1/openapi.json');
			expect(JSON.parse(openapi.body).servers[0].url).toBe(`${origin}/api/v1`);
			const discovery = await forged('/open311/v2/discovery.json');
			expect(discovery.body).toContain(`${origin}/open311/v2`);
			const { slug } = await server.db.selectFrom('estates').select('slug').orderBy('slug').executeTakeFirstOrThrow();
			const poster = await forged(`/melden/${slug}/poster`, { headers: { accept: 'text/html' } });
			expect(poster.status).toBe(200);
			expect(poster.body).toContain(`${origin}/m/${slug}`);
			for (const answer of [openapi, discovery, poster]) expect(answer.body).not.toContain(EVIL);
		});

		it('the dev mailbox shows the admin her own reset link, and hides the secret in mails to others', async () => {
			const stranger = new HttpSession(server);
			for (const email of [DEMO.admin, DEMO.communityWorker]) expect((await stranger.post('/password/forgot', { email })).status).toBe(200);
			const admin = await login(server, DEMO.admin);
			expect((await admin.post('/dev/mailbox?/flush', {})).status).toBe(200);
			const page = await (await admin.get('/dev/mailbox')).text();
			const links = [...page.matchAll(/\/password\/reset\/([^\s<"&]+)/g)].map((m) => m[1]);
			expect(links.filter((token) => token.length >= 20).length).toBeGreaterThanOrEqual(1);
			// Every token shown is the admin's own: the worker's and the coordinator's are dots.
			const ownMail = page.slice(page.indexOf(DEMO.admin));
			expect(ownMail).toMatch(/\/password\/reset\/[\w-]{20,}/);
			expect(page).toContain('/password/reset/•••');
			expect(page).toContain('deze e-mail is niet voor jou');
		});

		it('a form posted with Origin: null is refused, but on the pages whose secret link is the key (they send no referrer)', async () => {
			const post = (path: string) =>
				rawRequest(`${server.url}${path}`, {
					method: 'POST',
					headers: { origin: 'null', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
					body: 'answer=yes'
				});
			expect((await post('/login')).status).toBe(403);
			expect((await post('/melden/wallaysplein?/check')).status).toBe(403);
			// An unknown link: the same-origin check lets the post through to the page, which answers it (no 403, no 500).
			for (const path of ['/opgelost/onbekende-link-0123456789', '/partner/onbekende-link-0123456789?/answer', '/volgen/onbekende-link-0123456789?/reply']) {
				const status = (await post(path)).status;
				expect([400, 404], path).toContain(status);
			}
			const elsewhere = await rawRequest(`${server.url}/opgelost/onbekende-link-0123456789`, {
				method: 'POST',
				headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
				body: 'answer=yes'
			});
			expect(elsewhere.status).toBe(403);
		});

		it('writes mail files that only the server user may read', async () => {
			// A mail of this test's own (a reset link for an account it made), delivered now by the dev mailbox's button.
			await createUser(server.db, system('test'), {
				email: 'bestanden@proef.test',
				name: 'Bestanden Proef',
				role: 'admin',
				organisationId: null,
				password: 'een-lang-wachtwoord'
			});
			expect((await new HttpSession(server).post('/password/forgot', { email: 'bestanden@proef.test' })).status).toBe(200);
			const flushed = await (await login(server, DEMO.admin)).post('/dev/mailbox?/flush', {});
			expect(flushed.status).toBe(200);
			const dir = join(server.dataDir, 'outbox');
			const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
			expect(files.length).toBeGreaterThan(0);
			expect(statSync(dir).mode & 0o777).toBe(0o700);
			for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
		});
	});
}

describe('the dev mailbox of a real installation', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startServer({ dialect: 'sqlite', env: { DEMO_DATA: 'false', ORIGIN: 'https://leefbaar.example.be' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('does not exist without the demo data, even for an admin and without SMTP', async () => {
		await createUser(server.db, system('test'), {
			email: 'beheer@example.be',
			name: 'Beheer',
			role: 'admin',
			organisationId: null,
			password: 'een-lang-wachtwoord'
		});
		// Behind ORIGIN the server takes every request as coming to that address: the form is posted from there.
		const admin = new HttpSession(server);
		expect(
			(await admin.post('/login', { email: 'beheer@example.be', password: 'een-lang-wachtwoord' }, { origin: 'https://leefbaar.example.be' })).status
		).toBe(303);
		expect((await admin.get('/dev/mailbox')).status).toBe(404);
		expect((await admin.post('/dev/mailbox?/flush', {}, { origin: 'https://leefbaar.example.be' })).status).toBe(404);
		expect(await (await admin.get('/admin')).text()).not.toContain('/dev/mailbox');
	});
});
