// Yasmina answers back. On her cheap phone (360 px, JavaScript off) she reports that the lift of block B stands still
// and leaves her email address. Sara, the institute's worker, writes to her from the signal page; Yasmina opens her
// tracking link and answers on the page itself — the lift shows "E7" — with a photo of the display. Sara sees the
// answer on the timeline, marked as coming from the reporter, and it reached her colleagues' mailbox. Sara marks it
// resolved; the lift stops again the next morning, so Yasmina says "this is not solved" with what happened, and the
// signal is open again. Every page is checked with axe-core and photographed.
import sharp from 'sharp';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/core/access';
import { reportSignal } from '../../src/core/signals';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

const HERS = 'De lift van blok B staat stil. Mijn moeder kan de trap niet op.';
const TO_HER = 'Mevrouw, welke code staat er op het schermpje in de lift?';
const ANSWER = 'Er staat E7 op het scherm. Ik heb er een foto van gemaakt.';
const NOT_SOLVED = 'Vanochtend bleef de lift weer steken tussen de tweede en derde verdieping.';

describe.runIf(browserAvailable())('a resident answers back from her tracking page', () => {
	let server: TestServer;
	let browser: Browser;
	let phone: BrowserContext;
	let office: BrowserContext;
	let yasmina: Page;
	let sara: Page;
	let trackingUrl = '';
	let signalId = '';
	let photoPath = '';
	const narrow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		phone = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		office = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		yasmina = await phone.newPage();
		sara = await office.newPage();
		photoPath = join(mkdtempSync(join(tmpdir(), 'leefbaar-e2e-reply-')), 'scherm.jpg');
		writeFileSync(
			photoPath,
			await sharp({ create: { width: 640, height: 480, channels: 3, background: '#223344' } })
				.jpeg()
				.toBuffer()
		);
	}, 180_000);
	afterAll(async () => {
		await Promise.all([phone?.close(), office?.close()]);
		await browser?.close();
		await server?.stop();
	});

	it('Yasmina reports the lift on her phone and opens her tracking page, which has a form to answer', async () => {
		await yasmina.goto(`${server.url}/melden/wallaysplein`);
		await yasmina.getByLabel('Gemeenschappelijke ruimtes').check();
		await yasmina.getByLabel('Wat is er aan de hand?').fill(HERS);
		await yasmina.getByLabel('E-mailadres').fill('yasmina@example.be');
		await Promise.all([yasmina.waitForNavigation(), yasmina.getByRole('button', { name: 'Verder' }).click()]);
		// The demo may hold a similar report nearby: then she says it is something else.
		const other = yasmina.getByRole('button', { name: 'Nee, het is iets anders: verstuur mijn melding' });
		if (await other.count()) await Promise.all([yasmina.waitForNavigation(), other.click()]);
		expect(new URL(yasmina.url()).pathname).toMatch(/^\/volgen\/[\w-]+\/bedankt$/);
		const reference = await yasmina.locator('.code').innerText();
		signalId = (await server.db.selectFrom('signals').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
		await Promise.all([yasmina.waitForNavigation(), yasmina.getByRole('link', { name: 'Bekijk je melding' }).click()]);
		trackingUrl = yasmina.url();
		expect(await yasmina.getByRole('heading', { name: 'Iets zeggen over je melding' }).count()).toBe(1);
		expect(await yasmina.getByRole('heading', { name: 'Is het niet opgelost?' }).count()).toBe(0);
		expect(await narrow(yasmina)).toBeLessThanOrEqual(360);
		await visited(yasmina, 'resident-reply-1-tracking');
	});

	it('Sara writes to her from the signal page', async () => {
		await signIn(sara, server.url, DEMO.communityWorker);
		await sara.goto(`${server.url}/staff/signals/${signalId}`);
		// She gave an email address: no warning that the message would only show on the tracking page.
		expect(await sara.locator('#note-reach').count()).toBe(0);
		await sara.getByRole('radio', { name: /Bericht aan de melder/ }).check();
		await sara.locator('#note-body').fill(TO_HER);
		await Promise.all([sara.waitForURL(/klaar=message/), sara.getByRole('button', { name: 'Opslaan', exact: true }).click()]);
		await visited(sara, 'resident-reply-2-staff-message');
	});

	it('Yasmina reads the question on her page and answers it there, with a photo of the display', async () => {
		await yasmina.goto(trackingUrl);
		expect(await yasmina.locator('ol.news').innerText()).toContain(TO_HER);
		await yasmina.getByLabel('Je bericht').fill(ANSWER);
		await yasmina.getByLabel('Een foto (als je wil)').setInputFiles(photoPath);
		await Promise.all([yasmina.waitForNavigation(), yasmina.getByRole('button', { name: 'Stuur je bericht' }).click()]);
		expect(await yasmina.getByRole('status').innerText()).toBe('Je bericht is verstuurd. De mensen die je melding behandelen, lezen het.');
		const news = await yasmina.locator('ol.news').innerText();
		expect(news).toContain('Jij schreef');
		expect(news).toContain(ANSWER);
		expect(await narrow(yasmina)).toBeLessThanOrEqual(360);
		await visited(yasmina, 'resident-reply-3-answered');
	});

	it("Sara sees the answer on the timeline, marked as the reporter's, with the photo; who handles it got a mail", async () => {
		await sara.goto(`${server.url}/staff/signals/${signalId}`);
		const reply = sara.locator('ol.timeline li.reply');
		expect(await reply.count()).toBe(1);
		expect(await reply.innerText()).toContain('Van de melder');
		expect(await reply.innerText()).toContain('Reactie van de melder');
		expect(await reply.innerText()).toContain(ANSWER);
		expect(await reply.getByRole('img', { name: 'Foto bij de reactie' }).count()).toBe(1);
		const mails = (await server.db.selectFrom('outbox').select('payload').execute())
			.map((r) => r.payload as { to: string; subject: string; text: string })
			.filter((m) => m.text.includes(ANSWER));
		expect(mails.length).toBeGreaterThan(0);
		expect(mails[0].text).toContain(`${server.url}/staff/signals/${signalId}`);
		await visited(sara, 'resident-reply-4-staff-timeline');
	});

	it('Sara marks it resolved; the lift stops again, and Yasmina says "this is not solved": it is open again', async () => {
		await sara.getByRole('radio', { name: 'Opgelost' }).check();
		await sara.locator('#status-message').fill('De technieker heeft de lift hersteld.');
		await Promise.all([sara.waitForURL(/klaar=status/), sara.getByRole('button', { name: 'Status opslaan' }).click()]);

		await yasmina.goto(trackingUrl);
		expect(await yasmina.getByRole('heading', { name: 'Is het niet opgelost?' }).count()).toBe(1);
		await visited(yasmina, 'resident-reply-5-resolved');
		await yasmina.getByLabel('Wat is er niet opgelost?').fill(NOT_SOLVED);
		await Promise.all([yasmina.waitForNavigation(), yasmina.getByRole('button', { name: 'Dit is niet opgelost' }).click()]);
		expect(await yasmina.getByRole('status').innerText()).toContain('Je melding staat weer open.');
		expect(await yasmina.locator('ol.news').innerText()).toContain('Jij zei: dit is niet opgelost');
		expect(await yasmina.getByRole('heading', { name: 'Is het niet opgelost?' }).count()).toBe(0);
		expect(await narrow(yasmina)).toBeLessThanOrEqual(360);
		await visited(yasmina, 'resident-reply-6-reopened');

		await sara.goto(`${server.url}/staff/signals/${signalId}`);
		const timeline = await sara.locator('ol.timeline').innerText();
		expect(timeline).toContain('De melder zegt: niet opgelost');
		expect(timeline).toContain(NOT_SOLVED);
		expect(timeline).toMatch(/Status: Opgelost → Aanvaard ?\(heropend\)/);
		await visited(sara, 'resident-reply-7-staff-reopened');
	});

	it('for a reporter without an email address, Sara is told before she writes that a message only shows on the tracking page', async () => {
		const estate = await server.db.selectFrom('estates').select('id').where('name', '=', 'Wallaysplein').executeTakeFirstOrThrow();
		const noEmail = await reportSignal(
			server.db,
			anonymous,
			{ kind: 'common_spaces', description: 'Het licht in de kelder brandt dag en nacht', estateId: estate.id, phone: '0470 12 34 56' },
			{ baseUrl: server.url }
		);
		await sara.goto(`${server.url}/staff/signals/${noEmail.id}`);
		expect(await sara.locator('#note-reach').innerText()).toContain('Deze melder gaf geen e-mailadres.');
		expect(await sara.getByRole('radio', { name: /Bericht aan de melder/ }).getAttribute('aria-describedby')).toBe('note-reach');
		await visited(sara, 'resident-reply-8-staff-no-email');
	});
});
