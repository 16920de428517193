// Fatima lives on an estate in Wevelgem. On her cheap phone, with JavaScript off, she finds her neighbourhood's page
// through the list of neighbourhoods, reads it, switches to French for her mother and makes the text as large as it
// goes. Every page must be accessible.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, followLink, launchBrowser, openContext, PHONE, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';

describe.runIf(browserAvailable())('a resident on a phone without JavaScript', () => {
	let server: TestServer;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		context = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		page = await context.newPage();
	});
	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await server?.stop();
	});

	it('opens the home page and sees what she can do there, in Dutch', async () => {
		await page.goto(server.url + '/');
		expect(await page.locator('html').getAttribute('lang')).toBe('nl-BE');
		expect(await page.locator('h1').innerText()).toBe('Welkom bij Leefbaar');
		await visited(page, 'resident-phone-1-home');
	});

	it('picks her neighbourhood and reads its page', async () => {
		// The home page does not list every neighbourhood: the list is one link away.
		await followLink(page, /^\/buurten$/, 'the list of neighbourhoods');
		const area = await followLink(page, /^\/buurten\/[^/]+$/, 'a neighbourhood');
		expect(await page.locator('h1').innerText()).toContain(area.text);
		await visited(page, 'resident-phone-2-area');
	});

	it('switches the language to French and stays on the same page', async () => {
		const before = new URL(page.url()).pathname;
		// The language and text size settings sit behind one disclosure (<details>), which opens without JavaScript.
		await page.locator('details.prefs summary').click();
		await page.getByLabel('Taal').selectOption('fr');
		await Promise.all([page.waitForNavigation(), page.locator('form[action="/settings?/language"] button').click()]);
		expect(new URL(page.url()).pathname).toBe(before);
		expect(await page.locator('html').getAttribute('lang')).toBe('fr-BE');
		await visited(page, 'resident-phone-3-area-fr');
	});

	it('makes the text as large as it goes, and the page still fits the phone', async () => {
		await page.locator('details.prefs summary').click();
		await page.getByLabel('Taille du texte').selectOption('largest');
		await Promise.all([page.waitForNavigation(), page.locator('form[action="/settings?/textsize"] button').click()]);
		expect(await page.locator('html').getAttribute('class')).toContain('text-largest');
		const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
		expect(overflow, 'the page scrolls sideways on a 360 px phone').toBeLessThanOrEqual(0);
		await visited(page, 'resident-phone-4-area-fr-largest');
	});
});
