// The residents' front door on the real build, without JavaScript: the home page offers the four things a resident
// comes for — report a problem (found from an address, a postcode or the location), follow a report by its code,
// answer the open survey, read what was done with earlier answers — and each works as a plain form or link. An area's
// and an estate's page show their surveys beside the signal figures. Bad input gets a clear answer, never a 500.
// On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { HttpSession } from '../support/session';
import { reportAt } from '../support/signals';
import { buildDraftSurvey, buildTenantSurvey } from '../support/tenant-survey';

const visible = (html: string) =>
	html
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replaceAll('&#39;', "'")
		.replaceAll('&quot;', '"')
		.replaceAll('&amp;', '&')
		.replace(/\s+/g, ' ');

for (const dialect of testDialects()) {
	describe(`the residents' front door [${dialect}]`, () => {
		let server: TestServer;
		/** An open survey of Wallaysplein and Vlashof with published results, and a draft one for Wallaysplein. */
		let survey: { slug: string };
		let draft: { slug: string };
		let tab: HttpSession;

		beforeAll(async () => {
			server = await startServer({ dialect });
			survey = await buildTenantSurvey(server.db);
			draft = await buildDraftSurvey(server.db, undefined, 'Wallaysplein');
			tab = new HttpSession(server, { 'accept-language': 'nl-BE' });
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('the home page offers the four paths, as plain forms and links, without listing every neighbourhood', async () => {
			const res = await tab.get('/');
			expect(res.status).toBe(200);
			const html = await res.text();
			const text = visible(html);
			for (const heading of ['Een probleem melden', 'Je melding volgen', 'Je mening geven', 'Wat deden we met jullie antwoorden?'])
				expect(text).toContain(heading);
			expect(html).toMatch(/<form method="POST" action="\/melden\?\/adres"/);
			expect(html).toMatch(/<form method="GET" action="\/volgen"/);
			expect(html).toContain(`href="/enquete/${survey.slug}"`);
			expect(html).toContain(`href="/enquete/${survey.slug}/resultaten"`);
			expect(html).toContain('href="/enquete"');
			expect(html).toContain('href="/melden"');
			// The neighbourhoods are one step away (/melden, /buurten), not all on the home page.
			expect(html).not.toMatch(/href="\/(buurten|melden)\/[a-z0-9-]+"/);
			// The location button needs JavaScript: hidden in the page until the inlined script shows it.
			expect(html).toMatch(/<form method="POST" action="\/melden\?\/plaats" id="locate-form" hidden/);
		});

		it('"Wallaysplein 1, 8560 Wevelgem" leads to the report form of Wallaysplein; a postcode to the neighbourhoods of Wevelgem', async () => {
			const res = await tab.post('/melden?/adres', { adres: 'Wallaysplein 1, 8560 Wevelgem' });
			expect(res.status, server.output()).toBe(200);
			const html = await res.text();
			expect(visible(html)).toContain('Meld een probleem in Wallaysplein');
			expect(html.indexOf('id="found-title"')).toBeGreaterThan(0);
			expect(html).toContain('href="/melden/wallaysplein"');
			// The address went in the body, and does not come back in any link.
			expect(html).not.toMatch(/href="[^"]*Wallaysplein%201/);

			// What was found, above the list of every neighbourhood the page always offers.
			const found = (page: string) => page.slice(page.indexOf('id="found-title"'), page.indexOf('Of kies je buurt in de lijst'));
			const byPostcode = found(await (await tab.post('/melden?/adres', { adres: '8560' })).text());
			expect(byPostcode).toContain('href="/melden/wallaysplein"');
			expect(byPostcode).toContain('href="/melden/nieuwe-woonwijken-wevelgem"');
			expect(byPostcode).not.toContain('href="/melden/sint-lenaarts"');
		});

		it('an address nobody knows, an empty field or odd input gets a plain message and the list, never a 500', async () => {
			const none = await tab.post('/melden?/adres', { adres: 'Nergensstraat 99, 9999 Nergens' });
			expect(none.status).toBe(200);
			expect(visible(await none.text())).toContain('We vonden geen buurt voor');
			const empty = await tab.post('/melden?/adres', { adres: '   ' });
			expect(empty.status).toBe(400);
			expect(visible(await empty.text())).toContain('Typ eerst waar je woont.');
			for (const odd of ['%_%', '\u0000', 'x'.repeat(5000), '<script>alert(1)</script>']) {
				const res = await tab.post('/melden?/adres', { adres: odd });
				expect(res.status, JSON.stringify(odd.slice(0, 20))).toBeLessThan(500);
				expect(await res.text()).not.toContain('<script>alert(1)</script>');
			}
		});

		it("the browser's location leads to the neighbourhood's report form (areaAt); the sea or nonsense to a message", async () => {
			const inside = await tab.post('/melden?/plaats', { lon: '3.1745', lat: '50.8093' });
			expect(inside.status).toBe(303);
			expect(inside.headers.get('location')).toBe('/melden/wallaysplein');
			for (const point of [{ lon: '2.5', lat: '51.5' }, { lon: 'abc', lat: '' }, { lon: '999', lat: '-999' }, {}]) {
				const res = await tab.post('/melden?/plaats', point as Record<string, string>);
				expect(res.status, JSON.stringify(point)).toBe(200);
				expect(visible(await res.text())).toContain('Op jouw plek vonden we geen buurt.');
			}
		});

		it('following by code shows the status; a wrong code a clear message, never a 500', async () => {
			const signal = await reportAt(server, { estate: 'Wallaysplein' }, { category: 'lift', description: 'De lift van blok A staat stil' });
			const found = await tab.get(`/volgen?code=${encodeURIComponent(signal.reference)}`);
			expect(found.status).toBe(200);
			expect(visible(await found.text())).toContain(`Je melding ${signal.reference}`);
			for (const wrong of ['ZZZZ-ZZZZ', '%', 'x'.repeat(500), '<b>']) {
				const res = await tab.get(`/volgen?code=${encodeURIComponent(wrong)}`);
				expect(res.status, wrong).toBe(200);
				expect(visible(await res.text())).toContain('We vinden geen melding met deze code');
			}
		});

		it("an area's page shows its open survey and published results beside the signal figures; another area not", async () => {
			const html = await (await tab.get('/buurten/wallaysplein')).text();
			const text = visible(html);
			expect(text.indexOf('Wat gebeurt er in de buurt?')).toBeLessThan(text.indexOf('Vragen aan de buurt'));
			expect(html).toContain(`href="/enquete/${survey.slug}"`);
			expect(html).toContain(`href="/enquete/${survey.slug}/resultaten"`);
			expect(html).toContain('href="/buurten/wallaysplein/wallaysplein"');
			// A draft survey is for nobody to see yet, and Sint-Lenaarts has nothing open.
			expect(html).not.toContain(draft.slug);
			const lenaarts = await (await tab.get('/buurten/sint-lenaarts')).text();
			expect(visible(lenaarts)).toContain('Er zijn nu geen vragen voor deze buurt.');
			expect(lenaarts).not.toContain(draft.slug);
			expect(lenaarts).not.toContain(survey.slug);
		});

		it("an estate's page shows its figures, its surveys and the report button; a wrong pair is a 404", async () => {
			const res = await tab.get('/buurten/wallaysplein/wallaysplein');
			expect(res.status, server.output()).toBe(200);
			const html = await res.text();
			const text = visible(html);
			expect(text).toContain('Wat gebeurt er in de buurt?');
			expect(text).toContain('Wallaysplein 1, 8560');
			expect(html).toContain(`href="/enquete/${survey.slug}"`);
			expect(html).toContain('href="/melden/wallaysplein"');
			expect((await tab.get('/buurten/sint-lenaarts/wallaysplein')).status).toBe(404);
			expect((await tab.get('/buurten/wallaysplein/nergens')).status).toBe(404);
		});

		it('the same in French, without a message key', async () => {
			const fr = new HttpSession(server, { 'accept-language': 'fr-BE' });
			const text = visible(await (await fr.get('/')).text());
			expect(text).toContain('Signaler un problème');
			expect(text).toContain('Suivre votre signalement');
			expect(text).not.toMatch(/\bfront\.\w+/);
		});
	});
}
