// Koen, the coordinator, prepares a talk with De Vlashaard about damp on Wallaysplein. He opens the figures of the
// estate for damp, sees how many signals came in, how fast they were answered and solved, bundles the overdue ones
// into a collective issue, and downloads its signals as CSV — without a single name or description in it.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../../src/core/signals/model';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

describe.runIf(browserAvailable())('a coordinator looks at the figures of Wallaysplein and bundles overdue damp signals', () => {
	let server: TestServer;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let overdueDamp: string[] = [];
	let issueUrl = '';

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		context = await openContext(browser, { ...DESKTOP, locale: 'nl-BE', acceptDownloads: true });
		page = await context.newPage();
		// What Koen should find: the demo's damp signals on Wallaysplein that are open past their deadline.
		const rows = await server.db
			.selectFrom('signals as s')
			.innerJoin('estates as e', 'e.id', 's.estate_id')
			.innerJoin('signal_categories as c', 'c.id', 's.category_id')
			.select('s.reference')
			.where('e.name', '=', 'Wallaysplein')
			.where('c.key', '=', 'leak_damp')
			.where('s.status', 'in', [...OPEN_STATUSES])
			.where('s.deadline_at', '<', new Date().toISOString())
			.execute();
		overdueDamp = rows.map((r) => r.reference).sort();
		expect(overdueDamp.length).toBeGreaterThan(0);
	}, 180_000);
	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await server?.stop();
	});

	it('opens the figures from the menu and chooses Wallaysplein and damp', async () => {
		await signIn(page, server.url, DEMO.coordinator);
		await Promise.all([page.waitForURL('**/staff/figures'), page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cijfers' }).click()]);
		expect(await page.locator('h1').innerText()).toBe('Cijfers over meldingen');
		await visited(page, 'figures-1-all');
		await page.getByRole('combobox', { name: 'Woonwijk' }).selectOption({ label: 'Wallaysplein' });
		await page.getByRole('combobox', { name: 'Soort melding' }).selectOption({ label: 'Lek, vocht of schimmel' });
		await Promise.all([page.waitForURL(/estateId=/), page.getByRole('button', { name: 'Toon cijfers' }).click()]);
		const cards = page.locator('main dl');
		const figure = async (label: string) =>
			(
				await cards
					.locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
					.locator('dd')
					.innerText()
			).split('\n')[0];
		const received = Number(await figure('Ontvangen'));
		expect(received).toBeGreaterThan(overdueDamp.length);
		expect(Number(await figure('Te laat'))).toBe(overdueDamp.length);
		// Rejected and "not our task" stand apart from solved.
		for (const label of ['Opgelost', 'Afgewezen', 'Niet voor ons']) expect(await figure(label)).toMatch(/^\d+$/);
		expect(await figure('Eerste antwoord na')).toMatch(/\d+ (uur|dagen)/);
		expect(await figure('Opgelost na')).toMatch(/\d+ (uur|dagen)/);
		expect(await figure('Op tijd opgelost')).toMatch(/\d+\s?%/);
		// Per kind of signal the times are in working days, as deadlines count them, with the hours or days below.
		const dampRow = page.getByRole('region', { name: 'Per soort melding' }).locator('tbody tr').first();
		expect(await dampRow.locator('td').last().innerText()).toMatch(/^(\d+ werkdagen|1 werkdag|minder dan 1 werkdag)\n\d+(,\d)? (uur|dagen)$/);
		// The chart and the tables per kind and per estate; nothing personal on the page.
		expect(await page.locator('main svg[role="img"]').count()).toBe(1);
		expect(await page.locator('main').innerText()).not.toMatch(/@example|\+32/);
		await visited(page, 'figures-2-wallaysplein-damp');
	});

	it('bundles the overdue damp signals into a collective issue', async () => {
		await Promise.all([
			page.waitForURL(/\/staff\/collective\/new\?/),
			page.getByRole('link', { name: 'Bundel deze meldingen in een collectief dossier' }).click()
		]);
		expect(await page.getByLabel('Welke meldingen van deze keuze').inputValue()).toBe('overdue');
		expect(await page.getByRole('status').innerText()).toBe(`${overdueDamp.length} meldingen passen bij deze keuze.`);
		await visited(page, 'figures-3-new-collective');
		await page.getByLabel('Titel van het dossier').fill('Vocht op het Wallaysplein: te laat');
		await page.getByLabel(/Waarover gaat het/).fill('Voor het overleg met De Vlashaard in juni.');
		await Promise.all([page.waitForURL(/\/staff\/collective\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Maak het dossier' }).click()]);
		issueUrl = page.url();
		expect(await page.locator('h1').innerText()).toBe('Vocht op het Wallaysplein: te laat');
		const references = (await page.locator('main table tbody th[scope="row"] a').allInnerTexts()).sort();
		expect(references).toEqual(overdueDamp);
		expect(await page.locator('main table tbody').innerText()).toContain('te laat');
		await visited(page, 'figures-4-collective');
	});

	it('downloads the signals of the issue as CSV, without personal data', async () => {
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download de meldingen (CSV)' }).click()]);
		const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe('reference;category;estate;status;created_at;deadline_at;resolved_at;on_time;overdue;issue_status;issue_outcome');
		expect(
			lines
				.slice(1)
				.map((l) => l.split(';')[0])
				.sort()
		).toEqual(overdueDamp);
		expect(lines.slice(1).every((l) => l.endsWith(';yes;open;'))).toBe(true);
		expect(csv).not.toMatch(/@|\+32/);
	});

	it('shows the issue in the list of collective issues, and the figures on a phone', async () => {
		await page.goto(`${server.url}/staff/collective`);
		expect(await page.locator('main').innerText()).toContain('Vocht op het Wallaysplein: te laat');
		await visited(page, 'figures-5-collective-list');
		const phone = await openContext(browser, { ...PHONE, locale: 'nl-BE' });
		try {
			const p = await phone.newPage();
			await signIn(p, server.url, DEMO.coordinator);
			await p.goto(`${server.url}/staff/figures`);
			// Nothing wider than the screen: the tables scroll inside their own box.
			expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await visited(p, 'figures-6-phone');
			await p.goto(issueUrl);
			expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await visited(p, 'figures-7-collective-phone');
		} finally {
			await phone.close();
		}
	});
});
