// "Go back to" links never leave the site: the hostile tester's two login links, and the language form's back field,
// on the real build. A browser reads the Location header the way `new URL(location, page)` does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';

const HOSTILE = [
	'/%5Cevil.example',
	'/%09/evil.example',
	'//evil.example',
	'/%5C%5Cevil.example',
	'https:evil.example',
	'javascript:alert(1)',
	'/x/..//evil.example'
];

for (const dialect of testDialects()) {
	describe(`redirects stay on this site [${dialect}]`, () => {
		let server: TestServer;
		const landsOn = (res: Response, from: string) => new URL(res.headers.get('location') ?? '', new URL(from, server.url));

		beforeAll(async () => {
			server = await startServer({ dialect });
		});
		afterAll(async () => {
			await server?.stop();
		});

		it('a worker who follows a doctored sign-in link (?next=/%5Cevil.example) lands on her own start page, signed in', async () => {
			for (const next of HOSTILE) {
				const path = `/login?next=${next.startsWith('/') ? next : encodeURIComponent(next)}`;
				const tab = new HttpSession(server);
				const res = await tab.post(path, { email: DEMO.communityWorker, password: 'leefbaar-demo' });
				expect(res.status, next).toBe(303);
				expect(landsOn(res, path).origin, next).toBe(server.url);
				expect(res.headers.get('location'), next).toBe('/staff');
				// Already signed in, the same link answers the same way.
				const again = await tab.get(path);
				expect(again.status).toBe(303);
				expect(landsOn(again, path).origin, next).toBe(server.url);
				expect(again.headers.get('location'), next).toBe('/staff');
			}
		});

		it('a link back to a page of the site still works after signing in', async () => {
			const tab = await login(server, DEMO.coordinator);
			const res = await tab.get('/login?next=%2Fstaff%2Fsignals%3Ftab%3Dmine');
			expect(res.headers.get('location')).toBe('/staff/signals?tab=mine');
		});

		it('the language form goes back only to a page of this site', async () => {
			const tab = new HttpSession(server);
			expect((await tab.post('/settings?/language', { lang: 'fr', back: '/buurten?x=1' })).headers.get('location')).toBe('/buurten?x=1');
			for (const back of ['/\\evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example/']) {
				const res = await tab.post('/settings?/textsize', { size: 'large', back });
				expect(res.status, back).toBe(303);
				expect(res.headers.get('location'), back).toBe('/');
			}
		});
	});
}
