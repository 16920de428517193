// The hostile walk at the edge of the app, over HTTP only: doctored "go back" links, broken and forged form posts,
// the headers every answer must carry, and an Open311 Idempotency-Key reused with another body (the demo key `demo`).
// Runs against the test servers inside `npm test`, or any demo server: `npm run test:security -- http://host:port`.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { DEMO, HttpSession, login } from '../support/session';
import { describeTargets } from './target';

const HOSTILE_NEXT = [
	'/%5Cevil.example',
	'/%09/evil.example',
	'//evil.example',
	'/%2F%2Fevil.example',
	'https:evil.example',
	'javascript:alert(1)',
	'/x/..//evil.example'
];
const BOUNDARY = '----hostile-walk';
const BROKEN = [
	{ type: 'multipart/form-data', body: 'email=a%40b.be&password=x' },
	{ type: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\nsomeone@exa` }
];

const directives = (policy: string | null) =>
	new Map(
		(policy ?? '')
			.split(';')
			.map((p) => p.trim().split(/\s+/))
			.filter((p) => p[0])
			.map(([name, ...sources]) => [name, sources])
	);

describeTargets('the edge: redirects, bodies, headers, idempotency', (target) => {
	it('no sign-in link sends a worker to another site, whatever its next= says', async () => {
		const tab = await login(target(), DEMO.communityWorker);
		for (const next of HOSTILE_NEXT) {
			const path = `/login?next=${next.startsWith('/') ? next : encodeURIComponent(next)}`;
			const res = await tab.get(path);
			await res.arrayBuffer();
			expect(res.status, next).toBe(303);
			const lands = new URL(res.headers.get('location') ?? '', `${target().url}${path}`);
			expect(lands.origin, `${next} → ${res.headers.get('location')}`).toBe(target().url);
		}
		for (const back of ['/\\evil.example', '/\t/evil.example', '//evil.example']) {
			const res = await new HttpSession(target()).post('/settings?/language', { lang: 'nl', back });
			expect(new URL(res.headers.get('location') ?? '', target().url).origin, back).toBe(target().url);
		}
	});

	it('broken form bodies get 400, never 500, for residents and staff', async () => {
		const places = await (await new HttpSession(target()).get('/melden')).text();
		const report = /href="(\/melden\/[a-z0-9-]+)"/.exec(places)?.[1];
		expect(report, 'a place to report on /melden').toBeTruthy();
		const worker = await login(target(), DEMO.communityWorker);
		const posts: Array<[HttpSession, string]> = [
			[new HttpSession(target()), '/login'],
			[new HttpSession(target()), `${report}?/check`],
			[new HttpSession(target()), '/enquete'],
			[new HttpSession(target()), '/settings?/language'],
			[new HttpSession(target()), `/partner/${'x'.repeat(32)}?/answer`],
			[worker, '/staff/signals?/bulk'],
			[worker, '/staff/surveys/new']
		];
		for (const [session, path] of posts) {
			for (const broken of BROKEN) {
				const res = await session.request(path, {
					method: 'POST',
					body: broken.body,
					headers: { origin: target().url, 'content-type': broken.type, accept: 'text/html' }
				});
				await res.arrayBuffer();
				expect(res.status, `${path} ${broken.type}`).toBe(400);
			}
		}
		const problem = await new HttpSession(target()).request('/login', {
			method: 'POST',
			body: BROKEN[1].body,
			headers: { origin: target().url, 'content-type': BROKEN[1].type, accept: 'application/problem+json' }
		});
		expect(problem.status).toBe(400);
		expect(await problem.json()).toMatchObject({ status: 400, code: 'bad_body' });
		// Still signed in: the broken posts changed nothing.
		expect((await worker.get('/staff')).status).toBe(200);
	});

	it('a sign-out or a change forged from elsewhere, or sent as a typeless beacon, is refused', async () => {
		const worker = await login(target(), DEMO.communityWorker);
		for (const headers of [
			{ origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			{ origin: 'http://evil.example' },
			{}
		] as Array<Record<string, string>>) {
			for (const path of ['/logout', '/staff/signals?/bulk']) {
				const res = await worker.request(path, { method: 'POST', headers, body: new Blob(['status=closed']) });
				await res.arrayBuffer();
				expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
			}
		}
		expect((await worker.get('/staff')).status).toBe(200);
	});

	it('every page carries a policy that runs only our scripts and frames nowhere; every answer says nosniff', async () => {
		const anonymous = new HttpSession(target());
		for (const path of ['/', '/login', '/melden', '/buurten', '/nergens']) {
			const res = await anonymous.get(path);
			await res.arrayBuffer();
			const d = directives(res.headers.get('content-security-policy'));
			expect(d.get('script-src') ?? d.get('default-src'), path).toBeTruthy();
			expect(
				d.get('script-src')?.some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === '*'),
				path
			).not.toBe(true);
			expect(d.get('frame-ancestors'), path).toEqual(["'none'"]);
			expect(d.get('object-src'), path).toEqual(["'none'"]);
			expect(d.get('base-uri'), path).toEqual(["'none'"]);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
		for (const [path, accept] of [
			['/api/v1/areas', 'application/json'],
			['/open311/v2/services.xml', 'text/xml'],
			['/open311/v2/services.json', 'application/json'],
			['/favicon.svg', 'image/svg+xml']
		]) {
			const res = await anonymous.get(path, { accept });
			await res.arrayBuffer();
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});

	it('Open311: the same Idempotency-Key with another body is refused with 422, the retry of the same body is not', async () => {
		const key = `hostile-walk-${randomUUID()}`;
		const report = {
			api_key: 'demo',
			service_code: 'leak_damp',
			'attribute[where]': 'dwelling',
			address_string: 'Wallaysplein 1, Wevelgem',
			description: 'Schimmel op de muur van de slaapkamer'
		};
		const post = (fields: Record<string, string>, accept = 'application/json') =>
			fetch(`${target().url}/open311/v2/requests.json`, {
				method: 'POST',
				headers: { 'idempotency-key': key, accept, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields)
			});
		const first = await post(report);
		expect(first.status).toBe(200);
		const [created] = (await first.json()) as Array<{ service_request_id: string }>;
		const again = await post(report);
		expect(((await again.json()) as Array<{ service_request_id: string }>)[0].service_request_id).toBe(created.service_request_id);
		const reused = await post({ ...report, description: 'Iemand anders zijn melding onder dezelfde sleutel' });
		expect(reused.status).toBe(422);
		expect(await reused.json()).toEqual([{ code: 422, description: expect.any(String) }]);
		const problem = await post({ ...report, description: 'Nog een andere melding onder dezelfde sleutel' }, 'application/problem+json');
		expect(problem.status).toBe(422);
		expect(problem.headers.get('content-type')).toContain('application/problem+json');
		expect(await problem.json()).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
	});
});
