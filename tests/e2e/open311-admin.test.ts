// Ann, the admin, connects a city's reporting app on her phone without JavaScript: she makes a key, copies it (shown
// once), the app posts a report with it, and when the city stops she revokes the key (after saying yes to the
// question) and the app is refused.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGeneralCategories } from '../../src/core/signals/routing/categories';
import { browserAvailable, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

describe.runIf(browserAvailable())('an admin issues and revokes an Open311 key', () => {
	let server: TestServer;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let key = '';

	const post = (apiKey: string) =>
		fetch(`${server.url}/open311/v2/requests.json`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: `api_key=${encodeURIComponent(apiKey)}&service_code=public_space_other&address_string=Wallaysplein+1&description=Kapotte+bank+op+het+plein`
		});

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		await ensureGeneralCategories(server.db);
		context = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		page = await context.newPage();
	});
	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await server?.stop();
	});

	it('finds the Open311 keys in the admin menu', async () => {
		await signIn(page, server.url, DEMO.admin);
		await page.goto(`${server.url}/admin`);
		await Promise.all([page.waitForURL('**/admin/open311'), page.getByRole('link', { name: 'Open311-sleutels' }).click()]);
		expect(await page.locator('h1').innerText()).toBe('Open311-koppelingen');
		expect(await page.locator('main').innerText()).toContain('/open311/v2');
		await visited(page, 'open311-1-keys');
	});

	it('makes a key for the city app and sees it once', async () => {
		await page.getByLabel('Naam van de app').fill('Stad Wevelgem app');
		await page.getByLabel(/E-mailadres van wie de app beheert/).fill('ict@wevelgem.example');
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Sleutel maken' }).click()]);
		key = await page.getByLabel('Sleutel (api_key)').inputValue();
		expect(key).toMatch(/^o311_[A-Za-z0-9_-]{40,}$/);
		expect(await page.locator('main').innerText()).toContain('maar één keer');
		await visited(page, 'open311-2-key-issued');
		expect((await post(key)).status).toBe(200);

		await page.goto(`${server.url}/admin/open311`);
		const text = await page.locator('main').innerText();
		expect(text).toContain('Stad Wevelgem app');
		expect(text).not.toContain(key);
	});

	it('revokes the key; the app is refused from then on', async () => {
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Sleutel van Stad Wevelgem app intrekken' }).click()]);
		// Without JavaScript she is asked first, on a page of its own; the key works until she says yes.
		expect(await page.locator('main').innerText()).toContain('De sleutel van Stad Wevelgem app werkt dan niet meer');
		expect((await post(key)).status).toBe(200);
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ja, intrekken' }).click()]);
		expect(await page.locator('main').innerText()).toContain('De sleutel van Stad Wevelgem app werkt niet meer.');
		await visited(page, 'open311-3-revoked');
		expect((await post(key)).status).toBe(403);
	});
});
