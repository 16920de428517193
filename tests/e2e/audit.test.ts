// Koen, the coordinator, checks who looked at a resident's record: Sara (community worker) opened Daniel Ahmadi's
// page this morning. He searches the audit log by person and kind of record, finds her look, and opens the record.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, openContext, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO, login } from '../support/session';

describe.runIf(browserAvailable())('a coordinator searches the audit log', () => {
	let server: TestServer;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let residentId = '';

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		context = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		page = await context.newPage();
		// Sara opens one resident's page: that look is what Koen will find.
		const resident = await server.db.selectFrom('residents').select('id').orderBy('last_name').orderBy('first_name').executeTakeFirstOrThrow();
		residentId = resident.id;
		const sara = await login(server, DEMO.communityWorker);
		expect((await sara.get(`/staff/residents/${residentId}`)).status).toBe(200);
	});
	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await server?.stop();
	});

	it('opens the audit log from the menu', async () => {
		await signIn(page, server.url, DEMO.coordinator);
		await Promise.all([page.waitForURL('**/staff/audit'), page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Logboek' }).click()]);
		expect(await page.locator('h1').innerText()).toBe('Logboek');
		await visited(page, 'audit-1-log');
	});

	it('searches for what Sara looked at among residents, and finds her look at this record', async () => {
		await page.getByLabel('Wie').selectOption({ label: `Sara El Amrani (${DEMO.communityWorker})` });
		await page.getByRole('combobox', { name: /^Handeling/ }).fill('read');
		await page.getByRole('combobox', { name: /^Wat/ }).fill('resident');
		await Promise.all([page.waitForURL(/\/staff\/audit\?/), page.getByRole('search').getByRole('button').click()]);
		const rows = page.locator('main table tbody tr');
		expect(await rows.count()).toBe(1);
		expect(await rows.first().innerText()).toContain('Sara El Amrani');
		expect(await rows.first().locator('a').getAttribute('href')).toBe(`/staff/residents/${residentId}`);
		await visited(page, 'audit-2-results');
	});

	it('finds nothing for a day before anyone looked', async () => {
		await page.getByLabel('Tot en met').fill('2020-01-01');
		await Promise.all([page.waitForURL(/to=2020-01-01/), page.getByRole('search').getByRole('button').click()]);
		expect(await page.locator('main').innerText()).toContain('Geen regels gevonden.');
		await visited(page, 'audit-3-nothing');
	});
});
