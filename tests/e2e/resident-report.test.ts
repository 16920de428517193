// Yasmina sees the poster in the hall of her block, scans the QR code with her cheap phone (JavaScript off) and
// reports a leaking tap. A neighbour already reported a broken heating there, so she is asked whether hers is the
// same; it is not, she sends it, writes down her code and opens her tracking link. Every page must be accessible.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/core/access';
import { reportSignal } from '../../src/core/signals';
import { browserAvailable, launchBrowser, openContext, PHONE, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';

describe.runIf(browserAvailable())('a resident reports on a phone without JavaScript', () => {
	let server: TestServer;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let estate: { id: string; slug: string; name: string };
	let code = '';

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		estate =
			(await server.db.selectFrom('estates').select(['id', 'slug', 'name']).where('name', '=', 'Wallaysplein').executeTakeFirst()) ??
			(await server.db.selectFrom('estates').select(['id', 'slug', 'name']).orderBy('slug').executeTakeFirstOrThrow());
		// A neighbour's open report of the same kind in the same estate, so the "same problem?" step shows.
		await reportSignal(
			server.db,
			anonymous,
			{ kind: 'home_repair', description: 'De verwarming doet het niet meer', estateId: estate.id },
			{ baseUrl: server.url }
		);
		context = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		page = await context.newPage();
	}, 180_000);
	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await server?.stop();
	});

	it('opens the short link from the poster and lands on the form of her estate', async () => {
		await page.goto(`${server.url}/m/${estate.slug}`);
		expect(new URL(page.url()).pathname).toBe(`/melden/${estate.slug}`);
		expect(await page.locator('h1').innerText()).toBe('Iets melden');
		expect(await page.locator('main').innerText()).toContain(estate.name);
		// Nothing sticks out sideways on a 360 px screen.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await visited(page, 'resident-report-1-form');
	});

	it('chooses "Iets kapot in mijn woning", describes it and goes on: a similar report nearby is shown', async () => {
		await page.getByLabel('Iets kapot in mijn woning').check();
		await page.getByLabel('Wat is er aan de hand?').fill('De kraan in de keuken lekt al een week.');
		await page.getByLabel('E-mailadres').fill('yasmina@example.be');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Verder' }).click()]);
		expect(await page.locator('h1').innerText()).toBe('Is dit hetzelfde probleem?');
		const main = await page.locator('main').innerText();
		expect(main).toContain('Ik heb hetzelfde probleem');
		// The neighbour's words are not shown to her.
		expect(main).not.toContain('verwarming doet het niet');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await visited(page, 'resident-report-2-nearby');
	});

	it('sends her own report anyway and gets a code to keep and her tracking link', async () => {
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Nee, het is iets anders: verstuur mijn melding' }).click()]);
		expect(new URL(page.url()).pathname).toMatch(/^\/volgen\/[\w-]+\/bedankt$/);
		expect(await page.locator('h1').innerText()).toBe('Bedankt!');
		code = (await page.locator('.code').innerText()).trim();
		expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await visited(page, 'resident-report-3-thanks');
	});

	it('opens the tracking link and sees her report as new, with her own words', async () => {
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Bekijk je melding' }).click()]);
		expect(await page.locator('h1').innerText()).toBe(`Je melding ${code}`);
		const main = await page.locator('main').innerText();
		expect(main).toContain('Nieuw');
		expect(main).toContain('De kraan in de keuken lekt al een week.');
		await visited(page, 'resident-report-4-tracking');
	});

	it('later looks it up with the code alone and sees only the status', async () => {
		await page.goto(`${server.url}/volgen`);
		await page.getByLabel('Je code').fill(code.toLowerCase());
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Opzoeken' }).click()]);
		const main = await page.locator('main').innerText();
		expect(main).toContain('Nieuw');
		expect(main).not.toContain('De kraan in de keuken');
		await visited(page, 'resident-report-5-code');
	});

	it('the printable poster of her estate is accessible too', async () => {
		await page.goto(`${server.url}/melden/${estate.slug}/poster`);
		expect(await page.locator('.qr svg').count()).toBe(1);
		await visited(page, 'resident-report-6-poster');
	});
});
