// Omar lives on Wallaysplein. The lift has stood still for days; a neighbour already reported it, writing that her
// mother cannot climb the stairs. On his cheap phone (360 px, JavaScript off) Omar fills in the form, is shown the
// neighbour's report as "the same problem?", and says "me too". His tracking page shows the lift's status, the estate
// and his own words, never what his neighbour wrote. The institute's worker sees his words on the signal page and
// accepts the report with a message to the neighbour: Omar sees the new step, not the message. Every page is checked
// with axe-core and photographed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/core/access';
import { reportSignal } from '../../src/core/signals';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

const HERS = 'Mijn moeder kan de trap niet op sinds de lift stilstaat. Ze woont op nummer 31.';
const HIS = 'Ook op de vierde verdieping: mijn kinderen dragen de boodschappen de trap op.';
const TO_HER = 'Mevrouw, uw moeder krijgt voorrang: de technieker komt morgen.';

describe.runIf(browserAvailable())('a neighbour says "me too" on a phone without JavaScript', () => {
	let server: TestServer;
	let browser: Browser;
	let phone: BrowserContext;
	let office: BrowserContext;
	let omar: Page;
	let sara: Page;
	let neighbour: { id: string; reference: string };
	const narrow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		const estate = await server.db.selectFrom('estates').select(['id']).where('name', '=', 'Wallaysplein').executeTakeFirstOrThrow();
		neighbour = await reportSignal(
			server.db,
			anonymous,
			{ kind: 'common_spaces', description: HERS, estateId: estate.id, email: 'buurvrouw@example.be' },
			{ baseUrl: server.url }
		);
		phone = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		office = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		omar = await phone.newPage();
		sara = await office.newPage();
	}, 180_000);
	afterAll(async () => {
		await Promise.all([phone?.close(), office?.close()]);
		await browser?.close();
		await server?.stop();
	});

	it('is shown the report of the lift as "the same problem?", without his neighbour\'s words', async () => {
		await omar.goto(`${server.url}/melden/wallaysplein`);
		await omar.getByLabel('Gemeenschappelijke ruimtes').check();
		await omar.getByLabel('Wat is er aan de hand?').fill(HIS);
		await omar.getByLabel('E-mailadres').fill('omar@example.be');
		await Promise.all([omar.waitForNavigation(), omar.getByRole('button', { name: 'Verder' }).click()]);
		expect(await omar.locator('h1').innerText()).toBe('Is dit hetzelfde probleem?');
		expect(await omar.locator('main').innerText()).not.toContain('Mijn moeder');
		expect(await omar.locator(`input[name=signalId][value="${neighbour.id}"]`).count()).toBe(1);
		expect(await narrow(omar)).toBeLessThanOrEqual(360);
	});

	it('says "me too" and follows the lift: its status, the estate and his own words, nothing of hers', async () => {
		const card = omar.locator('li.card', { has: omar.locator(`input[name=signalId][value="${neighbour.id}"]`) });
		await Promise.all([omar.waitForNavigation(), card.getByRole('button', { name: 'Ik heb hetzelfde probleem' }).click()]);
		expect(new URL(omar.url()).pathname).toMatch(/^\/volgen\/[\w-]+\/bedankt$/);
		expect(await omar.locator('.code').innerText()).toBe(neighbour.reference);
		await visited(omar, 'resident-me-too-1-thanks');

		await Promise.all([omar.waitForNavigation(), omar.getByRole('link', { name: 'Bekijk je melding' }).click()]);
		expect(await omar.locator('h1').innerText()).toBe(`Melding ${neighbour.reference}`);
		const main = await omar.locator('main').innerText();
		expect(main).toContain('Je zei: "Ik heb hetzelfde probleem".');
		expect(main).toContain('Waar: Wallaysplein');
		expect(main).toContain(HIS);
		expect(main).toContain('Wat de eerste melder schreef, zie je niet.');
		expect(main).not.toContain('Mijn moeder');
		expect(main).not.toContain('buurvrouw@example.be');
		expect(await narrow(omar)).toBeLessThanOrEqual(360);
		await visited(omar, 'resident-me-too-2-tracking');
	});

	it('the institute\'s worker sees his words with his "me too" on the signal page', async () => {
		await signIn(sara, server.url, DEMO.communityWorker);
		await sara.goto(`${server.url}/staff/signals/${neighbour.id}`);
		const joins = sara.locator('ul.joins');
		expect(await joins.innerText()).toContain(HIS);
		expect(await sara.locator('h2', { hasText: 'Buren met hetzelfde probleem' }).count()).toBe(1);
		await visited(sara, 'resident-me-too-3-staff');
	});

	it('she accepts it with a message to the reporter: Omar sees the new step and its date, not the message', async () => {
		await sara.getByRole('radio', { name: 'Aanvaard' }).check();
		await sara.locator('#status-message').fill(TO_HER);
		await Promise.all([sara.waitForURL(/klaar=status/), sara.getByRole('button', { name: 'Status opslaan' }).click()]);
		await omar.reload();
		const news = await omar.locator('ol.news').innerText();
		expect(news).toContain('Nieuwe stap: Aanvaard');
		expect(await omar.locator('main').innerText()).not.toContain(TO_HER);
		expect(await narrow(omar)).toBeLessThanOrEqual(360);
		await visited(omar, 'resident-me-too-4-tracking-accepted');
	});
});
