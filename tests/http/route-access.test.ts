// Every route of the app, opened by every kind of visitor, on the real build: each route has an access rule, and what
// a visitor gets matches that rule (a page, the login page, or "no access"). A new route without a rule fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { decideRouteAccess, routeAccess } from '../../src/lib/server/route-access';
import type { Role } from '../../src/core/db/schema';
import { staffActor } from '../../src/core/demo/signals';
import { createSurvey } from '../../src/core/surveys/builder';
import { elsewhereOf, resolveParams, routeQueries } from '../support/route-params';
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
	{ name: 'welfare centre staff', email: DEMO.welfareCentre, role: 'partner_staff' },
	{ name: 'other institute worker', email: DEMO.otherInstitute, role: 'community_worker' }
];

/**
 * Where the route rule lets a role in but the data rule (core/access) never lets this visitor's organisation act:
 * the page answers 403 by design. Each entry says why; anything else that refuses an allowed visitor is a mismatch.
 */
const dataLevelRefusals: Array<{ route: string; visitor: string; status: number; why: string }> = [
	{
		route: '/staff/households/[id]/edit',
		visitor: 'welfare centre staff',
		status: 403,
		why: 'only the housing company that lets the dwelling edits a household (people policy: landlordOf)'
	},
	// The tablet's service worker is the same code for every survey and holds no data: any staff may load it.
	...['/staff/surveys/[id]/tablet', '/api/v1/surveys/[id]/tablet'].flatMap((route) => [
		{
			route,
			visitor: 'housing company staff',
			status: 403,
			why: 'a partner reads the results; only the organisation running the survey enters answers (surveys policy)'
		},
		{ route, visitor: 'welfare centre staff', status: 403, why: 'the welfare centre is neither running the survey nor a partner of it (surveys policy)' }
	]),
	// Survey results: the running organisation and its partners read them.
	...['results', 'compare', 'open-answers', 'report', 'export/csv', 'export/xlsx'].map((page) => ({
		route: `/staff/surveys/[id]/${page}`,
		visitor: 'welfare centre staff',
		status: 403,
		why: 'the welfare centre is neither running the survey nor a partner of it (surveys policy: read-results)'
	})),
	// Surveys, the worker's side: partners read a survey; only the running organisation changes it
	// and types in paper answers.
	...['', '/settings', '/structure', '/preview', '/preview/frame', '/poster', '/codes', '/codes/letters', '/paper', '/paper/template', '/publish'].map(
		(page) => ({
			route: `/staff/surveys/[id]${page}`,
			visitor: 'welfare centre staff',
			status: 403,
			why: 'the welfare centre is neither running the survey nor a partner of it (surveys policy: read)'
		})
	),
	// The demo's survey is West-Vlaanderen's, in Wevelgem: the Antwerp institute neither runs it nor is a partner.
	...[
		'',
		'/settings',
		'/structure',
		'/preview',
		'/preview/frame',
		'/poster',
		'/codes',
		'/codes/letters',
		'/paper',
		'/paper/template',
		'/publish',
		'/tablet',
		'/results',
		'/compare',
		'/open-answers',
		'/report',
		'/export/csv',
		'/export/xlsx'
	].map((page) => ({
		route: `/staff/surveys/[id]${page}`,
		visitor: 'other institute worker',
		status: 403,
		why: 'the Antwerp institute neither runs the Wevelgem survey nor is a partner of it (surveys policy)'
	})),
	{
		route: '/api/v1/surveys/[id]/tablet',
		visitor: 'other institute worker',
		status: 403,
		why: 'the Antwerp institute does not run the Wevelgem survey (surveys policy: enter-answers)'
	},
	...['/settings', '/structure', '/paper', '/paper/template', '/publish'].map((page) => ({
		route: `/staff/surveys/[id]${page}`,
		visitor: 'housing company staff',
		status: 403,
		why: 'a partner reads the survey; only the organisation running it changes it and types in answers (surveys policy)'
	}))
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
		expect(
			Object.keys(routeAccess).filter((id) => !ids.has(id)),
			'stale rules in routeAccess'
		).toEqual([]);
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

/**
 * Routes that open one organisation's work (a person, a household, a signal, a bundle, a survey) or shape a place:
 * outside the visitor's reach — where their organisation does not work, and nothing was routed or referred to it or
 * agreed by the resident — they must refuse. Every other route with a param is in OPEN_ROUTES with its reason.
 */
const REACH_ROUTES = [
	'/staff/residents/[id]',
	'/staff/residents/[id]/edit',
	'/staff/households/[id]',
	'/staff/households/[id]/edit',
	'/staff/signals/[id]',
	'/staff/signals/[id]/refer',
	'/staff/signals/[id]/link',
	'/staff/signals/[id]/foto/[attachmentId]',
	'/staff/collective/[id]',
	'/staff/collective/[id]/csv',
	'/staff/areas/[slug]/edit',
	'/staff/areas/[slug]/estates/new',
	'/staff/areas/[slug]/estates/[estate]/edit',
	'/staff/areas/[slug]/estates/[estate]/buildings/new',
	'/staff/areas/[slug]/estates/[estate]/buildings/[building]',
	'/staff/areas/[slug]/estates/[estate]/dwellings/new',
	'/staff/areas/[slug]/estates/[estate]/dwellings/[dwelling]',
	...[
		'',
		'/settings',
		'/structure',
		'/preview',
		'/preview/frame',
		'/poster',
		'/codes',
		'/codes/letters',
		'/paper',
		'/paper/template',
		'/publish',
		'/tablet',
		'/results',
		'/compare',
		'/open-answers',
		'/report',
		'/export/csv',
		'/export/xlsx'
	].map((page) => `/staff/surveys/[id]${page}`),
	'/api/v1/surveys/[id]/tablet'
];
const OPEN_ROUTES: Record<string, string> = {
	'/staff/areas/[slug]': 'an area page shows places and figures, no person (its public page shows as much)',
	'/staff/areas/[slug]/estates/[estate]':
		'an estate page shows its buildings and dwellings; its households list is filtered by the people policy (checked below)',
	'/staff/imports/[id]': 'the walk opens the visitor’s own import',
	'/staff/imports/tenants/[id]': 'the walk opens the visitor’s own import',
	'/staff/surveys/[id]/tablet/sw.js': 'the tablet’s service worker is the same code for every survey and holds no data',
	'/api/v1/surveys/[id]/answer-sets': 'answers only POST (checked by the surveys policy, tests/http/survey-tablet.test.ts)',
	'/admin/organisations/[id]': 'admins only: accounts and organisations, no person',
	'/admin/users/[id]': 'admins only: staff accounts, no resident'
};

describe('every staff route with a param is classified for the reach walk', () => {
	it('is in REACH_ROUTES or OPEN_ROUTES', () => {
		const withParams = routes.filter((r) => r.params.length > 0 && routeAccess[r.id] !== 'public').map((r) => r.id);
		const unclassified = withParams.filter((id) => !REACH_ROUTES.includes(id) && !(id in OPEN_ROUTES));
		expect(unclassified, 'add these to REACH_ROUTES (refuse outside the reach) or OPEN_ROUTES (with why)').toEqual([]);
		expect(
			REACH_ROUTES.filter((id) => !withParams.includes(id)),
			'stale REACH_ROUTES'
		).toEqual([]);
	});
});

/** Hostile posts a staff member could send with ids from another organisation's work; each must change nothing. */
type Attempt = {
	name: string;
	/** The route whose params the attempt needs, resolved in the other municipality. */
	route: string;
	path: (p: Record<string, string>) => string;
	fields: (org: string) => Record<string, string>;
	/** What the attempt would change, read before and after. */
	state: (db: TestServer['db'], p: Record<string, string>) => Promise<unknown>;
};
const attempts: Attempt[] = [
	{
		name: 'change a resident',
		route: '/staff/residents/[id]',
		path: (p) => `/staff/residents/${p.id}/edit`,
		fields: () => ({ firstName: 'Overgenomen', lastName: 'Door een ander', language: 'nl', contactChannel: 'letter' }),
		state: (db, p) => db.selectFrom('residents').select(['first_name', 'last_name', 'household_id', 'phone']).where('id', '=', p.id).executeTakeFirst()
	},
	{
		name: 'record a consent for their own organisation',
		route: '/staff/residents/[id]',
		path: (p) => `/staff/residents/${p.id}?/consent`,
		fields: (org) => ({ organisationId: org, scope: 'contact_details', purpose: 'Zelf genoteerd' }),
		state: (db, p) => db.selectFrom('consents').select(['id', 'withdrawn_at']).where('resident_id', '=', p.id).orderBy('id').execute()
	},
	{
		name: 'change a household',
		route: '/staff/households/[id]',
		path: (p) => `/staff/households/${p.id}/edit`,
		fields: () => ({ name: 'Overgenomen' }),
		state: (db, p) => db.selectFrom('households').select(['name', 'dwelling_id', 'move_out_date']).where('id', '=', p.id).executeTakeFirst()
	},
	{
		name: 'accept a signal',
		route: '/staff/signals/[id]',
		path: (p) => `/staff/signals/${p.id}?/status`,
		fields: () => ({ status: 'accepted' }),
		state: (db, p) => db.selectFrom('signals').select(['status', 'assignee_id', 'organisation_id']).where('id', '=', p.id).executeTakeFirst()
	},
	{
		name: 'message a signal’s reporter',
		route: '/staff/signals/[id]',
		path: (p) => `/staff/signals/${p.id}?/note`,
		fields: () => ({ body: 'Wij nemen dit over.', toReporter: 'true' }),
		state: (db, p) => db.selectFrom('signal_events').select('id').where('signal_id', '=', p.id).orderBy('id').execute()
	},
	{
		name: 'refer a signal to their own organisation',
		route: '/staff/signals/[id]',
		path: (p) => `/staff/signals/${p.id}/refer?/refer`,
		fields: (org) => ({ toOrganisationId: org, note: 'Overnemen' }),
		state: (db, p) => db.selectFrom('referrals').select('id').where('signal_id', '=', p.id).orderBy('id').execute()
	},
	{
		name: 'close a collective issue',
		route: '/staff/collective/[id]',
		path: (p) => `/staff/collective/${p.id}?/close`,
		fields: () => ({ outcome: 'Afgesloten door een ander' }),
		state: (db, p) => db.selectFrom('collective_issues').select(['status', 'outcome']).where('id', '=', p.id).executeTakeFirst()
	},
	{
		name: 'rename an estate',
		route: '/staff/areas/[slug]/estates/[estate]',
		path: (p) => `/staff/areas/${p.slug}/estates/${p.estate}/edit`,
		fields: () => ({ name: 'Overgenomen wijk' }),
		state: (db, p) => db.selectFrom('estates').select(['name', 'area_id', 'housing_company_id']).where('slug', '=', p.estate).executeTakeFirst()
	}
];

for (const dialect of testDialects()) {
	describe(`nothing answers outside the visitor's organisation's reach [${dialect}]`, () => {
		let server: TestServer;
		const sessions = new Map<string, HttpSession>();
		const staff = visitors.filter((v) => v.email && v.role !== 'admin');

		beforeAll(async () => {
			server = await startServer({ dialect });
			for (const v of staff) sessions.set(v.name, await login(server, v.email!));
			// A survey in Brecht, run by the Antwerp institute: outside the reach of everyone who works in Wevelgem.
			const jonas = await staffActor(server.db, DEMO.otherInstitute);
			const [kapelakker] = await server.db.selectFrom('estates').select('id').where('name', '=', 'Kapelakker').execute();
			await createSurvey(server.db, jonas, {
				title: { nl: { text: 'Wonen in Kapelakker' } },
				consent: { nl: { text: 'We bewaren geen namen.' } },
				modes: ['open_link', 'code'],
				estateIds: [kapelakker.id]
			} as never);
		});
		afterAll(async () => {
			await server?.stop();
		});

		for (const visitor of staff) {
			it(`${visitor.name}: every page of another organisation's work refuses, and the estate page lists none of its households`, async () => {
				const session = sessions.get(visitor.name)!;
				const elsewhere = elsewhereOf(visitor.email);
				const problems: string[] = [];
				for (const route of routes.filter((r) => r.answersGet && REACH_ROUTES.includes(r.id))) {
					const params = await resolveParams(server.db, route.id, route.params, visitor.email, server.dataDir, elsewhere);
					const path = routePath(route.id, params);
					const res = await session.get(path, { accept: 'text/html' });
					const body = await res.text();
					if (res.status !== 403 && res.status !== 404)
						problems.push(`${path} (${route.id}) in ${elsewhere}: expected 403 or 404, got ${res.status} ${res.headers.get('location') ?? ''}`);
					else if (res.status === 404 && !['/staff/signals/[id]/foto/[attachmentId]'].includes(route.id) && body.length < 50)
						problems.push(`${path}: an empty 404`);
				}
				// The estate page is open to staff, but its list of households shows none of another organisation's people.
				const estateRoute = '/staff/areas/[slug]/estates/[estate]';
				const params = await resolveParams(server.db, estateRoute, ['slug', 'estate'], visitor.email, server.dataDir, elsewhere);
				const page = await (await session.get(routePath(estateRoute, params), { accept: 'text/html' })).text();
				const names = await server.db
					.selectFrom('households as h')
					.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
					.innerJoin('buildings as b', 'b.id', 'd.building_id')
					.innerJoin('estates as e', 'e.id', 'b.estate_id')
					.select(['h.id', 'h.name'])
					.where('e.slug', '=', params.estate)
					.execute();
				expect(names.length, `the demo estate ${params.estate} holds households`).toBeGreaterThan(0);
				for (const h of names) if (page.includes(`/staff/households/${h.id}`)) problems.push(`${estateRoute} in ${elsewhere} links household ${h.name}`);
				expect(problems, `${visitor.name} on ${dialect}`).toEqual([]);
			});

			it(`${visitor.name}: every hostile post with another organisation's ids is refused and changes nothing`, async () => {
				const session = sessions.get(visitor.name)!;
				const elsewhere = elsewhereOf(visitor.email);
				const org =
					(await server.db.selectFrom('users').select('organisation_id').where('email', '=', visitor.email!).executeTakeFirstOrThrow()).organisation_id ?? '';
				const problems: string[] = [];
				for (const attempt of attempts) {
					const route = routes.find((r) => r.id === attempt.route)!;
					const p = await resolveParams(server.db, route.id, route.params, visitor.email, server.dataDir, elsewhere);
					const before = await attempt.state(server.db, p);
					const res = await session.post(attempt.path(p), attempt.fields(org));
					await res.arrayBuffer();
					const after = await attempt.state(server.db, p);
					if (res.status !== 403 && res.status !== 404)
						problems.push(`${attempt.name} in ${elsewhere} (${attempt.path(p)}): expected 403 or 404, got ${res.status} ${res.headers.get('location') ?? ''}`);
					if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${attempt.name} in ${elsewhere}: the data changed`);
				}
				expect(problems, `${visitor.name} on ${dialect}`).toEqual([]);
			});
		}
	});
}
