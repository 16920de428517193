// Every route of the app, opened by every kind of visitor, on the real build: each route has an access rule, and what
// a visitor gets matches that rule (a page, the login page, or "no access"). A new route without a rule fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { decideRouteAccess, routeAccess } from '../../src/lib/server/route-access';
import type { Role } from '../../src/core/db/schema';
import { resolveParams, routeQueries } from '../support/route-params';
import { discoverRoutes, routePath } from '../support/routes';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';

const routes = discoverRoutes();

type Visitor = { name: string; email?: string; role?: Role };
const visitors: Visitor[] = [
	{ name: 'anonymous resident' },
	{ name: 'admin', email: DEMO.admin, role: 'admin' },
	{ name: 'coordinator', email: DEMO.coordinator, role: 'coordinator' },
	{ name: 'community worker', email: DEMO.communityWorker, role: 'community_worker' },
	{ name: 'housing company staff', email: DEMO.housingCompany, role: 'partner_staff' },
	{ name: 'welfare centre staff', email: DEMO.welfareCentre, role: 'partner_staff' }
];

/**
 * Where the route rule lets a role in but the data rule (core/access) never lets this visitor's organisation act:
 * the page answers 403 by design. Each entry says why; anything else that refuses an allowed visitor is a mismatch.
 */
const dataLevelRefusals: Array<{ route: string; visitor: string; status: number; why: string }> = [
	{ route: '/staff/households/[id]/edit', visitor: 'welfare centre staff', status: 403, why: 'only the housing company that lets the dwelling edits a household (people policy: landlordOf)' },
	// The tablet's service worker is the same code for every survey and holds no data: any staff may load it.
	...['/staff/surveys/[id]/tablet', '/api/v1/surveys/[id]/tablet'].flatMap((route) => [
		{ route, visitor: 'housing company staff', status: 403, why: 'a partner reads the results; only the organisation running the survey enters answers (surveys policy)' },
		{ route, visitor: 'welfare centre staff', status: 403, why: 'the welfare centre is neither running the survey nor a partner of it (surveys policy)' }
	]),
	// Survey results (results helper): the running organisation and its partners read them.
	...['results', 'compare', 'open-answers', 'report', 'export/csv', 'export/xlsx'].map((page) => ({ route: `/staff/surveys/[id]/${page}`, visitor: 'welfare centre staff', status: 403, why: 'the welfare centre is neither running the survey nor a partner of it (surveys policy: read-results)' })),
	// Surveys, the worker's side (surveys-staff helper): partners read a survey; only the running organisation changes it
	// and types in paper answers.
	...['', '/settings', '/structure', '/preview', '/preview/frame', '/poster', '/codes', '/paper', '/paper/template', '/publish'].map((page) => ({ route: `/staff/surveys/[id]${page}`, visitor: 'welfare centre staff', status: 403, why: 'the welfare centre is neither running the survey nor a partner of it (surveys policy: read)' })),
	...['/settings', '/structure', '/paper', '/paper/template', '/publish'].map((page) => ({ route: `/staff/surveys/[id]${page}`, visitor: 'housing company staff', status: 403, why: 'a partner reads the survey; only the organisation running it changes it and types in answers (surveys policy)' }))
];

/**
 * Image routes behind a secret link: the walk can only make up a token and a photo id, and an image for a made-up
 * link is a 404 (a page would be wrong in an <img>). They must answer exactly that, never a 500 or someone's photo.
 */
// The tracking page of a made-up link is a 404 page that offers the code form instead (a link that never existed).
const notFoundForMadeUpLinks = new Set(['/volgen/[token]/foto/[id]', '/partner/[token]/foto/[id]', '/volgen/[token]', '/volgen/[token]/bedankt']);

describe('every route has an access rule', () => {
	it('finds the routes on disk', () => {
		expect(routes.map((r) => r.id)).toContain('/');
		expect(routes.map((r) => r.id)).toContain('/login');
	});

	it('lists every route in routeAccess (src/lib/server/route-access.ts)', () => {
		const missing = routes.map((r) => r.id).filter((id) => !(id in routeAccess));
		expect(missing, 'routes without an access rule: add them to routeAccess').toEqual([]);
	});

	it('has no rule for a route that does not exist', () => {
		const ids = new Set(routes.map((r) => r.id));
		expect(Object.keys(routeAccess).filter((id) => !ids.has(id)), 'stale rules in routeAccess').toEqual([]);
	});
});

for (const dialect of testDialects()) {
	describe(`each visitor gets what the access rule says [${dialect}]`, () => {
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
			it(`${visitor.name}: every route answers as its rule says, and never with a server error`, async () => {
				const session = sessions.get(visitor.name)!;
				const actor = visitor.role ? { kind: 'staff', role: visitor.role } : { kind: 'anonymous' };
				const problems: string[] = [];
				for (const route of routes.filter((r) => r.answersGet)) {
					let params: Record<string, string>;
					try {
						params = await resolveParams(server.db, route.id, route.params, visitor.email, server.dataDir);
					} catch (error) {
						problems.push(`${route.id}: ${(error as Error).message}`);
						continue;
					}
					const path = routePath(route.id, params) + (routeQueries[route.id] ?? '');
					const decision = decideRouteAccess(route.id, actor);
					const res = await session.get(path, { accept: 'text/html' });
					const location = res.headers.get('location') ?? '';
					await res.arrayBuffer();
					const outcome = `${res.status}${location ? ` → ${location}` : ''}`;
					const refusal = dataLevelRefusals.find((r) => r.route === route.id && r.visitor === visitor.name);
					if (refusal && decision === 'allow') {
						if (res.status !== refusal.status) problems.push(`${path} (${route.id}): expected ${refusal.status} (${refusal.why}), got ${outcome}`);
						continue;
					}
					if (notFoundForMadeUpLinks.has(route.id) && decision === 'allow') {
						if (res.status !== 404) problems.push(`${path} (${route.id}): expected 404 for a made-up link, got ${outcome}`);
						continue;
					}
					if (res.status >= 500) problems.push(`${path} (${route.id}): server error ${outcome}`);
					else if (decision === 'allow' && (res.status >= 400 || res.status < 200)) problems.push(`${path} (${route.id}): expected a page, got ${outcome}`);
					// An API answers 401 (a client cannot follow a login form); a page sends the visitor to the login page.
					else if (decision === 'login' && !(route.id.startsWith('/api/') ? res.status === 401 : res.status === 303 && location.startsWith('/login')))
						problems.push(`${path} (${route.id}): expected ${route.id.startsWith('/api/') ? '401' : '303 to /login'}, got ${outcome}`);
					else if (decision === 'forbidden' && res.status !== 403) problems.push(`${path} (${route.id}): expected 403, got ${outcome}`);
					else if (decision === 'unknown') problems.push(`${path} (${route.id}): no access rule`);
				}
				if (problems.some((p) => p.includes('server error'))) problems.push(`server output:\n${server.output().slice(-3000)}`);
				expect(problems, `${visitor.name} on ${dialect}`).toEqual([]);
			});
		}
	});
}
