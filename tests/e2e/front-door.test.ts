// Fatima lives on the Wallaysplein in Wevelgem. On her cheap phone, with JavaScript off, she opens Leefbaar's home
// page: it says in plain words what she can do. She types her address and lands on the report form of her
// neighbourhood; back home she answers the open survey and reads what was done with last year's answers; a code
// she mistyped gets a plain message. On a laptop with JavaScript her neighbour Jonas finds his neighbourhood with his
// location, and opens the map of Sint-Lenaarts: Leaflet loads only when he asks for it, from the keyboard. Every page
// is checked with axe and fits a 360 px phone.
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';

const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.runIf(browserAvailable())("the residents' front door", () => {
	let server: TestServer;
	let browser: Browser;
	let survey: { slug: string };

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		survey = await server.db.selectFrom('surveys').select('slug').where('status', '=', 'open').executeTakeFirstOrThrow();
	}, 180_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	describe('Fatima, on a 360 px phone without JavaScript', () => {
		let context: BrowserContext;
		let page: Page;
		beforeAll(async () => {
			context = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
			page = await context.newPage();
		});
		afterAll(async () => {
			await context?.close();
		});

		it('reads on the home page what she can do here', async () => {
			await page.goto(`${server.url}/`);
			expect(await page.locator('h1').innerText()).toBe('Welkom bij Leefbaar');
			const headings = await page.locator('main h2').allInnerTexts();
			expect(headings).toEqual(['Een probleem melden', 'Je melding volgen', 'Je mening geven', 'Wat deden we met jullie antwoorden?']);
			// The location button needs JavaScript: not shown to her.
			expect(await page.getByRole('button', { name: 'Zoek mijn buurt met mijn locatie' }).isVisible()).toBe(false);
			expect(await fitsPhone(page)).toBeLessThanOrEqual(0);
			await visited(page, 'front-door-1-home-phone');
		});

		it('types her address and reaches the report form of her neighbourhood', async () => {
			await page.getByLabel('Waar woon je?').fill('Wallaysplein 1, 8560 Wevelgem');
			await Promise.all([page.waitForURL(/\/melden\?\/adres$/), page.getByRole('button', { name: 'Zoek mijn buurt' }).click()]);
			expect(await page.locator('main').innerText()).toContain('Dit vonden we voor ‘Wallaysplein 1, 8560 Wevelgem’');
			expect(await fitsPhone(page)).toBeLessThanOrEqual(0);
			await visited(page, 'front-door-2-found-phone');
			await Promise.all([
				page.waitForURL((u) => u.pathname === '/melden/wallaysplein'),
				page.getByRole('link', { name: 'Meld een probleem in Wallaysplein' }).click()
			]);
			expect(await page.locator('main').innerText()).toContain('Wallaysplein');
			expect(await page.locator('form textarea[name="description"]').count()).toBe(1);
			await visited(page, 'front-door-3-report-form-phone');
		});

		it('goes back home and opens the open survey of her estate', async () => {
			await page.goto(`${server.url}/`);
			await Promise.all([page.waitForURL((u) => u.pathname === `/enquete/${survey.slug}`), page.locator(`main a[href="/enquete/${survey.slug}"]`).click()]);
			expect(await page.locator('h1').innerText()).toContain('Hoe woont u?');
			expect(await fitsPhone(page)).toBeLessThanOrEqual(0);
			await visited(page, 'front-door-4-survey-phone');
		});

		it('reads what was done with last year’s answers', async () => {
			await page.goto(`${server.url}/`);
			await Promise.all([
				page.waitForURL((u) => u.pathname === `/enquete/${survey.slug}/resultaten`),
				page.locator(`main a[href="/enquete/${survey.slug}/resultaten"]`).click()
			]);
			expect(await page.locator('main').innerText()).toContain('De Vlashaard pakt het vocht');
			await visited(page, 'front-door-5-results-phone');
		});

		it('mistypes the code of her report and is told so plainly', async () => {
			await page.goto(`${server.url}/`);
			await page.getByLabel('Code van je melding').fill('ZZZZ-ZZZZ');
			await Promise.all([page.waitForURL(/\/volgen\?code=/), page.getByRole('button', { name: 'Bekijk mijn melding' }).click()]);
			expect(await page.getByRole('alert').innerText()).toContain('We vinden geen melding met deze code');
			await visited(page, 'front-door-6-wrong-code-phone');
		});

		it("reads her neighbourhood's page: the survey beside the figures, the places as a list, no map to load", async () => {
			await page.goto(`${server.url}/buurten/wallaysplein`);
			const main = await page.locator('main').innerText();
			expect(main).toContain('Vragen aan de buurt');
			expect(main).toContain('Vul de vragen in');
			expect(await page.getByRole('button', { name: 'Toon de kaart' }).isVisible()).toBe(false);
			expect(await fitsPhone(page)).toBeLessThanOrEqual(0);
			await visited(page, 'front-door-7-area-phone');
			await Promise.all([
				page.waitForURL((u) => u.pathname === '/buurten/wallaysplein/wallaysplein'),
				page.locator('main a[href="/buurten/wallaysplein/wallaysplein"]').first().click()
			]);
			expect(await page.locator('h1').innerText()).toBe('Wallaysplein');
			expect(await page.locator('main').innerText()).toContain('Vul de vragen in');
			expect(await fitsPhone(page)).toBeLessThanOrEqual(0);
			await visited(page, 'front-door-8-estate-phone');
		});
	});

	describe('Jonas, at 1280 px with JavaScript', () => {
		let context: BrowserContext;
		let page: Page;
		const requested: string[] = [];
		beforeAll(async () => {
			// In Sint-Lenaarts, by the Kapelakker estate.
			const kapelakker = await server.db.selectFrom('estates').select(['lon', 'lat']).where('name', '=', 'Kapelakker').executeTakeFirstOrThrow();
			context = await openContext(browser, {
				...DESKTOP,
				locale: 'nl-BE',
				geolocation: { longitude: kapelakker.lon!, latitude: kapelakker.lat! },
				permissions: ['geolocation']
			});
			// Map tiles live on another server, which cannot be reached from here: refuse everything not ours.
			await context.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
			page = await context.newPage();
			page.on('request', (r: Request) => requested.push(r.url()));
		});
		afterAll(async () => {
			await context?.close();
		});

		it('finds his neighbourhood with his location', async () => {
			await page.goto(`${server.url}/`);
			const locate = page.getByRole('button', { name: 'Zoek mijn buurt met mijn locatie' });
			await locate.waitFor();
			await visited(page, 'front-door-9-home-desktop');
			await Promise.all([page.waitForURL((u) => u.pathname === '/melden/sint-lenaarts'), locate.click()]);
			expect(await page.locator('main').innerText()).toContain('Sint-Lenaarts');
		});

		it('opens the map of Sint-Lenaarts from the keyboard: Leaflet loads only then', async () => {
			requested.length = 0;
			await page.goto(`${server.url}/buurten/sint-lenaarts`);
			await page.waitForLoadState('load');
			const show = page.getByRole('button', { name: 'Toon de kaart' });
			await show.waitFor();
			expect(requested.filter((u) => /leaflet|map-enhance/.test(u))).toEqual([]);
			await visited(page, 'front-door-10-area-desktop');
			await show.focus();
			await page.keyboard.press('Enter');
			await page.locator('#area-map.leaflet-container').waitFor();
			expect(requested.filter((u) => /leaflet|map-enhance/.test(u)).length).toBeGreaterThanOrEqual(3);
			// The map takes the focus it was asked for; its button is gone.
			expect(await page.evaluate(() => document.activeElement?.id)).toBe('area-map');
			expect(await show.isVisible()).toBe(false);
			await visited(page, 'front-door-11-area-map-desktop');
		});
	});
});
