// What comes of signals. Jonas, community worker of the Antwerp institute that works in Brecht, had the talk about
// litter around Kapelakker: he closes the collective issue with what was agreed (on a browser without JavaScript),
// finds it among the closed ones, downloads it, and
// reopens it when the agreement is not kept. Lien of the OCMW sees in the menu how many referrals wait for her answer.
// A tenant on a cheap phone without JavaScript opens her municipality's page and reads how many reports came in and
// were solved — counts only, no one's words. Every page is checked with axe-core and photographed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/core/access/actor';
import { publicSignalFigures, referSignal, registerSignal } from '../../src/core/signals';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';
// The actor a session gives a demo user, reach included.
import { staffActor } from '../../src/core/demo/signals';

const OUTCOME = 'De gemeente zet twee extra vuilbakken bij het speelplein. De Voorkempen ruimt elke maandag op. Opvolging in het buurtcomité.';

describe.runIf(browserAvailable())("closing a collective issue, waiting referrals in the menu, and an area's figures for residents", () => {
	let server: TestServer;
	let browser: Browser;
	let jonas: BrowserContext;
	let page: Page;
	let issueUrl = '';
	let issueTitle = '';
	let issueId = '';

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		jonas = await openContext(browser, { ...DESKTOP, javaScriptEnabled: false, locale: 'nl-BE' });
		page = await jonas.newPage();
		const issue = await server.db.selectFrom('collective_issues').select(['id', 'title', 'status']).where('status', '=', 'open').executeTakeFirstOrThrow();
		issueId = issue.id;
		issueUrl = `${server.url}/staff/collective/${issue.id}`;
		issueTitle = issue.title;
	}, 180_000);
	afterAll(async () => {
		await jonas?.close();
		await browser?.close();
		await server?.stop();
	});

	it('Jonas opens the open collective issue from the list', async () => {
		await signIn(page, server.url, DEMO.otherInstitute);
		await page.goto(`${server.url}/staff/collective`);
		const open = page.locator('section', { has: page.getByRole('heading', { name: /^Open dossiers/ }) });
		expect(await open.innerText()).toContain(issueTitle);
		// The demo's earlier talk (damp on Wallaysplein, closed) is Wevelgem's: not in the list of an institute working in Brecht.
		expect(await page.getByRole('heading', { name: 'Afgesloten dossiers (0)' }).count()).toBe(1);
		await Promise.all([page.waitForURL(issueUrl), open.getByRole('link', { name: issueTitle }).click()]);
		expect(await page.getByRole('button', { name: /Haal uit dossier/ }).count()).toBeGreaterThan(0);
		await visited(page, 'outcome-1-issue-open');
	});

	it('a too short outcome is refused with a message next to the field, and what he typed stays', async () => {
		await page.getByLabel('Wat is er afgesproken of beslist?').fill('ok');
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Sluit het dossier af' }).click()]);
		expect(await page.locator('#outcome-error').innerText()).toMatch(/te kort/);
		expect(await page.getByLabel('Wat is er afgesproken of beslist?').getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByLabel('Wat is er afgesproken of beslist?').inputValue()).toBe('ok');
		expect(await server.db.selectFrom('collective_issues').select('status').where('id', '=', issueId).executeTakeFirstOrThrow()).toEqual({ status: 'open' });
		await visited(page, 'outcome-2-too-short');
	});

	it('he closes it with what was agreed: the page shows the outcome, and signals can no longer go in or out', async () => {
		await page.getByLabel('Wat is er afgesproken of beslist?').fill(OUTCOME);
		await Promise.all([page.waitForURL(`${issueUrl}?afgesloten`), page.getByRole('button', { name: 'Sluit het dossier af' }).click()]);
		expect(await page.getByRole('status').innerText()).toBe('Het dossier is afgesloten.');
		expect(await page.locator('h1').innerText()).toContain('Afgesloten');
		const outcome = page.locator('section', { has: page.getByRole('heading', { name: 'Wat is afgesproken' }) });
		expect(await outcome.innerText()).toContain(OUTCOME);
		expect(await outcome.innerText()).toMatch(/Afgesloten door .+ op /);
		expect(await page.getByRole('button', { name: /Haal uit dossier/ }).count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Sluit het dossier af' }).count()).toBe(0);
		await visited(page, 'outcome-3-closed');
		const audit = await server.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'collective_close')
			.where('resource_id', '=', issueId)
			.execute();
		expect(audit).toHaveLength(1);
	});

	it('the list shows it among the closed issues with its outcome, and the CSV says closed and what was agreed', async () => {
		await page.goto(`${server.url}/staff/collective`);
		const closed = page.locator('section', { has: page.getByRole('heading', { name: 'Afgesloten dossiers (1)' }) });
		expect(await closed.innerText()).toContain(issueTitle);
		expect(await closed.innerText()).toContain(OUTCOME);
		expect(await page.locator('section', { has: page.getByRole('heading', { name: /^Open dossiers/ }) }).innerText()).not.toContain(issueTitle);
		await visited(page, 'outcome-4-list');
		const csv = await (await jonas.request.get(`${issueUrl}/csv`)).text();
		const rows = csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(rows[0].endsWith(';issue_status;issue_outcome')).toBe(true);
		expect(rows.length).toBeGreaterThan(1);
		for (const row of rows.slice(1)) expect(row.endsWith(`;closed;${OUTCOME}`)).toBe(true);
	});

	it('when the agreement is not kept he reopens it; what was agreed stays to start the next talk from', async () => {
		await page.goto(issueUrl);
		await Promise.all([page.waitForURL(`${issueUrl}?heropend`), page.getByRole('button', { name: 'Open het dossier opnieuw' }).click()]);
		expect(await page.getByRole('status').innerText()).toBe('Het dossier is weer open.');
		expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Wat eerder afgesproken was' }) }).innerText()).toContain(OUTCOME);
		expect(await page.getByLabel('Wat is er afgesproken of beslist?').inputValue()).toBe(OUTCOME);
		expect(await page.getByRole('button', { name: /Haal uit dossier/ }).count()).toBeGreaterThan(0);
		await visited(page, 'outcome-5-reopened');
		expect(await server.db.selectFrom('collective_issues').select(['status', 'closed_at']).executeTakeFirstOrThrow()).toEqual({
			status: 'open',
			closed_at: null
		});
	});

	it('Lien of the OCMW sees in the menu how many referrals wait for her answer, and follows the link', async () => {
		// One more referral to the OCMW from neighbourhood work, so at least one waits.
		const worker = await staffActor(server.db, DEMO.communityWorker);
		const ocmw = await server.db.selectFrom('organisations').select('id').where('name', '=', 'OCMW Wevelgem').executeTakeFirstOrThrow();
		// Sara hears of noise on Wallaysplein (Wevelgem, where the OCMW works: a signal goes only to an organisation that
		// works where it is); neighbourhood work handles noise there.
		const wallaysplein = await server.db.selectFrom('estates').select('id').where('name', '=', 'Wallaysplein').executeTakeFirstOrThrow();
		const signal = await registerSignal(
			server.db,
			worker,
			{ kind: 'nuisance', description: 'Elke nacht lawaai in de traphal van blok B', estateId: wallaysplein.id, channel: 'street' },
			{ baseUrl: server.url }
		);
		expect(signal.organisationId).toBe(worker.organisationId);
		await referSignal(server.db, worker, signal.id, { toOrganisationId: ocmw.id, note: 'Kunnen jullie langsgaan bij dit gezin?' }, { baseUrl: server.url });
		const { n } = await server.db
			.selectFrom('referrals')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('to_organisation_id', '=', ocmw.id)
			.where('status', '=', 'pending')
			.executeTakeFirstOrThrow();
		const waiting = Number(n);
		expect(waiting).toBeGreaterThan(0);

		const lien = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		try {
			const p = await lien.newPage();
			await signIn(p, server.url, DEMO.welfareCentre);
			const link = p.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: `Doorverwijzingen (wachten op jullie antwoord: ${waiting})` });
			expect(await link.locator('.count').innerText()).toBe(String(waiting));
			await Promise.all([p.waitForURL('**/staff/referrals'), link.click()]);
			expect(await p.locator('h1').innerText()).toBe('Doorverwijzingen');
			expect(
				await p
					.getByRole('navigation', { name: 'Menu' })
					.getByRole('link', { name: /^Doorverwijzingen/ })
					.getAttribute('aria-current')
			).toBe('page');
			await visited(p, 'outcome-6-referrals-menu');
		} finally {
			await lien.close();
		}
	});

	it('a tenant on a phone without JavaScript reads what happened with the reports in her municipality', async () => {
		const area = await server.db
			.selectFrom('areas')
			.select(['id', 'slug', 'name'])
			.where('name', '=', 'Wevelgem')
			.where('kind', '=', 'municipality')
			.executeTakeFirstOrThrow();
		const expected = await publicSignalFigures(server.db, anonymous, area.id);
		expect(expected.reported).toBeGreaterThan(0);
		const phone = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		try {
			const p = await phone.newPage();
			await p.goto(`${server.url}/buurten/${area.slug}`);
			const section = p.locator('section', { has: p.getByRole('heading', { name: 'Wat gebeurt er in de buurt?' }) });
			const figure = async (label: string) =>
				Number(
					await section
						.locator('dl div', { has: p.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
						.locator('dd')
						.innerText()
				);
			expect([await figure('Gemeld'), await figure('Opgelost'), await figure('Nog bezig')]).toEqual([expected.reported, expected.solved, expected.open]);
			const rows = await section.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
			expect(rows).toEqual([
				['Herstellingen in woningen', ...counts(expected, 'home_repair')],
				['Gemeenschappelijke ruimtes', ...counts(expected, 'common_spaces')],
				['Samenleven en overlast', ...counts(expected, 'nuisance')],
				['Straat, pleinen en groen', ...counts(expected, 'public_space')]
			]);
			if (expected.medianWorkingDaysToSolve !== null) expect(await section.innerText()).toMatch(/De helft van de opgeloste meldingen was/);
			expect(await section.innerText()).toContain('Persoonlijke hulpvragen staan hier niet.');
			// Counts only: not one description of a signal in this municipality is on the page.
			const descriptions = await server.db
				.selectFrom('signals')
				.select('description')
				.where('area_id', 'in', [area.id, ...(await server.db.selectFrom('areas').select('id').where('parent_id', '=', area.id).execute()).map((a) => a.id)])
				.limit(200)
				.execute();
			expect(descriptions.length).toBeGreaterThan(0);
			const text = await p.locator('main').innerText();
			for (const d of descriptions) expect(text).not.toContain(d.description);
			expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await visited(p, 'outcome-7-area-phone');
			expect(await section.getByRole('link', { name: 'Volg je melding' }).getAttribute('href')).toBe('/volgen');
			await Promise.all([p.waitForURL(`**/melden/${area.slug}`), section.getByRole('link', { name: `Meld een probleem in ${area.name}` }).click()]);
			expect(await p.locator('h1').count()).toBe(1);
		} finally {
			await phone.close();
		}
	});
});

function counts(f: Awaited<ReturnType<typeof publicSignalFigures>>, kind: string): string[] {
	const k = f.kinds.find((x) => x.kind === kind)!;
	return [String(k.reported), String(k.solved), String(k.open)];
}
