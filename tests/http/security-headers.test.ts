// What the browser is told about each answer: every page carries a Content-Security-Policy that lets only our own
// scripts run (our files, the nonce SvelteKit gives its own start script, the hashes of our two inline scripts) and
// shows map tiles only from the configured host; every answer of any kind says nosniff; the partner and "is it
// solved?" pages send no referrer; only the survey preview may be framed, by our own pages. On the real build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE_SCRIPTS } from '../../svelte.config.js';
import { resolveParams } from '../support/route-params';
import { routePath } from '../support/routes';
import { ROOT, startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';
import { buildTenantSurvey } from '../support/tenant-survey';

const TILES = 'https://{s}.tegels.example.be/{z}/{x}/{y}.png';

/** The directives of a policy, by name. */
function directives(policy: string | null): Map<string, string[]> {
	return new Map(
		(policy ?? '')
			.split(';')
			.map((p) => p.trim().split(/\s+/))
			.filter((p) => p[0])
			.map(([name, ...sources]) => [name, sources])
	);
}

/** Every inline script of a page that would run (not a JSON data block), with its nonce attribute if any. */
function inlineScripts(html: string): Array<{ text: string; nonce: string | null }> {
	return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)]
		.filter(([, attrs = '']) => !/\ssrc=/.test(attrs) && !/type="application\/(ld\+)?json"/.test(attrs))
		.map(([, attrs = '', text]) => ({ text, nonce: /\snonce="([^"]+)"/.exec(attrs)?.[1] ?? null }));
}

/** A page's policy lets every inline script of the page run, and nothing else inline. */
function checkScripts(path: string, html: string, policy: string | null): string[] {
	const scriptSrc = directives(policy).get('script-src') ?? [];
	const problems: string[] = [];
	if (scriptSrc.includes("'unsafe-inline'") || scriptSrc.includes("'unsafe-eval'") || scriptSrc.includes('*'))
		problems.push(`${path}: script-src ${scriptSrc.join(' ')}`);
	for (const script of inlineScripts(html)) {
		const hash = `'sha256-${createHash('sha256').update(script.text).digest('base64')}'`;
		if (!(script.nonce && scriptSrc.includes(`'nonce-${script.nonce}'`)) && !scriptSrc.includes(hash))
			problems.push(`${path}: an inline script the policy blocks: ${script.text.slice(0, 80)}`);
	}
	return problems;
}

describe('inline scripts', () => {
	it('every script a page writes inline from a file is listed in svelte.config.js, so its hash is in the policy', () => {
		const svelteFiles = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
				e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []
			);
		const inlined: string[] = [];
		for (const file of svelteFiles(join(ROOT, 'src'))) {
			const source = readFileSync(file, 'utf8');
			for (const [, name] of source.matchAll(/<script>\$\{(\w+)\}<\/script>/g)) {
				const from = new RegExp(`import\\s+${name}\\s+from\\s+'([^']+)\\?raw'`).exec(source)?.[1];
				expect(from, `${relative(ROOT, file)} inlines ${name}: import it from a file with ?raw`).toBeTruthy();
				inlined.push(from!.startsWith('$lib/') ? `src/lib/${from!.slice(5)}` : relative(ROOT, join(file, '..', from!)));
			}
		}
		expect(inlined.length).toBeGreaterThan(0);
		expect([...new Set(inlined)].sort()).toEqual([...INLINE_SCRIPTS].sort());
	});
});

