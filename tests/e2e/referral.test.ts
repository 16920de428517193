// Sara, a community worker in Wevelgem, refers Fatima's help request to the OCMW after Fatima agreed; Lien of the
// OCMW accepts it and Sara sees "aanvaard". A plumber without an account answers through a one-time link. A tenant
// opens the "is it solved?" link on her phone (nothing changes until she confirms), says "no", and her report is
// open again. Every page is checked with axe-core and photographed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/core/access/actor';
import type { Db } from '../../src/core/db/database';
import { changeStatus, registerSignal, reportSignal } from '../../src/core/signals';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';
// The actor a session gives a demo user, reach included.
import { staffActor } from '../../src/core/demo/signals';

const statusOf = async (db: Db, id: string) => (await db.selectFrom('signals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe.runIf(browserAvailable())('referrals, partner links and "is it solved?"', () => {
	let server: TestServer;
	let browser: Browser;
	let sara: BrowserContext;
	let lien: BrowserContext;
	let phone: BrowserContext;
	let page: Page;
	let helpId: string;
	let leakId: string;
	let partnerUrl: string;

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		sara = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		lien = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		phone = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		page = await sara.newPage();
		// Sara met Fatima on a house visit and registered her help request; Fatima has agreed to share nothing with the OCMW yet.
		const worker = await staffActor(server.db, DEMO.communityWorker);
		const resident = await server.db
			.selectFrom('residents as r')
			.select('r.id')
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('consents as c')
							.innerJoin('organisations as o', 'o.id', 'c.organisation_id')
							.select('c.id')
							.whereRef('c.resident_id', '=', 'r.id')
							.where('o.name', '=', 'OCMW Wevelgem')
					)
				)
			)
			.orderBy('r.id')
			.executeTakeFirstOrThrow();
		const help = await registerSignal(
			server.db,
			worker,
			{ kind: 'help', description: 'Kan de energiefactuur van deze winter niet betalen', residentId: resident.id, channel: 'house_visit' },
			{ baseUrl: server.url }
		);
		helpId = help.id;
		expect(help.organisationId).toBe(worker.organisationId);
	});
	afterAll(async () => {
		await Promise.all([sara?.close(), lien?.close(), phone?.close()]);
		await browser?.close();
		await server?.stop();
	});

	it("Sara opens the referral form: no consent yet, so she records Fatima's consent for the OCMW", async () => {
		await signIn(page, server.url, DEMO.communityWorker);
		await page.goto(`${server.url}/staff/signals/${helpId}/refer`);
		expect(await page.locator('h1').innerText()).toContain('doorverwijzen');
		await expect.poll(() => page.locator('.consent').innerText()).toContain('Er is nog geen toestemming');
		await visited(page, 'referral-1-refer-no-consent');
		// Referring without consent is refused with a clear message.
		await page.locator('#refer-org').selectOption({ label: 'OCMW Wevelgem — geen toestemming' });
		await page.locator('#refer-note').fill('Fatima kan haar energiefactuur niet betalen. Graag contact.');
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Doorverwijzen' }).click()]);
		expect(await page.locator('#refer-org-error').innerText()).toContain('toestemming');
		await visited(page, 'referral-2-refer-refused');

		await page.locator('#consent-org').selectOption({ label: 'OCMW Wevelgem' });
		await page.locator('#consent-purpose').fill('Hulp bij de energiefactuur');
		// Fatima gives her mobile number for this: that, and nothing else of her record, goes to the OCMW.
		await page.locator('#consent-phone').fill('0470 55 66 77');
		await Promise.all([page.waitForURL(/toestemming/), page.getByRole('button', { name: 'Toestemming noteren' }).click()]);
		expect(await page.locator('.consent').innerText()).toContain('Toestemming geldt voor: OCMW Wevelgem');
		await visited(page, 'referral-3-consent-recorded');
	});

	it('Sara refers the help request to the OCMW, which gets a mail', async () => {
		await page.locator('#refer-org').selectOption({ label: 'OCMW Wevelgem — toestemming' });
		await page.locator('#refer-note').fill('Fatima kan haar energiefactuur niet betalen. Graag contact.');
		await Promise.all([page.waitForURL(/\/staff\/referrals\?verwezen/), page.getByRole('button', { name: 'Doorverwijzen' }).click()]);
		expect(await page.locator('main').innerText()).toContain('Wacht op antwoord');
		await visited(page, 'referral-4-referred');
		const mails = (await server.db.selectFrom('outbox').select('payload').execute()).map((r) => r.payload as { to: string; subject: string });
		expect(mails.some((m) => m.to === DEMO.welfareCentre && m.subject.startsWith('Doorverwijzing'))).toBe(true);
	});

	it('Lien of the OCMW signs in and accepts the referral', async () => {
		const ocmw = await lien.newPage();
		await signIn(ocmw, server.url, DEMO.welfareCentre);
		await ocmw.goto(`${server.url}/staff/referrals`);
		const card = ocmw.locator('li.card', { hasText: 'Hulpvraag' }).first();
		expect(await card.innerText()).toContain('Graag contact');
		await visited(ocmw, 'referral-5-ocmw-incoming');
		await Promise.all([ocmw.waitForURL(/aanvaard/), card.getByRole('button', { name: 'Aanvaarden' }).click()]);
		expect(await ocmw.locator('[role=status]').innerText()).toContain('aanvaard');
		await visited(ocmw, 'referral-6-ocmw-accepted');
		const signal = await server.db
			.selectFrom('signals as s')
			.innerJoin('organisations as o', 'o.id', 's.organisation_id')
			.select('o.name')
			.where('s.id', '=', helpId)
			.executeTakeFirstOrThrow();
		expect(signal.name).toBe('OCMW Wevelgem');
	});

	it('Lien calls Fatima back on the number she gave for it, and sees nothing else of her record', async () => {
		const ocmw = await lien.newPage();
		await ocmw.goto(`${server.url}/staff/signals/${helpId}`);
		const contact = ocmw.locator('section.help-contact');
		expect(await contact.innerText()).toContain('0470 55 66 77');
		expect(await contact.innerText()).toContain('Sara');
		expect(await contact.getByRole('link', { name: '0470 55 66 77' }).getAttribute('href')).toBe('tel:0470556677');
		await visited(ocmw, 'referral-6b-ocmw-help-contact');
		// On Fatima's page: the number given for the help request, not her record's phone, email or contact preference.
		await ocmw.getByRole('link', { name: 'Bekijk de bewoner' }).click();
		await ocmw.waitForURL(/\/staff\/residents\//);
		const facts = await ocmw.locator('dl.facts').first().innerText();
		expect(facts).toContain('0470 55 66 77');
		expect(facts).toContain('Niet gedeeld met jouw organisatie');
		expect(facts).not.toContain('via telefoon');
		await visited(ocmw, 'referral-6c-ocmw-resident-page');
		// She calls and writes down what was agreed, for her colleagues.
		await ocmw.goto(`${server.url}/staff/signals/${helpId}`);
		await ocmw.locator('#note-body').fill('Fatima teruggebeld: afspraak op dinsdag voor een afbetalingsplan.');
		await Promise.all([ocmw.waitForLoadState(), ocmw.locator('section[aria-labelledby=h-note]').getByRole('button', { name: 'Opslaan' }).click()]);
		expect(await ocmw.locator('main').innerText()).toContain('Fatima teruggebeld');
		await visited(ocmw, 'referral-6d-ocmw-called-back');
	});

	it('Sara sees that the OCMW accepted', async () => {
		await page.goto(`${server.url}/staff/referrals`);
		const mine = page.locator('section[aria-labelledby=outgoing-title] li.card').first();
		expect(await mine.innerText()).toContain('Aanvaard');
		await visited(page, 'referral-7-worker-sees-accepted');
	});

	it('Sara sends a plumber a link to a leak; the plumber answers on his phone without an account', async () => {
		const leak = await reportSignal(
			server.db,
			anonymous,
			{
				kind: 'home_repair',
				description: 'Water lekt door het plafond van de badkamer',
				locationKind: 'address',
				locationText: 'Vlasstraat 12',
				name: 'Fatima Bouzid',
				email: 'fatima@example.be',
				phone: '0470 12 34 56'
			},
			{ baseUrl: server.url }
		);
		leakId = leak.id;
		const worker = await staffActor(server.db, DEMO.communityWorker);
		await server.db.updateTable('signals').set({ organisation_id: worker.organisationId }).where('id', '=', leakId).execute();
		await page.goto(`${server.url}/staff/signals/${leakId}/link`);
		await visited(page, 'referral-8-link-form');
		await page.locator('#link-label').fill('Loodgieter Vandenberghe');
		await page.locator('#link-message').fill('Kan je het lek deze week herstellen?');
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Link maken' }).click()]);
		partnerUrl = (await page.locator('.url a').getAttribute('href'))!;
		expect(partnerUrl).toMatch(/\/partner\/[A-Za-z0-9_-]+$/);
		await visited(page, 'referral-9-link-created');

		const plumber = await phone.newPage();
		await plumber.goto(partnerUrl);
		const text = await plumber.locator('main').innerText();
		expect(text).toContain('Water lekt door het plafond');
		expect(text).toContain('Kan je het lek deze week herstellen?');
		for (const secret of ['Fatima', 'fatima@example.be', '0470']) expect(text).not.toContain(secret);
		await visited(plumber, 'referral-10-partner-page');
		await plumber.locator('#answer-message').fill('Hersteld: de leiding is vervangen.');
		await plumber.locator('#answer-done').check();
		await Promise.all([plumber.waitForURL(/bedankt/), plumber.getByRole('button', { name: 'Versturen' }).click()]);
		expect(await plumber.locator('main').innerText()).toContain('het werk is klaar');
		expect(await plumber.locator('#answer-message').count()).toBe(0);
		await visited(plumber, 'referral-11-partner-thanks');
		const events = await server.db
			.selectFrom('signal_events')
			.select(['actor_label', 'body'])
			.where('signal_id', '=', leakId)
			.where('kind', '=', 'link')
			.execute();
		expect(events.map((e) => e.actor_label)).toContain('Loodgieter Vandenberghe');
	});

	it('the tenant opens "not solved" from her mail: nothing changes until she confirms, then her report is open again', async () => {
		const worker = await staffActor(server.db, DEMO.communityWorker);
		await changeStatus(server.db, worker, leakId, { status: 'resolved' }, { baseUrl: server.url });
		const mail = (await server.db.selectFrom('outbox').select('payload').execute())
			.map((r) => r.payload as { to: string; text: string })
			.find((m) => m.to === 'fatima@example.be' && m.text.includes('/opgelost/'));
		const link = mail!.text.match(/https?:\/\/\S+\/opgelost\/\S+\?antwoord=nee/)![0];
		const tenant = await phone.newPage();
		await tenant.goto(link);
		expect(await statusOf(server.db, leakId)).toBe('resolved');
		expect(await tenant.locator('#answer-no').isChecked()).toBe(true);
		await visited(tenant, 'referral-12-solved-question');
		await tenant.locator('#comment').fill('Het lekt nog altijd als het regent.');
		await Promise.all([tenant.waitForURL(/bedankt/), tenant.getByRole('button', { name: 'Antwoord versturen' }).click()]);
		expect(await tenant.locator('main').innerText()).toContain('niet opgelost');
		expect(await statusOf(server.db, leakId)).toBe('accepted');
		await visited(tenant, 'referral-13-solved-answered');
		// Opening the "yes" link afterwards shows her first answer and changes nothing.
		await tenant.goto(link.replace('antwoord=nee', 'antwoord=ja'));
		expect(await tenant.locator('main').innerText()).toContain('Je zei: het is niet opgelost');
		expect(await tenant.locator('main form').count()).toBe(0);
	});
});
