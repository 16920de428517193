// A form post that arrives broken — multipart without a boundary, or cut off in the middle of a field (a phone that
// lost its network while sending photos) — gets a clear 400, never a server error: every form action of the app,
// found from the route files, as a resident without an account and as signed-in staff. Signing out happens only on
// a well-formed POST from our own page. On the real build, on SQLite and PostgreSQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import type { Role } from '../../src/core/db/schema';
import { decideRouteAccess } from '../../src/lib/server/route-access';
import { resolveParams } from '../support/route-params';
import { discoverRoutes, routePath } from '../support/routes';
import { ROOT, startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';
import { buildTenantSurvey } from '../support/tenant-survey';

type FormTarget = { routeId: string; action: string | null; params: string[] };

/** The names of a page's actions (`default` posts to the page itself, others to `?/name`), read from its source. */
function actionNames(source: string): string[] {
	const start = source.search(/export const actions\b[^=]*=\s*\{/);
	if (start < 0) return [];
	const body = source.slice(start).split('\n').slice(1);
	const names: string[] = [];
	for (const line of body) {
		if (/^\};?\s*$/.test(line)) break;
		const m = /^\t(\w+)\s*(?::|\()/.exec(line);
		if (m) names.push(m[1]);
	}
	return names;
}

/** Every form action, and every endpoint outside the APIs that takes a POSTed form (making the code letters). */
function formTargets(): FormTarget[] {
	const targets: FormTarget[] = [];
	for (const route of discoverRoutes()) {
		const dir = join(ROOT, 'src', 'routes', ...route.id.split('/').filter(Boolean));
		if (route.files.includes('+page.server.ts')) {
			for (const name of actionNames(readFileSync(join(dir, '+page.server.ts'), 'utf8')))
				targets.push({ routeId: route.id, action: name === 'default' ? null : name, params: route.params });
		}
		const endpoint = route.files.find((f) => f.startsWith('+server'));
		if (
			endpoint &&
			!route.id.startsWith('/api/') &&
			!route.id.startsWith('/open311/') &&
			/export\s+const\s+POST\b/.test(readFileSync(join(dir, endpoint), 'utf8'))
		) {
			targets.push({ routeId: route.id, action: null, params: route.params });
		}
	}
	return targets;
}

const BOUNDARY = '----leefbaar-test';
const BROKEN_BODIES: Array<{ name: string; type: string; body: string }> = [
	{ name: 'multipart without a boundary', type: 'multipart/form-data', body: 'email=bewoner%40example.be&description=Schimmel' },
	{
		name: 'multipart cut off mid-part',
		type: `multipart/form-data; boundary=${BOUNDARY}`,
		body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="description"\r\n\r\nSchimmel op de muur van de slaap`
	}
];

type Visitor = { name: string; email?: string; role?: Role };
const visitors: Visitor[] = [
	{ name: 'anonymous resident' },
	{ name: 'coordinator', email: DEMO.coordinator, role: 'coordinator' },
	{ name: 'admin', email: DEMO.admin, role: 'admin' }
];

/**
 * Actions whose page refuses before the form is read, by design: the answer is that refusal (never a 500).
 */
const refusedBeforeReading: Array<{ route: string; visitor: string; status: number; why: string }> = [];

describe('finding the form actions', () => {
	it('reads action names from a route file', () => {
		expect(
			actionNames('export const actions: Actions = {\n\tdefault: async () => {\n\t\tx: 1;\n\t},\n\tsave: (event) => act(event),\n\tremove(event) {}\n};\n')
		).toEqual(['default', 'save', 'remove']);
	});

	it('finds the forms the hostile tester named, and the staff forms', () => {
		const found = formTargets().map((t) => `${t.routeId}${t.action ? `?/${t.action}` : ''}`);
		for (const expected of [
			'/login',
			'/logout',
			'/melden/[slug]?/check',
			'/enquete',
			'/enquete/[slug]?/next',
			'/partner/[token]?/answer',
			'/staff/signals/[id]?/note',
			'/staff/surveys/[id]/codes/letters',
			'/settings?/language'
		])
			expect(found).toContain(expected);
		expect(found.length).toBeGreaterThan(40);
	});
});

for (const dialect of testDialects()) {
	describe(`a broken form body is a 400, never a 500 [${dialect}]`, () => {
		let server: TestServer;
		const sessions = new Map<string, HttpSession>();

		beforeAll(async () => {
			server = await startServer({ dialect });
			for (const v of visitors) sessions.set(v.name, v.email ? await login(server, v.email) : new HttpSession(server));
		});
		afterAll(async () => {
			await server?.stop();
		});

		for (const visitor of visitors) {
			it(`${visitor.name}: every form action answers a broken body as its access rule says`, async () => {
				const session = sessions.get(visitor.name)!;
				const actor = visitor.role ? { kind: 'staff', role: visitor.role } : { kind: 'anonymous' };
				const problems: string[] = [];
				let posted = 0;
				for (const target of formTargets()) {
					// Signing out would end this visitor's session for the rest of the walk; it has its own test below.
					if (target.routeId === '/logout') continue;
					const params = await resolveParams(server.db, target.routeId, target.params, visitor.email, server.dataDir);
					const path = routePath(target.routeId, params) + (target.action ? `?/${target.action}` : '');
					const decision = decideRouteAccess(target.routeId, actor);
					const expected =
						decision === 'login'
							? 401
							: decision === 'forbidden'
								? 403
								: (refusedBeforeReading.find((r) => r.route === target.routeId && r.visitor === visitor.name)?.status ?? 400);
					for (const broken of BROKEN_BODIES) {
						const res = await session.request(path, {
							method: 'POST',
							body: broken.body,
							headers: { origin: server.url, 'content-type': broken.type, accept: 'text/html' }
						});
						const text = await res.text();
						posted++;
						if (res.status !== expected)
							problems.push(`${path} (${broken.name}): expected ${expected}, got ${res.status} ${res.headers.get('location') ?? ''}`);
						else if (expected === 400 && !text.includes('We konden dit formulier niet lezen'))
							problems.push(`${path} (${broken.name}): 400 without the message`);
					}
				}
				if (problems.some((p) => / got 5\d\d/.test(p))) problems.push(`server output:\n${server.output().slice(-3000)}`);
				expect(posted).toBeGreaterThan(80);
				expect(problems, `${visitor.name} on ${dialect}`).toEqual([]);
			});
		}

		it('a client that asks for JSON gets a problem document for a broken body', async () => {
			const res = await new HttpSession(server).request('/login', {
				method: 'POST',
				body: BROKEN_BODIES[1].body,
				headers: { origin: server.url, 'content-type': BROKEN_BODIES[1].type, accept: 'application/problem+json' }
			});
			expect(res.status).toBe(400);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
			expect(await res.json()).toMatchObject({ status: 400, code: 'bad_body', type: 'https://leefbaar.be/problems/bad_body', instance: '/login' });
		});

		it('an Open311 client that sends a broken multipart body gets the spec’s error list with 400, in JSON and XML', async () => {
			for (const format of ['json', 'xml']) {
				for (const broken of BROKEN_BODIES) {
					const res = await fetch(`${server.url}/open311/v2/requests.${format}`, {
						method: 'POST',
						body: broken.body,
						headers: { 'content-type': broken.type }
					});
					const text = await res.text();
					expect(res.status, `${format} ${broken.name}`).toBe(400);
					if (format === 'json') expect(JSON.parse(text)).toEqual([{ code: 400, description: expect.any(String) }]);
					else expect(text).toMatch(/<errors><error><code>400<\/code>/);
				}
			}
		});

		it('signing out happens only on a well-formed POST from our own page', async () => {
			const tab = await login(server, DEMO.communityWorker);
			const stillIn = async () => (await tab.get('/staff')).status === 200;
			const post = (headers: Record<string, string>, body?: BodyInit) => tab.request('/logout', { method: 'POST', headers, body });
			// Another site's form, and a beacon (a typeless blob, no Content-Type) from another site or a page without Origin.
			expect((await post({ origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, '')).status).toBe(403);
			expect((await post({ origin: 'http://evil.example' }, new Blob(['x']))).status).toBe(403);
			expect((await post({}, new Blob(['x']))).status).toBe(403);
			expect((await post({ origin: 'null', 'content-type': 'text/plain' }, 'x')).status).toBe(403);
			// Our own origin, but no form or a broken one.
			expect((await post({ origin: server.url }, new Blob(['x']))).status).toBe(415);
			expect((await post({ origin: server.url, 'content-type': BROKEN_BODIES[1].type, accept: 'text/html' }, BROKEN_BODIES[1].body)).status).toBe(400);
			expect(await stillIn()).toBe(true);
			// The sign-out button.
			const res = await tab.post('/logout', {});
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/login?signed-out');
			expect(await stillIn()).toBe(false);
		});

		it('no page takes a POST without our Origin, whatever its Content-Type; the JSON API keeps refusing forms from elsewhere', async () => {
			const tab = await login(server, DEMO.communityWorker);
			const survey = await buildTenantSurvey(server.db);
			for (const headers of [
				{},
				{ origin: 'http://evil.example' },
				{ 'content-type': 'application/json' },
				{ origin: 'http://evil.example', 'content-type': 'application/octet-stream' }
			] as Record<string, string>[]) {
				const res = await tab.request('/staff/signals?/bulk', { method: 'POST', headers, body: 'back=&action=assign' });
				expect(res.status, JSON.stringify(headers)).toBe(403);
			}
			// A typeless beacon to the tablet's API would otherwise be parsed as JSON with the worker's cookie.
			const beacon = await tab.request(`/api/v1/surveys/${survey.id}/answer-sets`, {
				method: 'POST',
				headers: { origin: 'http://evil.example' },
				body: new Blob(['{}'])
			});
			expect(beacon.status).toBe(403);
			expect(beacon.headers.get('content-type')).toContain('application/problem+json');
			// The tablet itself sends JSON from our page: still answered by the API (here: the empty set is invalid).
			const own = await tab.request(`/api/v1/surveys/${survey.id}/answer-sets`, {
				method: 'POST',
				headers: { origin: server.url, 'content-type': 'application/json', accept: 'application/json' },
				body: '{}'
			});
			expect(own.status).toBe(422);
		});
	});
}
