// Each demo login starts the day on its own start page. Sara (community worker), Koen (coordinator), Pieter (De
// Vlashaard), Lien (OCMW) and Jonas (the Antwerp institute, in Brecht) see what waits for them as numbers, tap one and
// get a list with exactly that many signals. Ann, the admin, who reads no signals, finds her tasks. Pieter does it
// once more on a 360 px phone without JavaScript, in French and in English. Every page is checked with axe.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

type Line = { href: string; count: number; label: string };

/** The lines of "what waits for you", as the page shows them. */
async function dayLines(page: Page): Promise<Line[]> {
	return page.locator('main ul.day a').evaluateAll((as) =>
		as.map((a) => ({
			href: a.getAttribute('href') ?? '',
			count: Number(a.querySelector('.n')?.textContent ?? 'NaN'),
			label: (a.querySelector('.what')?.textContent ?? '').trim()
		}))
	);
}

/** The total a list says it holds, in any of the three languages. */
async function listTotal(page: Page): Promise<number> {
	const text = await page.locator('main [role="status"]').first().innerText();
	const m = text.match(/\d+/);
	if (!m) throw new Error(`No total on ${page.url()}: ${text}`);
	return Number(m[0]);
}

/** Nothing wider than the screen (tables scroll inside their own box). */
async function fitsWidth(page: Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`every staff role starts the day on its own page [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		const contexts: BrowserContext[] = [];
		const shot = (step: string) => `start-page-${dialect}-${step}`;

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
		});
		afterAll(async () => {
			for (const c of contexts) await c.close();
			await browser?.close();
			await server?.stop();
		});

		const open = async (options = DESKTOP) => {
			const context = await openContext(browser, { ...options, locale: 'nl-BE' });
			contexts.push(context);
			return context.newPage();
		};

		for (const [who, email, step] of [
			['Sara, community worker', DEMO.communityWorker, 'sara'],
			['Koen, coordinator', DEMO.coordinator, 'koen'],
			['Pieter of De Vlashaard', DEMO.housingCompany, 'pieter'],
			['Lien of the OCMW', DEMO.welfareCentre, 'lien'],
			['Jonas of the Antwerp institute', DEMO.otherInstitute, 'jonas']
		] as const) {
			it(`${who} sees the counts of the day and follows one to a list of exactly that many`, async () => {
				const page = await open();
				await signIn(page, server.url, email);
				expect(new URL(page.url()).pathname).toBe('/staff');
				expect(await page.locator('h1').innerText()).toBe('Jouw dag');
				const lines = await dayLines(page);
				expect(lines.map((l) => l.label)).toEqual(
					expect.arrayContaining(['Op mijn naam', 'Over tijd', 'Nieuw en nog bij niemand', 'Doorverwijzingen die op ons antwoord wachten'])
				);
				for (const l of lines) expect(Number.isInteger(l.count), l.label).toBe(true);
				await visited(page, shot(`${step}-1-start`));
				// The busiest list of signals, as a person would pick it.
				const busiest = lines.filter((l) => l.href.startsWith('/staff/signals')).sort((a, b) => b.count - a.count)[0];
				await Promise.all([
					page.waitForURL((url) => url.pathname + url.search === busiest.href),
					page.locator(`main ul.day a[href="${busiest.href}"]`).click()
				]);
				expect(await listTotal(page)).toBe(busiest.count);
				expect(await page.locator('table.inbox tbody tr').count()).toBe(Math.min(busiest.count, 50));
				await visited(page, shot(`${step}-2-list`));
				// Back to the start page through the menu.
				await Promise.all([
					page.waitForURL((url) => url.pathname === '/staff'),
					page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Start' }).click()
				]);
			});
		}

		it('Jonas, in Brecht, counts none of the Wevelgem signals his list would not show', async () => {
			const page = await open();
			await signIn(page, server.url, DEMO.otherInstitute);
			const overdue = (await dayLines(page)).find((l) => l.label === 'Over tijd')!;
			await page.goto(`${server.url}${overdue.href}&status=open`);
			const places = await page.locator('table.inbox tbody td[data-label="Plaats"]').allInnerTexts();
			// What the start page counts is what the list shows, and none of it lies in Wevelgem.
			expect(places).toHaveLength(overdue.count);
			expect(places.filter((place) => /Wevelgem|Wallaysplein/.test(place))).toEqual([]);
		});

		it('Ann, the admin, reads no signals: she finds her tasks and follows one', async () => {
			const page = await open();
			await signIn(page, server.url, DEMO.admin);
			expect(await page.locator('h1').innerText()).toBe('Jouw dag');
			expect(await dayLines(page)).toEqual([]);
			expect(await page.locator('main').innerText()).toContain('Jij richt Leefbaar in');
			await visited(page, shot('ann-1-start'));
			await Promise.all([page.waitForURL('**/staff/settings/signals'), page.getByRole('link', { name: 'Soorten meldingen en wie ze krijgt' }).click()]);
			await visited(page, shot('ann-2-settings'));
		});

		it('Pieter on a 360 px phone without JavaScript, in French and English: the page fits and its links work', async () => {
			const page = await open({ ...PHONE, javaScriptEnabled: false });
			await signIn(page, server.url, DEMO.housingCompany);
			expect(await fitsWidth(page)).toBe(true);
			await visited(page, shot('pieter-phone-nl'));
			for (const [lang, title, label] of [
				['fr', 'Votre journée', 'En retard'],
				['en', 'Your day', 'Overdue']
			] as const) {
				await page.locator('details.prefs summary').click();
				await page.locator('#pref-lang').selectOption(lang);
				await Promise.all([page.waitForURL((url) => url.pathname === '/staff'), page.locator('form[action="/settings?/language"] button').click()]);
				expect(await page.locator('h1').innerText()).toBe(title);
				const overdue = (await dayLines(page)).find((l) => l.label === label)!;
				expect(overdue).toBeDefined();
				expect(await fitsWidth(page)).toBe(true);
				await visited(page, shot(`pieter-phone-${lang}`));
				await Promise.all([
					page.waitForURL((url) => url.pathname + url.search === overdue.href),
					page.locator(`main ul.day a[href="${overdue.href}"]`).click()
				]);
				expect(await listTotal(page)).toBe(overdue.count);
				expect(await fitsWidth(page)).toBe(true);
				await visited(page, shot(`pieter-phone-${lang}-list`));
				await page.goto(`${server.url}/staff`);
			}
		});
	});
}
