// What people get when something is off: a mistyped password, a session that ran out, a form posted from another
// site, a file that is too big, a link to nowhere, a cookie that means nothing. Always a clear answer in their own
// language, never a server error. On the real build, on SQLite and PostgreSQL.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';

const MESSAGES = {
	wrongCredentials: { nl: 'Het e-mailadres of het wachtwoord klopt niet.', fr: "L'adresse e-mail ou le mot de passe n'est pas correct." },
	sessionExpired: { nl: 'Je sessie is verlopen. Meld je opnieuw aan.', fr: 'Votre session a expiré. Connectez-vous à nouveau.' },
	csrf: { nl: 'Dit formulier kwam niet van onze website.', fr: 'Ce formulaire ne vient pas de notre site.' },
	tooLarge: { nl: 'Het bestand is te groot (hoogstens 1 MB).', fr: 'Le fichier est trop grand (au plus 1 Mo).' },
	notFound: { nl: 'Deze pagina bestaat niet (meer).', fr: "Cette page n'existe pas (ou plus)." }
};

/** Svelte escapes apostrophes in text; compare what a reader sees. */
const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

for (const dialect of testDialects()) {
	describe(`bad input gets a clear answer [${dialect}]`, () => {
		let server: TestServer;

		beforeAll(async () => {
			// A 1 MB upload limit keeps the oversized upload small.
			server = await startServer({ dialect, env: { MAX_UPLOAD_MB: '1' } });
		});
		afterAll(async () => {
			await server?.stop();
		});

		it('a community worker who mistypes her password sees why, in Dutch, and keeps her email in the form', async () => {
			const tab = new HttpSession(server);
			const res = await tab.post('/login', { email: DEMO.communityWorker, password: 'leefbaar-dem0' });
			expect(res.status).toBe(400);
			const html = visibleText(await res.text());
			expect(html).toContain(MESSAGES.wrongCredentials.nl);
			expect(html).toContain(`value="${DEMO.communityWorker}"`);
			expect(tab.cookies.has('leefbaar_session')).toBe(false);
		});

		it('a French-speaking OCMW worker gets the same answer in French, by browser language or by her language choice', async () => {
			const byBrowser = new HttpSession(server, { 'accept-language': 'fr-BE,fr;q=0.9,nl;q=0.5' });
			const res1 = await byBrowser.post('/login', { email: DEMO.welfareCentre, password: 'mauvais' });
			expect(res1.status).toBe(400);
			expect(visibleText(await res1.text())).toContain(MESSAGES.wrongCredentials.fr);

			const byChoice = new HttpSession(server);
			expect((await byChoice.post('/settings?/language', { lang: 'fr', back: '/login' })).headers.get('location')).toBe('/login');
			const res2 = await byChoice.post('/login', { email: DEMO.welfareCentre, password: 'mauvais' });
			expect(visibleText(await res2.text())).toContain(MESSAGES.wrongCredentials.fr);
		});

		it('a coordinator whose session ran out is sent to the login page, which says the session expired', async () => {
			const tab = await login(server, DEMO.coordinator);
			expect((await tab.get('/staff')).status).toBe(200);
			const user = await server.db.selectFrom('users').select('id').where('email', '=', DEMO.coordinator).executeTakeFirstOrThrow();
			await server.db
				.updateTable('sessions')
				.set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
				.where('user_id', '=', user.id)
				.execute();

			const res = await tab.get('/staff');
			expect(res.status).toBe(303);
			const location = res.headers.get('location')!;
			expect(location).toMatch(/^\/login\?next=%2Fstaff/);
			expect(tab.cookies.has('leefbaar_session')).toBe(false);
			const page = await tab.get(location);
			expect(page.status).toBe(200);
			expect(visibleText(await page.text())).toContain(MESSAGES.sessionExpired.nl);
		});

		it('a form posted from another site is refused with a page in the visitor’s language', async () => {
			const tab = new HttpSession(server);
			const nl = await tab.post('/login', { email: DEMO.admin, password: 'leefbaar-demo' }, { origin: 'http://evil.example' });
			expect(nl.status).toBe(403);
			expect(nl.headers.get('content-type')).toContain('text/html');
			const html = await nl.text();
			expect(html).toContain('lang="nl-BE"');
			expect(visibleText(html)).toContain(MESSAGES.csrf.nl);
			expect(tab.cookies.has('leefbaar_session')).toBe(false);

			const fr = await new HttpSession(server, { 'accept-language': 'fr' }).post('/settings?/language', { lang: 'en' }, { origin: 'http://evil.example' });
			expect(fr.status).toBe(403);
			expect(visibleText(await fr.text())).toContain(MESSAGES.csrf.fr);
		});

		it('a form post without any Origin header is refused too', async () => {
			const res = await fetch(`${server.url}/login`, {
				method: 'POST',
				body: new URLSearchParams({ email: DEMO.admin, password: 'leefbaar-demo' }),
				headers: { accept: 'text/html' },
				redirect: 'manual'
			});
			expect(res.status).toBe(403);
			expect(res.headers.getSetCookie().some((c) => c.startsWith('leefbaar_session='))).toBe(false);
		});

		it('an API client that posts a form from another site gets a problem document', async () => {
			const res = await new HttpSession(server, { accept: 'application/json' }).post('/login', { email: 'x' }, { origin: 'http://evil.example' });
			expect(res.status).toBe(403);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
			const problem = await res.json();
			expect(problem).toMatchObject({ status: 403, code: 'csrf', title: expect.stringContaining(MESSAGES.csrf.nl) });
		});

		it('a coordinator who uploads an area file above the upload limit gets 413 and is told how big it may be', async () => {
			const tab = await login(server, DEMO.coordinator);
			const form = new FormData();
			form.set('kind', 'neighbourhood');
			form.set('file', new Blob([new Uint8Array(1024 * 1024 + 1024)], { type: 'application/geo+json' }), 'wijken.geojson');
			const res = await tab.post('/staff/imports/areas', form);
			expect(res.status).toBe(413);
			expect(visibleText(await res.text())).toContain(MESSAGES.tooLarge.nl);

			const fr = await new HttpSession(server, { 'accept-language': 'fr' }).post('/staff/imports/areas', form);
			expect(fr.status).toBe(413);
			expect(visibleText(await fr.text())).toContain(MESSAGES.tooLarge.fr);
		});

		it('a link to a page that does not exist shows a friendly 404 page', async () => {
			const res = await new HttpSession(server).get('/buurten/bestaat-niet/xyz/123');
			expect(res.status).toBe(404);
			expect(visibleText(await res.text())).toContain(MESSAGES.notFound.nl);
			const fr = await new HttpSession(server, { 'accept-language': 'fr' }).get('/nergens');
			expect(fr.status).toBe(404);
			expect(visibleText(await fr.text())).toContain(MESSAGES.notFound.fr);
		});

		it('a made-up session cookie counts as nobody: public pages open, staff pages ask to sign in', async () => {
			const tab = new HttpSession(server);
			tab.cookies.set(
				'leefbaar_session',
				'x'.repeat(40) + fc.sample(fc.string({ minLength: 200, maxLength: 200, unit: 'grapheme-ascii' }), 1)[0].replace(/[;,\s]/g, 'q')
			);
			const home = await tab.get('/');
			expect(home.status).toBe(200);
			expect(await home.text()).toContain('href="/login"');
			tab.cookies.set('leefbaar_session', 'a'.repeat(64));
			const staff = await tab.get('/staff');
			expect(staff.status).toBe(303);
			expect(staff.headers.get('location')).toMatch(/^\/login\?next=%2Fstaff/);
		});

		it('whatever someone types into the login form, the answer is never a server error', async () => {
			await fc.assert(
				fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), async (email, password) => {
					const res = await new HttpSession(server).post('/login', { email, password });
					await res.arrayBuffer();
					expect([303, 400]).toContain(res.status);
				}),
				{
					numRuns: 40,
					examples: [
						['', ''],
						['\u0000@x.be', '\u0000'],
						[DEMO.admin, 'x'.repeat(5000)],
						[`${DEMO.admin}\u0000`, 'leefbaar-demo']
					]
				}
			);
		});
	});
}
