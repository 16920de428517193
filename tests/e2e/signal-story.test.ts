// The whole life of one signal, as the people in it live it. Amina rents a flat on the Wallaysplein estate in Wevelgem.
// On her cheap phone (360 px, JavaScript off) she reports that her bedroom wall is black with mould, leaves her email
// address and gets a code. The report goes to De Vlashaard's technical team; her receipt mail arrives with a link that
// shows her report. Pieter of De Vlashaard finds it in his inbox, accepts it (Amina gets a mail), puts it in progress,
// writes a note and refers it to OCMW Wevelgem, because Amina cannot pay to heat her flat. Lien of the OCMW accepts the
// referral, which makes the OCMW responsible for the signal; Pieter still sees the outcome on the signal page. Lien
// resolves it, Amina gets the mail with the one question "is it solved?", opens it on her phone (opening changes
// nothing), answers "yes", and the signal is closed with her answer on its timeline. Mails go through the server's
// real outbox sweep to an SMTP server in this test; every page is checked with axe-core and photographed. Runs on
// SQLite, and on PostgreSQL when it is there.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';
import { linksIn, startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';

const MAIL_FROM = 'meldingen@leefbaar.test';

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`one signal from a phone report to "yes, it is solved" [${dialect}]`, () => {
		let smtp: TestSmtp;
		let server: TestServer;
		let browser: Browser;
		let phone: BrowserContext;
		let pieterContext: BrowserContext;
		let lienContext: BrowserContext;
		let amina: Page;
		let pieter: Page;
		let lien: Page;
		let estate: { id: string; slug: string; name: string };
		const email = `amina.${dialect}@example.be`;
		const description = 'De muur van de slaapkamer is zwart van de schimmel en het ruikt muf.';
		let code = '';
		let signalId = '';
		let receipt: ReceivedMail;
		let solvedLink = '';
		let tracking = '';
		let firstLink = '';
		let receiptLink = '';
		const shot = (step: string) => `signal-story-${dialect}-${step}`;
		const narrow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
		const signal = () => server.db.selectFrom('signals').select(['status', 'organisation_id', 'team_id']).where('id', '=', signalId).executeTakeFirstOrThrow();
		const orgId = async (name: string) => (await server.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
		/** The one link in a mail that points to `path` on our server. */
		const linkTo = (mail: ReceivedMail, path: RegExp) => {
			const found = linksIn(mail).filter((l) => l.startsWith(`${server.url}/`) && path.test(new URL(l).pathname));
			expect(found, `links to ${path} in "${mail.subject}":\n${mail.text}`).toHaveLength(1);
			return found[0];
		};

		beforeAll(async () => {
			smtp = await startSmtp();
			// The background sweeps run, as in production: the outbox sweep sends what the pages enqueue.
			[server, browser] = await Promise.all([
				startServer({ dialect, env: { JOBS: 'true', SMTP_URL: smtp.url, MAIL_FROM: `Leefbaar <${MAIL_FROM}>` } }),
				launchBrowser()
			]);
			estate = await server.db.selectFrom('estates').select(['id', 'slug', 'name']).where('name', '=', 'Wallaysplein').executeTakeFirstOrThrow();
			phone = await openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
			pieterContext = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
			lienContext = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
			amina = await phone.newPage();
			pieter = await pieterContext.newPage();
			lien = await lienContext.newPage();
		}, 180_000);
		afterAll(async () => {
			await Promise.all([phone?.close(), pieterContext?.close(), lienContext?.close()]);
			await browser?.close();
			await server?.stop();
			await smtp?.stop();
		});

		it('Amina scans the poster link on her phone and reports the mould in her flat, in Dutch, with her email address', async () => {
			await amina.goto(`${server.url}/m/${estate.slug}`);
			expect(new URL(amina.url()).pathname).toBe(`/melden/${estate.slug}`);
			expect(await amina.locator('h1').innerText()).toBe('Iets melden');
			expect(await amina.locator('main').innerText()).toContain('Wallaysplein');
			expect(await narrow(amina)).toBeLessThanOrEqual(360);
			await visited(amina, shot('01-form'));

			await amina.getByLabel('Iets kapot in mijn woning').check();
			await amina.getByLabel('Wat is er aan de hand?').fill(description);
			expect(await amina.locator('#estateId option:checked').innerText()).toBe('Wallaysplein');
			expect(await amina.getByRole('radio', { name: 'In mijn woning', exact: true }).isChecked()).toBe(true);
			await amina.getByLabel('E-mailadres').fill(email);
			expect(await amina.locator('#language option:checked').innerText()).toBe('Nederlands');
			await Promise.all([amina.waitForNavigation(), amina.getByRole('button', { name: 'Verder' }).click()]);
			// Neighbours on Wallaysplein reported things too: she may be asked whether hers is the same. It is not.
			if ((await amina.locator('h1').innerText()) === 'Is dit hetzelfde probleem?') {
				expect(await amina.locator('main').innerText()).not.toContain(description);
				await visited(amina, shot('02-same-problem'));
				await Promise.all([amina.waitForNavigation(), amina.getByRole('button', { name: 'Nee, het is iets anders: verstuur mijn melding' }).click()]);
			}
			expect(new URL(amina.url()).pathname).toMatch(/^\/volgen\/[\w-]+\/bedankt$/);
			firstLink = amina.url().replace(/\/bedankt$/, '');
			expect(await amina.locator('h1').innerText()).toBe('Bedankt!');
			code = (await amina.locator('.code').innerText()).trim();
			expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			expect(await narrow(amina)).toBeLessThanOrEqual(360);
			await visited(amina, shot('03-thanks'));
		});

		it('the report is routed to the technical team of De Vlashaard', async () => {
			const row = await server.db
				.selectFrom('signals')
				.select(['id', 'status', 'organisation_id', 'team_id', 'estate_id', 'kind'])
				.where('reference', '=', code)
				.executeTakeFirstOrThrow();
			signalId = row.id;
			const team = await server.db
				.selectFrom('teams')
				.select('id')
				.where('name', '=', 'Technische dienst')
				.where('organisation_id', '=', await orgId('De Vlashaard'))
				.executeTakeFirstOrThrow();
			expect(row).toMatchObject({ status: 'new', kind: 'home_repair', estate_id: estate.id, organisation_id: await orgId('De Vlashaard'), team_id: team.id });
		});

		it('her receipt arrives by mail, and its link shows her report on the phone', async () => {
			receipt = await smtp.waitFor(email, `We kregen je melding ${code}`);
			expect(receipt.to).toEqual([email]);
			expect(receipt.from).toBe(MAIL_FROM);
			expect(receipt.text).toContain(`Je code is ${code}`);
			const tracking = linkTo(receipt, /^\/volgen\/[\w-]+$/);
			receiptLink = tracking;
			await amina.goto(tracking);
			expect(await amina.locator('h1').innerText()).toBe(`Je melding ${code}`);
			expect(await amina.locator('.now').innerText()).toContain('Nieuw');
			expect(await amina.locator('main').innerText()).toContain(description);
			expect(await narrow(amina)).toBeLessThanOrEqual(360);
			await visited(amina, shot('04-tracking-new'));
		});

		it('Pieter of De Vlashaard finds it in his inbox and opens it', async () => {
			await signIn(pieter, server.url, DEMO.housingCompany);
			await Promise.all([
				pieter.waitForURL('**/staff/signals'),
				pieter.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Meldingen' }).click()
			]);
			const row = pieter.locator('tr', { has: pieter.getByRole('link', { name: code }) });
			expect(await row.count()).toBe(1);
			expect(await row.innerText()).toContain('Wallaysplein');
			await visited(pieter, shot('05-inbox'));
			await Promise.all([pieter.waitForURL(`**/staff/signals/${signalId}`), pieter.getByRole('link', { name: code }).click()]);
			expect(await pieter.locator('h1').innerText()).toContain(code);
			const facts = await pieter.locator('dl.facts').innerText();
			expect(facts).toContain('Nieuw');
			expect(facts).toContain('De Vlashaard · Technische dienst');
			const main = await pieter.locator('main').innerText();
			expect(main).toContain(description);
			expect(main).toContain(email);
			await visited(pieter, shot('06-signal'));
		});

		it('he accepts it, and Amina gets the "accepted" mail', async () => {
			await pieter.getByRole('radio', { name: 'Aanvaard' }).check();
			await Promise.all([pieter.waitForURL(/klaar=status/), pieter.getByRole('button', { name: 'Status opslaan' }).click()]);
			expect(await pieter.locator('dl.facts').innerText()).toContain('Aanvaard');
			const mail = await smtp.waitFor(email, `Je melding ${code} wordt opgevolgd`);
			expect(mail.to).toEqual([email]);
			expect(mail.text).toContain(`Iemand neemt je melding ${code} nu op.`);
			linkTo(mail, /^\/volgen\/[\w-]+$/);
		});

		it('he puts it in progress and writes an internal note', async () => {
			await pieter.getByRole('radio', { name: 'In behandeling' }).check();
			await Promise.all([pieter.waitForURL(/klaar=status/), pieter.getByRole('button', { name: 'Status opslaan' }).click()]);
			expect(await pieter.locator('dl.facts').innerText()).toContain('In behandeling');
			await pieter.getByRole('radio', { name: /Interne notitie/ }).check();
			await pieter
				.getByRole('textbox', { name: 'Tekst', exact: true })
				.fill('Technieker ziet vocht door te weinig verwarmen: de huurder kan de energiefactuur niet betalen.');
			await Promise.all([pieter.waitForURL(/klaar=note/), pieter.getByRole('button', { name: 'Opslaan', exact: true }).click()]);
			const note = pieter.locator('li.event.note');
			expect(await note.innerText()).toContain('Interne notitie');
			expect(await note.innerText()).toContain('kan de energiefactuur niet betalen');
			const timeline = await pieter.locator('ol.timeline').innerText();
			for (const step of ['Status: Nieuw → Aanvaard', 'Status: Aanvaard → In behandeling', 'Automatisch doorgestuurd']) expect(timeline).toContain(step);
			await visited(pieter, shot('07-signal-in-progress'));
		});

		it('he refers it to OCMW Wevelgem with a note, and the OCMW gets a mail', async () => {
			await Promise.all([
				pieter.waitForURL(`**/staff/signals/${signalId}/refer`),
				pieter.getByRole('link', { name: 'Doorverwijzen naar een partner' }).click()
			]);
			expect(await pieter.locator('h1').innerText()).toContain(code);
			await visited(pieter, shot('08-refer'));
			await pieter.locator('#refer-org').selectOption({ label: 'OCMW Wevelgem' });
			await pieter.locator('#refer-note').fill('Schimmel door te weinig verwarmen: mevrouw kan de energiefactuur niet betalen. Kunnen jullie helpen?');
			await Promise.all([pieter.waitForURL(/\/staff\/referrals\?verwezen/), pieter.getByRole('button', { name: 'Doorverwijzen' }).click()]);
			const outgoing = pieter.locator('section[aria-labelledby=outgoing-title] li.card', { hasText: code });
			expect(await outgoing.innerText()).toContain('Wacht op antwoord');
			await visited(pieter, shot('09-referred'));
			const mail = await smtp.waitFor(DEMO.welfareCentre, `Doorverwijzing: melding ${code}`);
			expect(mail.text).toContain('De Vlashaard');
			expect(mail.text).toContain('mevrouw kan de energiefactuur niet betalen');
			expect(linkTo(mail, /^\/staff\/referrals$/)).toBe(`${server.url}/staff/referrals`);
		});

		it('Lien of OCMW Wevelgem accepts the referral, and Pieter hears so by mail', async () => {
			await signIn(lien, server.url, DEMO.welfareCentre);
			await lien.goto(`${server.url}/staff/referrals`);
			const card = lien.locator('section[aria-labelledby=incoming-title] li.card', { hasText: code });
			expect(await card.count()).toBe(1);
			expect(await card.innerText()).toContain('Kunnen jullie helpen?');
			await visited(lien, shot('10-ocmw-incoming'));
			await Promise.all([lien.waitForURL(/aanvaard/), card.getByRole('button', { name: 'Aanvaarden' }).click()]);
			expect(await lien.locator('[role=status]').innerText()).toContain('aanvaard');
			await visited(lien, shot('11-ocmw-accepted'));
			expect((await signal()).organisation_id).toBe(await orgId('OCMW Wevelgem'));
			const mail = await smtp.waitFor(DEMO.housingCompany, `Doorverwijzing aanvaard: OCMW Wevelgem neemt melding ${code} op`);
			expect(mail.text).toContain('Dag Pieter Desmet');
		});

		it('Pieter sees the outcome on the signal page', async () => {
			await pieter.goto(`${server.url}/staff/signals/${signalId}`);
			expect(await pieter.locator('h1').innerText()).toContain(code);
			expect(await pieter.locator('ul.referrals').innerText()).toContain('OCMW Wevelgem: aanvaard');
			expect(await pieter.locator('dl.facts').innerText()).toContain('OCMW Wevelgem');
			// The OCMW took it on: De Vlashaard reads along but no longer handles it.
			expect(await pieter.getByRole('button', { name: 'Status opslaan' }).count()).toBe(0);
			await visited(pieter, shot('12-referrer-sees-outcome'));
		});

		it('the OCMW, now responsible, resolves it; Amina gets the "solved" mail and the one question "is it solved?"', async () => {
			await lien.goto(`${server.url}/staff/signals/${signalId}`);
			expect(await lien.locator('dl.facts').innerText()).toContain('In behandeling');
			await lien.getByRole('radio', { name: 'Opgelost' }).check();
			await lien.locator('#status-message').fill('De muur is behandeld en u krijgt hulp bij de energiefactuur.');
			await Promise.all([lien.waitForURL(/klaar=status/), lien.getByRole('button', { name: 'Status opslaan' }).click()]);
			expect(await lien.locator('dl.facts').innerText()).toContain('Opgelost');
			await visited(lien, shot('13-resolved'));

			const solved = await smtp.waitFor(email, `Je melding ${code} is opgelost`);
			expect(solved.text).toContain('De muur is behandeld en u krijgt hulp bij de energiefactuur.');
			tracking = linkTo(solved, /^\/volgen\/[\w-]+$/);
			const question = await smtp.waitFor(email, `Is je probleem opgelost? (${code})`);
			expect(question.to).toEqual([email]);
			expect(question.from).toBe(MAIL_FROM);
			const yes = linksIn(question).find((l) => l.endsWith('?antwoord=ja'));
			const no = linksIn(question).find((l) => l.endsWith('?antwoord=nee'));
			expect(yes, question.text).toMatch(new RegExp(`^${server.url}/opgelost/[\\w-]+\\?antwoord=ja$`));
			expect(no).toBe(yes!.replace('antwoord=ja', 'antwoord=nee'));
			expect(question.text).toContain('Ja, het is opgelost:');
			solvedLink = yes!;
		});

		it('Amina opens the "yes" link on her phone: opening it changes nothing', async () => {
			await amina.goto(solvedLink);
			expect(await amina.locator('h1').innerText()).toBe('Is je probleem opgelost?');
			expect(await amina.locator('main').innerText()).toContain(code);
			expect(await amina.locator('#answer-yes').isChecked()).toBe(true);
			expect(await narrow(amina)).toBeLessThanOrEqual(360);
			await visited(amina, shot('14-is-it-solved'));
			// A second look (a mail scanner, a link preview) changes nothing either: only her answer does.
			expect((await fetch(solvedLink)).status).toBe(200);
			expect((await signal()).status).toBe('resolved');
			const feedback = await server.db.selectFrom('signal_feedback').select(['answer', 'answered_at']).where('signal_id', '=', signalId).execute();
			expect(feedback).toEqual([{ answer: null, answered_at: null }]);
		});

		it('she answers "yes, solved": her answer is kept and her report is closed', async () => {
			await Promise.all([amina.waitForURL(/bedankt/), amina.getByRole('button', { name: 'Antwoord versturen' }).click()]);
			expect(await amina.locator('[role=status]').innerText()).toContain('Je zei: het is opgelost.');
			expect(await amina.locator('main form').count()).toBe(0);
			expect(await narrow(amina)).toBeLessThanOrEqual(360);
			await visited(amina, shot('15-answered'));
			expect((await signal()).status).toBe('closed');
			expect(await server.db.selectFrom('signal_feedback').select('answer').where('signal_id', '=', signalId).execute()).toEqual([{ answer: 'solved' }]);
		});

		it('the signal page shows her answer and the closing on the timeline, for the OCMW and for De Vlashaard', async () => {
			for (const [page, step] of [
				[lien, '16-timeline-ocmw'],
				[pieter, '17-timeline-vlashaard']
			] as const) {
				await page.goto(`${server.url}/staff/signals/${signalId}`);
				expect(await page.locator('dl.facts').innerText()).toContain('Gesloten');
				const answer = await page.locator('li.event.feedback').innerText();
				expect(answer).toContain('Antwoord op "Is het opgelost?": Ja, het is opgelost');
				expect(answer).toContain('De melder');
				const timeline = await page.locator('ol.timeline').innerText();
				for (const line of ['Status: In behandeling → Opgelost', 'Status: Opgelost → Gesloten', 'Doorverwijzing → OCMW Wevelgem: Aanvaard'])
					expect(timeline).toContain(line);
				await visited(page, shot(step));
			}
		});

		it('the link in her last mail shows her report as closed, with the message of the OCMW', async () => {
			await amina.goto(tracking);
			expect(await amina.locator('h1').innerText()).toBe(`Je melding ${code}`);
			expect(await amina.locator('.now').innerText()).toContain('Afgesloten');
			const news = await amina.locator('main').innerText();
			expect(news).toContain('De muur is behandeld en u krijgt hulp bij de energiefactuur.');
			// Staff's internal notes and the referral stay inside.
			expect(news).not.toContain('energiefactuur niet betalen');
			expect(news).not.toContain('OCMW');
			expect(await narrow(amina)).toBeLessThanOrEqual(360);
			await visited(amina, shot('18-tracking-closed'));
			// The link of the thank-you page ("keep it") and of the receipt still work after all those mails.
			for (const kept of [firstLink, receiptLink]) {
				await amina.goto(kept);
				expect(await amina.locator('.now').innerText()).toContain('Afgesloten');
			}
		});
	});
}