describe('security headers on every kind of answer', () => {
	let server: TestServer;
	let worker: HttpSession;
	let coordinator: HttpSession;
	let path: (routeId: string, email?: string) => Promise<string>;

	beforeAll(async () => {
		// The database does not change a header: one server, on SQLite, with tiles from a host of our choosing.
		server = await startServer({ dialect: 'sqlite', env: { MAP_TILES_URL: TILES } });
		worker = await login(server, DEMO.communityWorker);
		coordinator = await login(server, DEMO.coordinator);
		path = async (routeId, email) =>
			routePath(
				routeId,
				await resolveParams(
					server.db,
					routeId,
					[...routeId.matchAll(/\[(\w+)\]/g)].map((m) => m[1]),
					email,
					server.dataDir
				)
			);
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('every page gets a policy that runs only our scripts, shows tiles from the configured host, and frames nowhere', async () => {
		const anonymous = new HttpSession(server);
		const pages: Array<[HttpSession, string]> = [
			[anonymous, '/'],
			[anonymous, '/login'],
			[anonymous, await path('/melden/[slug]')],
			[anonymous, await path('/buurten/[slug]')],
			[anonymous, await path('/enquete/[slug]')],
			[anonymous, '/bestaat-niet'],
			[anonymous, await path('/opgelost/[token]')],
			[worker, await path('/staff/surveys/[id]/tablet', DEMO.communityWorker)],
			[worker, await path('/staff/signals/[id]', DEMO.communityWorker)],
			[coordinator, await path('/staff/areas/[slug]')]
		];
		const problems: string[] = [];
		let withMap = 0;
		let withInline = 0;
		for (const [session, page] of pages) {
			const res = await session.get(page);
			const html = await res.text();
			if (res.status >= 300 && res.status < 400) {
				problems.push(`${page}: ${res.status}, expected a page`);
				continue;
			}
			expect(res.headers.get('content-type'), page).toContain('text/html');
			const policy = res.headers.get('content-security-policy');
			const d = directives(policy);
			if (!policy) {
				problems.push(`${page} (${res.status}): no Content-Security-Policy`);
				continue;
			}
			for (const [name, sources] of [
				['default-src', ["'self'"]],
				['object-src', ["'none'"]],
				['base-uri', ["'none'"]],
				['form-action', ["'self'"]],
				['frame-ancestors', ["'none'"]],
				['connect-src', ["'self'"]],
				['worker-src', ["'self'"]]
			] as const) {
				if (JSON.stringify(d.get(name)) !== JSON.stringify(sources)) problems.push(`${page}: ${name} ${d.get(name)?.join(' ')}`);
			}
			if (!d.get('img-src')?.includes('https://*.tegels.example.be')) problems.push(`${page}: img-src ${d.get('img-src')?.join(' ')}`);
			if (res.headers.get('x-frame-options') !== 'DENY') problems.push(`${page}: x-frame-options ${res.headers.get('x-frame-options')}`);
			if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${page}: no nosniff`);
			problems.push(...checkScripts(page, html, policy));
			if (html.includes('data-tiles=')) withMap++;
			if (inlineScripts(html).length > 0) withInline++;
		}
		expect(problems).toEqual([]);
		// The sample holds what the policy is for: a map, and inline scripts (the tablet's start, the pin choice).
		expect(withMap).toBeGreaterThan(0);
		expect(withInline).toBeGreaterThan(1);
	});

	it('the survey tablet’s start script carries the nonce of its own response, never the same twice', async () => {
		const page = await path('/staff/surveys/[id]/tablet', DEMO.communityWorker);
		const nonces = [];
		for (let i = 0; i < 2; i++) {
			const res = await worker.get(page);
			const html = await res.text();
			const nonce = inlineScripts(html).find((s) => s.nonce)?.nonce;
			expect(nonce).toBeTruthy();
			expect(directives(res.headers.get('content-security-policy')).get('script-src')).toContain(`'nonce-${nonce}'`);
			nonces.push(nonce);
		}
		expect(nonces[0]).not.toBe(nonces[1]);
	});

	it('refusals and the plain error page run no script at all', async () => {
		const forged = await new HttpSession(server).post('/login', { email: 'x' }, { origin: 'http://evil.example' });
		const broken = await coordinator.request(await path('/staff/surveys/[id]/codes/letters'), {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'multipart/form-data', accept: 'text/html' },
			body: 'x'
		});
		for (const [what, res] of [
			['a forged form', forged],
			['a broken body to an endpoint', broken]
		] as const) {
			expect(res.headers.get('content-type'), what).toContain('text/html');
			const d = directives(res.headers.get('content-security-policy'));
			expect(d.get('default-src'), what).toEqual(["'none'"]);
			expect(d.has('script-src'), what).toBe(false);
			expect(d.get('frame-ancestors'), what).toEqual(["'none'"]);
			expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
			expect(inlineScripts(await res.text())).toEqual([]);
		}
		// Pages refused by their access rule (a worker opening the audit log, a stranger posting to it): the same.
		const forbidden = await worker.get('/staff/audit');
		const stranger = await new HttpSession(server).request('/staff/audit', {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: ''
		});
		for (const [status, res] of [
			[403, forbidden],
			[401, stranger]
		] as const) {
			expect(res.status).toBe(status);
			expect(directives(res.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(inlineScripts(await res.text())).toEqual([]);
		}
	});

	it('only the survey preview may be framed, and only by our own pages', async () => {
		const frame = await worker.get(await path('/staff/surveys/[id]/preview/frame', DEMO.communityWorker));
		expect(frame.status).toBe(200);
		expect(directives(frame.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'self'"]);
		expect(frame.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		const slug = await path('/enquete/[slug]');
		const preview = await worker.get(`${slug}?preview=1`);
		expect(directives(preview.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'self'"]);
		const answering = await new HttpSession(server).get(slug);
		expect(directives(answering.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
	});

	it('the partner and “is it solved?” pages send no referrer; other pages only to our own site', async () => {
		for (const route of ['/partner/[token]', '/opgelost/[token]']) {
			const res = await new HttpSession(server).get(await path(route));
			expect(res.status, route).toBe(200);
			expect(res.headers.get('referrer-policy'), route).toBe('no-referrer');
		}
		expect((await new HttpSession(server).get('/')).headers.get('referrer-policy')).toBe('same-origin');
	});

	it('every answer says nosniff: JSON, XML, CSV, a spreadsheet, a photo, static files, a 404 and a refusal', async () => {
		// A survey with answers of its own, so its spreadsheet holds something.
		const survey = `/staff/surveys/${(await buildTenantSurvey(server.db)).id}`;
		const photo = await path('/staff/signals/[id]/foto/[attachmentId]', DEMO.communityWorker);
		const assetPath = /<link[^>]+href="\.?(\/_app\/[^"]+\.css)"/.exec(await (await new HttpSession(server).get('/')).text())?.[1];
		expect(assetPath).toBeTruthy();
		const answers: Array<[string, Promise<Response>, string]> = [
			['JSON', new HttpSession(server).get('/api/v1/areas', { accept: 'application/json' }), 'application/json'],
			['a problem document', new HttpSession(server).get('/api/v1/surveys/x/tablet', { accept: 'application/json' }), 'application/problem+json'],
			['XML', fetch(`${server.url}/open311/v2/services.xml`), 'text/xml'],
			['CSV', worker.get('/staff/figures/csv'), 'text/csv'],
			['a spreadsheet', worker.get(`${survey}/export/xlsx`), 'spreadsheetml'],
			['a photo', worker.get(photo), 'image/'],
			['the favicon', fetch(`${server.url}/favicon.svg`), 'image/svg+xml'],
			['a stylesheet', fetch(`${server.url}${assetPath}`), 'text/css'],
			['a missing file', fetch(`${server.url}/_app/immutable/nope.js`), ''],
			['a 404 page', new HttpSession(server).get('/nergens'), 'text/html'],
			[
				'a refused form',
				new HttpSession(server).post('/settings?/language', { lang: 'fr' }, { origin: 'http://evil.example', accept: 'application/json' }),
				'application/problem+json'
			]
		];
		const problems: string[] = [];
		for (const [what, pending, type] of answers) {
			const res = await pending;
			await res.arrayBuffer();
			if (!(res.headers.get('content-type') ?? '').includes(type)) problems.push(`${what}: ${res.status} ${res.headers.get('content-type')}`);
			if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${what}: no nosniff (${res.status} ${res.headers.get('content-type')})`);
		}
		expect(problems).toEqual([]);
	});
});
