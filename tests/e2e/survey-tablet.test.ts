// Sara goes door to door on Vlashof and Wallaysplein with the tenant survey on her tablet. She opens the tablet page
// while online, then the network drops: she asks two residents the questions (one in French), keeps both sets on the
// tablet, and reloads the page without network: it still opens, with both sets waiting. When the network is back the
// sets are sent by themselves: exactly two more answer sets, channel tablet. Then the answer to a set gets lost on the
// way: the set stays waiting and "send now" stores it once, not twice. A set kept while the survey was closed comes
// back refused, with the reason, and stays on the tablet. When she signs out, the tablet's offline copy and the talk
// at the door are cleared; a set not sent yet stays and is sent when she signs in again. Every state is checked with
// axe and photographed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { staffActor } from '../../src/core/demo/signals';
import { setSurveyStatus } from '../../src/core/surveys/builder';
import { browserAvailable, DESKTOP, launchBrowser, openContext, screenshot, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`door to door on a tablet that keeps answers offline [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		let context: BrowserContext;
		let page: Page;
		let surveyId: string;
		let tabletUrl: string;
		const shot = (step: string) => `survey-tablet-${dialect}-${step}`;
		const tabletSets = async () =>
			Number(
				(
					await server.db
						.selectFrom('survey_responses')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('survey_id', '=', surveyId)
						.where('channel', '=', 'tablet')
						.executeTakeFirstOrThrow()
				).n
			);
		const waiting = (n: number) => expect.poll(() => page.getByTestId('waiting-heading').innerText()).toBe(`Wacht om te versturen (${n})`);
		const waitForWaiting = (n: number) =>
			page
				.getByTestId('waiting-heading')
				.filter({ hasText: `(${n})` })
				.waitFor({ timeout: 15_000 });

		async function answerFirstResident() {
			await page.getByLabel('In welke woonwijk woont de bewoner?').selectOption({ label: 'Vlashof' });
			await page.locator('#q-woning_tevreden-4').check();
			await page.locator('#q-herstelling_gevraagd').check();
			// "How quickly was it repaired?" only shows after a yes.
			await page.locator('#q-herstelling_snel-2').check();
			await page.locator('#q-contact_vlashaard-other-choice').check();
			await page.locator('#q-contact_vlashaard-other').fill('Via mijn buurvrouw');
			await page.locator('#q-buurt_tevreden-5').check();
			await page.locator('#q-buurtwerk_kent-no').check();
			await page.locator('#q-noden-ideas').fill('Een speelplein voor de kleinsten');
			await page.getByRole('button', { name: 'Bewaar de antwoorden op de tablet' }).click();
			await page.locator('#saved').waitFor();
		}

		async function answerSecondResident() {
			await page.getByLabel('In welke woonwijk woont de bewoner?').selectOption({ label: 'Wallaysplein' });
			await page.getByLabel('In welke taal stel je de vragen?').selectOption('fr');
			await page.locator('#q-woning_tevreden').waitFor();
			await page.getByText('Êtes-vous satisfait de votre logement ?').waitFor();
			await page.locator('#q-woning_tevreden-2').check();
			await page.locator('#q-herstelling_gevraagd-no').check();
			await page.locator('#q-buurt_tevreden-3').check();
			await page.locator('#q-buurtwerk_kent').check();
			await page.locator('#q-jaren').fill('12');
			await page.getByRole('button', { name: 'Bewaar de antwoorden op de tablet' }).click();
			await page.locator('#saved').waitFor();
		}

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
			surveyId = (await server.db.selectFrom('surveys').select('id').where('status', '=', 'open').orderBy('created_at').executeTakeFirstOrThrow()).id;
			tabletUrl = `${server.url}/staff/surveys/${surveyId}/tablet`;
			context = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
			context.setDefaultTimeout(15_000);
			page = await context.newPage();
			await signIn(page, server.url, DEMO.communityWorker);
		}, 180_000);
		afterAll(async () => {
			await context?.close();
			await browser?.close();
			await server?.stop();
		});

		it('opens online: the survey is loaded onto the tablet and the page is kept for offline use', async () => {
			await page.goto(tabletUrl);
			await page.getByRole('heading', { name: 'Nieuwe antwoorden' }).waitFor();
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
			await waiting(0);
			await expect.poll(() => page.getByTestId('connection').innerText()).toMatch(/Verbonden met internet/);
			await visited(page, shot('1-online'));
			// As it looks on a tablet held upright.
			await page.setViewportSize({ width: 800, height: 1280 });
			await screenshot(page, shot('1-online-tablet-800'));
			await page.setViewportSize(DESKTOP.viewport!);
			// Saving without answers: the summary lists what is missing and links to the question.
			await page.getByRole('button', { name: 'Bewaar de antwoorden op de tablet' }).click();
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
			await expect.poll(() => page.locator('#error-summary a[href="#estateId"]').innerText()).toBe('Kies de woonwijk van de bewoner.');
			await expect.poll(() => page.locator('#error-summary a[href="#q-woning_tevreden"]').innerText()).toContain('Hoe tevreden bent u over uw woning?');
			await visited(page, shot('2-errors'));
		});

		it('offline: two residents answer, both sets wait on the tablet, and a reload without network still works', async () => {
			const before = await tabletSets();
			// The browser's own cache is emptied first: what the reload below needs must come from the tablet page's
			// service worker (the page put the files it loaded in its cache).
			await page.waitForFunction(async () => (await (await caches.open('leefbaar-tablet-v1')).keys()).some((r) => r.url.includes('/nodes/')));
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.clearBrowserCache');
			await cdp.detach();
			await context.setOffline(true);
			await expect.poll(() => page.getByTestId('connection').innerText()).toMatch(/Geen internet/);
			await answerFirstResident();
			await waiting(1);
			await answerSecondResident();
			await waiting(2);
			// A third talk has just begun when the page is reloaded: its first answer is still there after.
			await page.getByLabel('In welke woonwijk woont de bewoner?').selectOption({ label: 'Vlashof' });
			await page.locator('#q-woning_tevreden-3').check();
			await visited(page, shot('3-offline-two-waiting'));

			await page.reload();
			await page.getByRole('heading', { name: 'Nieuwe antwoorden' }).waitFor();
			await waiting(2);
			await expect.poll(() => page.getByTestId('connection').innerText()).toMatch(/Geen internet/);
			await expect.poll(() => page.getByTestId('waiting-set').count()).toBe(2);
			await page.getByTestId('restored').waitFor();
			expect(await page.locator('#q-woning_tevreden-3').isChecked()).toBe(true);
			expect(await page.getByLabel('In welke woonwijk woont de bewoner?').inputValue()).not.toBe('');
			// It came from the tablet itself: the service worker controls the page, and the network is really gone.
			expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
			expect(
				await page.evaluate(() =>
					fetch('/api/v1/openapi.json').then(
						() => 'network',
						() => 'no network'
					)
				)
			).toBe('no network');
			await expect.poll(() => page.getByTestId('waiting-set').first().innerText()).toContain('Vlashof');
			await expect.poll(() => page.getByTestId('waiting-set').nth(1).innerText()).toContain('Wallaysplein');
			await visited(page, shot('4-offline-reloaded'));
			expect(await tabletSets()).toBe(before);

			// The network is back: the sets go by themselves, and are wiped from the tablet.
			await context.setOffline(false);
			await waitForWaiting(0);
			await page.getByText('2 antwoordsets verstuurd en van de tablet gewist.').waitFor();
			expect(await tabletSets()).toBe(before + 2);
			const stored = await server.db
				.selectFrom('survey_responses')
				.select(['language', 'estate_id'])
				.where('survey_id', '=', surveyId)
				.where('channel', '=', 'tablet')
				.orderBy('submitted_at', 'desc')
				.limit(2)
				.execute();
			expect(stored.map((s) => s.language).sort()).toEqual(['fr', 'nl']);
			expect(await page.evaluate((id) => localStorage.getItem(`leefbaar.tablet.${id}.sets`), surveyId)).toBe('[]');
		});

		it('the answer to a sent set gets lost: the set stays, and sending it again stores it once', async () => {
			const before = await tabletSets();
			let lost = 0;
			await context.route('**/api/v1/surveys/*/answer-sets', async (route) => {
				if (lost > 0) return route.continue();
				lost++;
				// The server gets the set and stores it; its answer never reaches the tablet.
				await route.fetch();
				await route.abort('failed');
			});
			await answerFirstResident();
			await page.getByText('Versturen lukte niet. De antwoorden blijven op de tablet.').waitFor();
			await waiting(1);
			expect(await tabletSets()).toBe(before + 1);
			await visited(page, shot('5-answer-lost'));
			await page.getByRole('button', { name: 'Nu versturen' }).click();
			await waitForWaiting(0);
			expect(lost).toBe(1);
			expect(await tabletSets()).toBe(before + 1);
			await context.unroute('**/api/v1/surveys/*/answer-sets');
		});

		it('a set kept while the survey closed comes back refused with the reason, and stays on the tablet', async () => {
			const before = await tabletSets();
			await context.setOffline(true);
			await answerSecondResident();
			await setSurveyStatus(server.db, await staffActor(server.db, DEMO.communityWorker), surveyId, 'closed');
			await context.setOffline(false);
			await expect.poll(() => page.getByTestId('refusal').innerText()).toContain('Niet aanvaard');
			await waiting(1);
			expect(await tabletSets()).toBe(before);
			await visited(page, shot('6-refused'));
			await setSurveyStatus(server.db, await staffActor(server.db, DEMO.communityWorker), surveyId, 'open');
			await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
			await waitForWaiting(0);
			expect(await tabletSets()).toBe(before + 1);
		});

		it('Sara signs out: the offline copy and the talk at the door leave the tablet; a set not sent yet stays and goes when she is back', async () => {
			const before = await tabletSets();
			// The questions again, now the survey is open once more.
			await page.goto(tabletUrl);
			await page.getByRole('heading', { name: 'Nieuwe antwoorden' }).waitFor();
			// The server cannot be reached for answer sets: the set waits while the tablet is online.
			await context.route('**/api/v1/surveys/*/answer-sets', (route) => route.abort('failed'));
			await answerFirstResident();
			await waitForWaiting(1);
			// A new talk has begun at the next door.
			await page.getByLabel('In welke woonwijk woont de bewoner?').selectOption({ label: 'Wallaysplein' });
			await page.locator('#q-woning_tevreden-2').check();
			const keys = () =>
				page.evaluate(() =>
					Object.keys(localStorage)
						.filter((k) => k.startsWith('leefbaar.tablet.'))
						.sort()
				);
			await expect.poll(keys).toEqual([`leefbaar.tablet.${surveyId}.current`, `leefbaar.tablet.${surveyId}.sets`, `leefbaar.tablet.${surveyId}.survey`]);

			// She is asked first, because a set waits; saying no keeps her signed in with everything in place.
			const asked: string[] = [];
			page.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
			await page.getByRole('button', { name: 'Afmelden' }).click();
			await expect
				.poll(() => asked)
				.toEqual([
					'Op deze tablet wachten nog antwoorden die niet verstuurd zijn (aantal: 1). Ze blijven bewaard en worden verstuurd als jij je opnieuw aanmeldt. Toch afmelden?'
				]);
			expect(page.url()).toBe(tabletUrl);
			expect(await keys()).toHaveLength(3);

			page.once('dialog', (d) => void d.accept());
			await Promise.all([page.waitForURL((url) => url.pathname === '/login'), page.getByRole('button', { name: 'Afmelden' }).click()]);
			expect(await keys()).toEqual([`leefbaar.tablet.${surveyId}.sets`]);
			expect(await page.evaluate(() => caches.keys())).toEqual([]);
			// Without a session and without network, the tablet page no longer opens from the device.
			await context.setOffline(true);
			expect(
				await page.goto(tabletUrl).then(
					() => 'opened',
					() => 'no page'
				)
			).toBe('no page');
			await context.setOffline(false);
			expect(await tabletSets()).toBe(before);

			// Back on the tablet, signed in: the waiting set is sent.
			await context.unroute('**/api/v1/surveys/*/answer-sets');
			await signIn(page, server.url, DEMO.communityWorker);
			await page.goto(tabletUrl);
			await expect.poll(tabletSets, { timeout: 15_000 }).toBe(before + 1);
			await waitForWaiting(0);
			await visited(page, shot('7-signed-in-again'));
		});
	});
}
