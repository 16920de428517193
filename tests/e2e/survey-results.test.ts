// Sara, community worker, prepares the partner meeting on the tenant satisfaction survey of Wallaysplein and Vlashof:
// she opens the results of wave 1, the comparison of wave 1 and 2, tags two remarks about the lift with a new theme in
// one go, downloads the CSV and the spreadsheet, and prints the report to PDF. Yusuf, a tenant, opens the published
// "what you told us" page on his phone without JavaScript and sees no group of fewer than 5. Every page is checked
// with axe-core and photographed; Chromium, on SQLite and PostgreSQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, SCREENSHOT_DIR, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`survey results from the worker's desk to the resident's phone [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		let desk: BrowserContext;
		let phone: BrowserContext;
		let sara: Page;
		let yusuf: Page;
		let survey: { id: string; slug: string };
		let wave1 = '';
		const shot = (step: string) => `survey-results-${dialect}-${step}`;

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
			survey = await server.db.selectFrom('surveys').select(['id', 'slug']).where('status', '=', 'open').executeTakeFirstOrThrow();
			wave1 = (await server.db.selectFrom('survey_waves').select('id').where('survey_id', '=', survey.id).where('number', '=', 1).executeTakeFirstOrThrow()).id;
			desk = await openContext(browser, { ...DESKTOP, locale: 'nl-BE', acceptDownloads: true });
			phone = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
			sara = await desk.newPage();
			yusuf = await phone.newPage();
			await signIn(sara, server.url, DEMO.communityWorker);
		}, 180_000);
		afterAll(async () => {
			await Promise.all([desk?.close(), phone?.close()]);
			await browser?.close();
			await server?.stop();
		});

		it('Sara opens the results of wave 1: response per estate and a chart per question', async () => {
			await sara.goto(`${server.url}/staff/surveys/${survey.id}/results?wave=${wave1}`);
			expect(await sara.locator('h1').innerText()).toMatch(/^Resultaten van de bevraging/);
			const overview = await sara.getByRole('region', { name: 'Wie antwoordde' }).innerText();
			expect(overview).toContain('Wallaysplein');
			expect(overview).toContain('Vlashof');
			expect(await sara.locator('svg[role="img"]').count()).toBeGreaterThan(5);
			// The per-estate breakdown opens without script (details/summary).
			await sara.getByText('Per woonwijk').first().click();
			await visited(sara, shot('01-results'));
		});

		it('she compares wave 1 and 2: the difference as an arrow and a number', async () => {
			await sara.getByRole('link', { name: 'Rondes vergelijken' }).click();
			await sara.waitForURL(/\/compare$/);
			const text = await sara.locator('main').innerText();
			expect(text).toContain('Ronde 1');
			expect(text).toContain('Ronde 2');
			expect(text).toMatch(/[▲▼] [+−]\d/);
			await visited(sara, shot('02-compare'));
		});

		it('she makes the theme "Lift" and gives it to two remarks at once', async () => {
			await sara.goto(`${server.url}/staff/surveys/${survey.id}/open-answers?question=opmerking&theme=none`);
			await sara.getByLabel('Naam van het thema').fill('Lift');
			await sara.getByRole('button', { name: 'Maak thema' }).click();
			await expect.poll(() => sara.getByRole('status').innerText()).toContain("Thema 'Lift' is gemaakt.");
			await sara.getByLabel('Kies antwoord 1', { exact: true }).check();
			await sara.getByLabel('Kies antwoord 2', { exact: true }).check();
			await sara.locator('#bulk-theme').selectOption({ label: 'Lift' });
			await sara.getByRole('button', { name: 'Geef dit thema' }).click();
			await expect.poll(() => sara.getByRole('status').innerText()).toContain('2 antwoorden kregen het thema.');
			await visited(sara, shot('03-open-answers'));
			const theme = await server.db
				.selectFrom('survey_themes')
				.select('id')
				.where('survey_id', '=', survey.id)
				.where('name', '=', 'Lift')
				.executeTakeFirstOrThrow();
			expect(await server.db.selectFrom('survey_open_answer_themes').select('open_answer_id').where('theme_id', '=', theme.id).execute()).toHaveLength(2);
		});

		it('she downloads the answer sets as CSV and the answers and figures as a spreadsheet', async () => {
			await sara.goto(`${server.url}/staff/surveys/${survey.id}/results?wave=${wave1}`);
			const [csvDownload] = await Promise.all([sara.waitForEvent('download'), sara.getByRole('link', { name: /Download de antwoorden \(CSV\)/ }).click()]);
			expect(csvDownload.suggestedFilename()).toBe(`${survey.slug}-wave-1.csv`);
			const csv = readFileSync((await csvDownload.path())!, 'utf8');
			expect(csv.startsWith('\uFEFFanswer_set;wave;version;estate;channel;language;submitted_on;')).toBe(true);
			expect(csv.trim().split('\r\n').length).toBeGreaterThan(200);
			const [xlsxDownload] = await Promise.all([sara.waitForEvent('download'), sara.getByRole('link', { name: /Excel/ }).click()]);
			expect(xlsxDownload.suggestedFilename()).toBe(`${survey.slug}-wave-1.xlsx`);
			const files = unzipSync(new Uint8Array(readFileSync((await xlsxDownload.path())!)));
			expect(strFromU8(files['xl/workbook.xml'])).toMatch(/name="Ingevulde lijsten".*name="Cijfers"/s);
			expect(strFromU8(files['xl/sharedStrings.xml'])).toContain('Wallaysplein');
		});

		it('she opens the report and prints it to PDF on A4', async () => {
			await sara.getByRole('link', { name: 'Verslag om te printen' }).click();
			await sara.waitForURL(/\/report/);
			await visited(sara, shot('04-report'));
			await sara.emulateMedia({ media: 'print' });
			const pdf = await sara.pdf({ path: join(SCREENSHOT_DIR, `${shot('05-report')}.pdf`), format: 'A4', printBackground: true });
			await sara.emulateMedia({ media: 'screen' });
			const text = pdf.toString('latin1');
			expect(text.startsWith('%PDF-')).toBe(true);
			const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
			expect(pages).toBeGreaterThan(1);
			// A4: 595 × 842 points.
			expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 595(\.\d+)? 841(\.\d+)?|\/MediaBox\s*\[\s*0 0 595(\.\d+)? 842/);
		});

		it('Yusuf reads "Wat je ons vertelde" on his phone: what was done, and no group of fewer than 5', async () => {
			await yusuf.goto(`${server.url}/enquete/${survey.slug}/resultaten`);
			expect(await yusuf.locator('h1').innerText()).toBe('Wat je ons vertelde');
			const main = await yusuf.locator('main').innerText();
			expect(main).toContain('Wat we ermee doen');
			// Counts in the charts' descriptions and the tables: none from 1 to 4.
			const descs = await yusuf.locator('svg desc').allTextContents();
			const cells = await yusuf.locator('main td').allInnerTexts();
			const counts = [...descs.join(';').matchAll(/: (\d+) \(/g), ...cells.join('\n').matchAll(/^(\d+)(?: \(|$)/gm)].map((m) => Number(m[1]));
			expect(counts.length).toBeGreaterThan(10);
			expect(counts.filter((n) => n > 0 && n < 5)).toEqual([]);
			expect(await yusuf.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await visited(yusuf, shot('06-public-phone'));
		});
	});
}
