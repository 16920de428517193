// Jonas sees a broken street lamp on the path behind the Wallaysplein blocks. His phone runs JavaScript, so the form
// offers "a point on the map": Leaflet loads only then, the map opens on his estate (the tiles cannot be reached
// here: a blank map with the outline of the place), he taps where the lamp is, and the report is stored with that
// point. A keyboard user moves the map with the arrow keys and puts the pin under the cross with the button.
// Without JavaScript the map option is not offered at all and the form stays as it was.
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, openContext, PHONE, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';

describe.runIf(browserAvailable())('a resident puts a pin on the map', () => {
	let server: TestServer;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let estate: { id: string; slug: string; lon: number | null; lat: number | null };
	const requested: string[] = [];
	const field = (name: 'lon' | 'lat') => page.locator(`input[name="${name}"]`).inputValue();

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		estate = await server.db.selectFrom('estates').select(['id', 'slug', 'lon', 'lat']).where('name', '=', 'Wallaysplein').executeTakeFirstOrThrow();
		context = await openContext(browser, { ...PHONE, locale: 'nl-BE' });
		// Map tiles live on another server, which cannot be reached from here: refuse everything not ours.
		await context.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
		page = await context.newPage();
		page.on('request', (r: Request) => requested.push(r.url()));
	}, 180_000);
	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await server?.stop();
	});

	it('offers "a point on the map" without loading the map until he picks it', async () => {
		await page.goto(`${server.url}/melden/${estate.slug}`);
		await page.waitForLoadState('load');
		await expect.poll(() => page.getByLabel('Op een punt op de kaart').isVisible()).toBe(true);
		expect(requested.filter((u) => /leaflet|pin-map/.test(u))).toEqual([]);
		expect(await page.locator('#pin-panel').isVisible()).toBe(false);

		await page.getByLabel('Straat, park, openbare ruimte').check();
		await page.getByLabel('Op een punt op de kaart').check();
		await page.locator('#pin-map.leaflet-container').waitFor();
		expect(requested.filter((u) => /leaflet|pin-map/.test(u)).length).toBeGreaterThanOrEqual(3);
		expect(await page.locator('#pin-status').innerText()).toBe('Er staat nog geen speld op de kaart.');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	});

	it('a tap on the blank map sets the pin near his estate and fills in the point', async () => {
		const box = (await page.locator('#pin-map').boundingBox())!;
		await page.locator('#pin-map').click({ position: { x: box.width / 2 + 40, y: box.height / 2 - 30 } });
		expect(await page.locator('#pin-status').innerText()).toBe('De speld staat op de kaart. Tik opnieuw om ze te verplaatsen.');
		const lon = Number(await field('lon'));
		const lat = Number(await field('lat'));
		// East and north of the middle of the estate, and close to it.
		expect(lon).toBeGreaterThan(estate.lon!);
		expect(lat).toBeGreaterThan(estate.lat!);
		expect(Math.abs(lon - estate.lon!)).toBeLessThan(0.01);
		expect(Math.abs(lat - estate.lat!)).toBeLessThan(0.01);
		await visited(page, 'report-map-pin-1-tapped');
	});

	it('with the keyboard: the arrow keys move the map, the button puts the pin under the cross', async () => {
		await page.locator('#pin-here').focus();
		await page.keyboard.press('Enter');
		const centre = { lon: Number(await field('lon')), lat: Number(await field('lat')) };
		// Where the map opened: on the estate.
		expect(Math.abs(centre.lon - estate.lon!)).toBeLessThan(0.0005);
		expect(Math.abs(centre.lat - estate.lat!)).toBeLessThan(0.0005);
		await page.locator('#pin-map').focus();
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
		await page.waitForFunction(() => !document.querySelector('.leaflet-pan-anim'));
		await page.locator('#pin-here').focus();
		await page.keyboard.press('Enter');
		expect(Number(await field('lon'))).toBeGreaterThan(centre.lon);
		expect(Number(await field('lat'))).toBeCloseTo(centre.lat, 4);
	});

	it('sends the report: it is stored with the point he set', async () => {
		const lon = await field('lon');
		const lat = await field('lat');
		await page.getByLabel('Wat is er aan de hand?').fill('De straatlamp op het pad achter de blokken is stuk.');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Verder' }).click()]);
		if ((await page.locator('h1').innerText()) === 'Is dit hetzelfde probleem?') {
			await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Nee, het is iets anders: verstuur mijn melding' }).click()]);
		}
		expect(new URL(page.url()).pathname).toMatch(/^\/volgen\/[\w-]+\/bedankt$/);
		const stored = await server.db
			.selectFrom('signals')
			.select(['location_kind', 'lon', 'lat', 'estate_id'])
			.where('description', '=', 'De straatlamp op het pad achter de blokken is stuk.')
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ location_kind: 'map', lon: Number(lon), lat: Number(lat), estate_id: estate.id });
	});

	it('a map without a pin is caught, and the form comes back with the map open', async () => {
		await page.goto(`${server.url}/melden/${estate.slug}`);
		await page.getByLabel('Straat, park, openbare ruimte').check();
		await page.getByLabel('Op een punt op de kaart').check();
		await page.getByLabel('Wat is er aan de hand?').fill('Een omgevallen boom op het pad.');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Verder' }).click()]);
		expect(await page.locator('main').innerText()).toContain('Zet een punt op de kaart, of kies een andere plek.');
		expect(await page.getByLabel('Op een punt op de kaart').isChecked()).toBe(true);
		await page.locator('#pin-map.leaflet-container').waitFor();
		await page.locator('#pin-here').click();
		expect(await field('lon')).not.toBe('');
		await visited(page, 'report-map-pin-2-missing');
		// Choosing an address instead: the point is not sent along.
		await page.getByLabel('Op een andere plek of een ander adres').check();
		expect(await page.locator('#pin-panel').isVisible()).toBe(false);
		expect(await page.locator('input[name="lon"]').isDisabled()).toBe(true);
	});

	it('without JavaScript there is no map option and nothing of the map is loaded', async () => {
		const plain = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		try {
			const p = await plain.newPage();
			const loaded: string[] = [];
			p.on('request', (r: Request) => loaded.push(r.url()));
			await p.goto(`${server.url}/melden/${estate.slug}`);
			expect(await p.getByLabel('Op een punt op de kaart').isVisible()).toBe(false);
			expect(await p.getByLabel('Op een andere plek of een ander adres').isVisible()).toBe(true);
			expect(loaded.filter((u) => /leaflet|pin-map/.test(u))).toEqual([]);
		} finally {
			await plain.close();
		}
	});
});
