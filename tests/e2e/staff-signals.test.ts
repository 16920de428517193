// Pieter handles signals for housing company De Vlashaard. He signs in, filters his inbox to what is overdue, opens
// the broken lift a tenant of Wallaysplein reported ten days ago, confirms the category the computer suggested,
// accepts it, writes the tenant a message and resolves it; the tenant gets each step by mail. Then Sara, a community
// worker, registers a help request for a resident at a house visit, with the resident's consent read out on the spot,
// and it goes to the OCMW. Every page is checked with axe and photographed at phone and desktop width.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, system } from '../../src/core/access';
import { testDialects } from '../../src/core/db/testing';
import { createResident } from '../../src/core/people/residents';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../../src/core/signals/routing/categories';
import { train } from '../../src/core/classifier';
import { storeModel } from '../../src/core/signals/routing/classifier-store';
import { reportSignal } from '../../src/core/signals/intake/intake';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, screenshot, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';
import { staffActor } from '../../src/core/demo/signals';

const LIFT = [
	'De lift staat stil',
	'Lift blijft hangen tussen twee verdiepingen',
	'De lift in blok A werkt niet',
	'Liftdeur gaat niet meer open',
	'Lift kapot, mijn moeder kan niet naar boven',
	'De lift maakt een raar geluid en stopt',
	'Lift defect sinds gisteren',
	'Knop van de lift werkt niet',
	'Weer geen lift in ons gebouw',
	'De lift is al een week stuk',
	'Lift stopt niet op de derde verdieping',
	'Alarmknop in de lift doet niets'
];
const HEATING = [
	'De verwarming blijft koud',
	'Radiator in de living wordt niet warm',
	'Geen warm water en geen verwarming',
	'Ketel valt steeds uit',
	'Verwarming maakt lawaai in de buizen',
	'Thermostaat werkt niet meer',
	'Radiator lekt water op de vloer',
	'Het is koud in huis, de verwarming doet het niet',
	'Chauffage koud sinds het weekend',
	'De centrale verwarming staat af',
	'Radiatoren in de slaapkamer blijven koud',
	'Verwarmingsketel geeft een foutcode'
];

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`staff handle signals from inbox to solved [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		let desktop: BrowserContext;
		let phone: BrowserContext;
		let page: Page;
		let lift: { id: string; reference: string };
		let residentName: string;
		const shot = (step: string) => `staff-signals-${dialect}-${step}`;

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
			const db = server.db;
			const setup = system('e2e');
			await ensureGeneralCategories(db);
			const vlashaard = await db.selectFrom('organisations').select('id').where('name', '=', 'De Vlashaard').executeTakeFirstOrThrow();
			const ocmw = await db.selectFrom('organisations').select('id').where('name', '=', 'OCMW Wevelgem').executeTakeFirstOrThrow();
			const estate = await db.selectFrom('estates').select('id').where('name', '=', 'Wallaysplein').executeTakeFirstOrThrow();
			const liftCategory = await createCategory(db, setup, {
				key: 'e2e_lift',
				kind: 'common_spaces',
				name: 'Lift stuk (test)',
				nameFr: 'Ascenseur en panne',
				nameEn: 'Lift broken',
				isActive: true
			});
			const heating = await createCategory(db, setup, { key: 'e2e_heating', kind: 'home_repair', name: 'Verwarming (test)', isActive: true });
			const money = await createCategory(db, setup, { key: 'e2e_money', kind: 'help', name: 'Geld en rekeningen (test)', isActive: true });
			await setRoutingRule(db, setup, { categoryId: liftCategory.id, organisationId: vlashaard.id, deadlineDays: 2, priority: 'high' });
			await setRoutingRule(db, setup, { categoryId: heating.id, organisationId: vlashaard.id, deadlineDays: 3 });
			await setRoutingRule(db, setup, { categoryId: money.id, organisationId: ocmw.id, deadlineDays: 5 });
			// The classifier learned from signals people categorised; here from these examples.
			const examples = [...LIFT.map((text) => ({ text, category: 'e2e_lift' })), ...HEATING.map((text) => ({ text, category: 'e2e_heating' }))];
			await storeModel(db, train(examples), examples.length);
			const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
			const made = await reportSignal(
				db,
				anonymous,
				{
					kind: 'common_spaces',
					description: 'De lift in ons blok staat al dagen stil, ik kan niet naar boven',
					estateId: estate.id,
					email: 'huurder.lift@example.be',
					language: 'nl'
				},
				{ baseUrl: server.url, now: tenDaysAgo }
			);
			lift = made;
			const row = await db
				.selectFrom('signals')
				.select(['suggested_category_id', 'organisation_id', 'deadline_at'])
				.where('id', '=', made.id)
				.executeTakeFirstOrThrow();
			expect(row, 'the story needs a suggested category, routed to De Vlashaard, overdue').toMatchObject({
				suggested_category_id: liftCategory.id,
				organisation_id: vlashaard.id
			});
			expect(row.deadline_at! < new Date().toISOString()).toBe(true);
			// Sara registered Nadia earlier (she has no dwelling in the demo): her institute reaches her.
			const resident = await createResident(db, await staffActor(db, DEMO.communityWorker), {
				firstName: 'Nadia',
				lastName: 'Vandewalle-Test',
				language: 'nl',
				contactChannel: 'visit'
			});
			residentName = `${resident.last_name}, ${resident.first_name}`;
			desktop = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
			phone = await openContext(browser, { ...PHONE, locale: 'nl-BE' });
			page = await desktop.newPage();
		});
		afterAll(async () => {
			await desktop?.close();
			await phone?.close();
			await browser?.close();
			await server?.stop();
		});

		it('Pieter opens his inbox from the menu and filters it to what is overdue', async () => {
			await signIn(page, server.url, DEMO.housingCompany);
			await Promise.all([page.waitForURL('**/staff/signals'), page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Meldingen' }).click()]);
			await visited(page, shot('1-inbox'));
			await page.getByLabel('Alleen over tijd').check();
			await Promise.all([page.waitForURL(/overdue=1/), page.getByRole('button', { name: 'Toon' }).click()]);
			const row = page.locator('tr', { has: page.getByRole('link', { name: lift.reference }) });
			await expect.poll(() => row.count()).toBe(1);
			// Overdue is said in words, not only with colour.
			expect(await row.innerText()).toContain('over tijd');
			expect(await row.innerText()).toContain('Lift stuk (test)');
			await visited(page, shot('2-inbox-overdue'));
		});

		it('opens the signal and confirms the category the computer suggested', async () => {
			await Promise.all([page.waitForURL(`**/staff/signals/${lift.id}`), page.getByRole('link', { name: lift.reference }).click()]);
			expect(await page.locator('h1').innerText()).toContain(lift.reference);
			expect(await page.locator('main').innerText()).toContain('De computer stelt voor: Lift stuk (test)');
			expect(await page.locator('main').innerText()).toContain('huurder.lift@example.be');
			await visited(page, shot('3-signal'));
			await Promise.all([page.waitForURL(/klaar=category/), page.getByRole('button', { name: 'Bevestig' }).click()]);
			expect(await page.getByRole('status').first().innerText()).toContain('De soort is opgeslagen');
			expect(await page.getByRole('button', { name: 'Bevestig' }).count()).toBe(0);
		});

		it('accepts it, writes the tenant a message and resolves it', async () => {
			await page.getByRole('radio', { name: 'Aanvaard' }).check();
			await Promise.all([page.waitForURL(/klaar=status/), page.getByRole('button', { name: 'Status opslaan' }).click()]);
			await page.getByRole('radio', { name: /Bericht aan de melder/ }).check();
			await page.getByRole('textbox', { name: 'Tekst', exact: true }).fill('De technieker komt donderdag tussen 9 en 12 uur.');
			await Promise.all([page.waitForURL(/klaar=message/), page.getByRole('button', { name: 'Opslaan', exact: true }).click()]);
			const message = page.locator('li.event.message');
			expect(await message.innerText()).toContain('Aan de melder');
			expect(await message.innerText()).toContain('De technieker komt donderdag');
			await visited(page, shot('4-signal-message'));
			await page.getByRole('radio', { name: 'Opgelost' }).check();
			await Promise.all([page.waitForURL(/klaar=status/), page.getByRole('button', { name: 'Status opslaan' }).click()]);
			expect(await page.locator('dl.facts').innerText()).toContain('Opgelost');
			// The timeline says each step in words: from which status to which, and that the category was confirmed.
			const timeline = await page.locator('ol.timeline').innerText();
			for (const step of ['Soort: Lift stuk (test) → Lift stuk (test)', 'Status: Nieuw → Aanvaard', 'Status: Aanvaard → Opgelost', 'Automatisch doorgestuurd'])
				expect(timeline).toContain(step);
			// From "solved" the only ways are closing it or reopening it.
			expect(await page.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r.parentElement?.textContent ?? '').trim()))).toEqual([
				'Gesloten',
				'Heropenen (terug naar Aanvaard)',
				'Interne notitie: alleen medewerkers',
				'Bericht aan de melder: de melder krijgt het per mail'
			]);
			await visited(page, shot('5-signal-resolved'));

			const subjects = (await server.db.selectFrom('outbox').select('payload').execute())
				.map((r) => r.payload as { to: string; subject: string })
				.filter((m) => m.to === 'huurder.lift@example.be')
				.map((m) => m.subject);
			expect(subjects).toEqual(
				expect.arrayContaining([
					`Je melding ${lift.reference} wordt opgevolgd`,
					`Nieuw bericht over je melding ${lift.reference}`,
					`Je melding ${lift.reference} is opgelost`,
					`Is je probleem opgelost? (${lift.reference})`
				])
			);
		});

		it('the inbox and the signal page work on a 360 px phone', async () => {
			const small = await phone.newPage();
			await signIn(small, server.url, DEMO.housingCompany);
			await small.goto(`${server.url}/staff/signals?status=all`);
			expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await visited(small, shot('6-phone-inbox'));
			await small.goto(`${server.url}/staff/signals/${lift.id}`);
			expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await visited(small, shot('7-phone-signal'));
			await small.close();
		});

		it('Sara registers a help request at a house visit, with consent read out, and it goes to the OCMW', async () => {
			await phone.clearCookies();
			const small = await phone.newPage();
			await signIn(small, server.url, DEMO.communityWorker);
			await small.goto(`${server.url}/staff/signals/new`);
			await visited(small, shot('8-phone-new'));
			await small.getByLabel('Naam van de bewoner').fill('Vandewalle-Test');
			await Promise.all([small.waitForURL(/bewoner=/), small.getByRole('button', { name: 'Zoek bewoner' }).click()]);
			expect(await small.getByLabel('Bewoner', { exact: false }).locator('option:checked').innerText()).toContain(residentName);
			await small.getByRole('radio', { name: 'Huisbezoek' }).check();
			await small.getByRole('radio', { name: 'Hulpvraag' }).check();
			await small.getByLabel('Soort (mag leeg)').selectOption({ label: 'Geld en rekeningen (test) (Hulpvraag)' });
			await small.getByLabel('Wat is er aan de hand?').fill('Kan de rekening van de energie niet betalen en durft de brieven niet open te doen.');
			// The sentence the resident agrees to is on the page before saving.
			expect(await small.locator('.consent-text').innerText()).toContain('Ik mag deze hulpvraag doorgeven aan OCMW Wevelgem');
			await small.getByLabel('De bewoner zegt ja').check();
			await visited(small, shot('9-phone-new-filled'));
			await Promise.all([small.waitForURL(/\/staff\/signals\/[^/]+\?klaar=created/), small.getByRole('button', { name: 'Registreren' }).click()]);
			expect(await small.locator('main').innerText()).toContain('OCMW Wevelgem');
			expect(await small.locator('main').innerText()).toContain('Huisbezoek');
			await visited(small, shot('10-phone-registered'));
			const id = new URL(small.url()).pathname.split('/').pop()!;
			const stored = await server.db
				.selectFrom('signals')
				.select(['is_help_request', 'consent_id', 'channel', 'resident_id'])
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			expect(stored).toMatchObject({ is_help_request: true, channel: 'house_visit' });
			expect(stored.consent_id).not.toBeNull();
			await small.close();
		});

		it('a coordinator sees the category and routing settings', async () => {
			const p = await desktop.newPage();
			await desktop.clearCookies();
			await signIn(p, server.url, DEMO.coordinator);
			await p.goto(`${server.url}/staff/settings/signals`);
			expect(await p.locator('main').innerText()).toContain('Lift stuk (test)');
			await visited(p, shot('11-settings'));
			const small = await phone.newPage();
			await phone.clearCookies();
			await signIn(small, server.url, DEMO.coordinator);
			await small.goto(`${server.url}/staff/settings/signals`);
			await screenshot(small, shot('12-phone-settings'));
			await p.close();
			await small.close();
		});
	});
}
