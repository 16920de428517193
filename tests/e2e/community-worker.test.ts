// Sara is a community worker (opbouwwerker) in Wevelgem. She signs in, opens her neighbourhood, an estate on it, and
// looks up a resident. Runs on SQLite, and on PostgreSQL too: the same pages on the server database.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { browserAvailable, DESKTOP, followLink, launchBrowser, openContext, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`a community worker finds her way from area to resident [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		let context: BrowserContext;
		let page: Page;
		const shot = (step: string) => `community-worker-${dialect}-${step}`;

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
			context = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
			page = await context.newPage();
		});
		afterAll(async () => {
			await context?.close();
			await browser?.close();
			await server?.stop();
		});

		it('signs in and lands on her start page, for her day', async () => {
			await signIn(page, server.url, DEMO.communityWorker);
			expect(new URL(page.url()).pathname).toBe('/staff');
			expect(await page.locator('h1').innerText()).toBe('Jouw dag');
			expect(await page.locator('footer').innerText()).toContain('Sara El Amrani');
			await visited(page, shot('1-home'));
		});

		it('opens a neighbourhood from the list of neighbourhoods', async () => {
			await Promise.all([page.waitForURL('**/staff/areas'), page.getByRole('link', { name: 'Alle buurten' }).click()]);
			await visited(page, shot('1-areas'));
			const area = await followLink(page, /^\/staff\/areas\/(?!new$)[^/]+$/, 'a neighbourhood');
			expect(await page.locator('h1').innerText()).toContain(area.text);
			await visited(page, shot('2-area'));
		});

		it('opens an estate in it', async () => {
			const estate = await followLink(page, /^\/staff\/areas\/[^/]+\/estates\/(?!new$)[^/]+$/, 'an estate');
			expect(await page.locator('h1').innerText()).toContain(estate.text);
			await visited(page, shot('3-estate'));
		});

		it('opens the residents list from the menu', async () => {
			await Promise.all([
				page.waitForURL('**/staff/residents'),
				page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Bewoners' }).click()
			]);
			await visited(page, shot('4-residents'));
		});

		it('opens a resident', async () => {
			const resident = await followLink(page, /^\/staff\/residents\/(?!new$)[^/]+$/, 'a resident');
			// The list shows "Last, First"; the page's heading shows the name as people say it.
			const heading = await page.locator('h1').innerText();
			for (const part of resident.text.split(',').map((p) => p.trim())) expect(heading).toContain(part);
			await visited(page, shot('5-resident'));
		});
	});
}
