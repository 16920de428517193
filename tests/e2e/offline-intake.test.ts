// Sara visits residents of Wallaysplein with her phone, often without network. She opens the intake form while
// online and looks up Nadia; then the network drops in the stairwell. She registers a broken heater and Nadia's help
// request with her consent read out: the phone says both are saved on this device and will be sent when there is a
// network, and shows how many wait. A reload without network still opens the form, with both waiting. Back in the
// street the network returns: both are sent by themselves, stored once each (the help request routed to the OCMW with
// Nadia's consent recorded, as when online), and a reload sends nothing twice. An answer lost on the way is sent again
// and still stored once. When she signs out with something waiting she is asked first; the form's offline copy leaves
// the phone, and what waited is sent when she signs in again. Offline she also photographs a broken window: a file
// that is no photo is refused on the spot, the photo waits with its signal and goes with it when the network is back,
// stored once and shown on the signal's page; the photo of a signal still waiting at sign-out stays with it, and
// nothing of hers is left once all is sent. Every state is checked with axe and photographed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../src/core/access';
import { testDialects } from '../../src/core/db/testing';
import { staffActor } from '../../src/core/demo/signals';
import { createResident } from '../../src/core/people/residents';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../../src/core/signals/routing/categories';
import { browserAvailable, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

const HEATER = 'De verwarming in de living blijft koud sinds maandag.';
const HELP = 'Nadia kan de rekening van de energie niet betalen en vraagt hulp.';
const LOST = 'De deurbel van de voordeur werkt niet meer.';
const AT_SIGN_OUT = 'Het licht in de traphal blijft branden, dag en nacht.';
const WINDOW = 'Het raam van de slaapkamer is gebroken en sluit niet meer.';
const PHOTO_DB = 'leefbaar-intake-photos';
/** A phone photo, with the place it was taken in its EXIF. */
const phonePhoto = async (name: string, colour: string) => ({
	name,
	mimeType: 'image/jpeg',
	buffer: await sharp({ create: { width: 400, height: 300, channels: 3, background: colour } })
		.jpeg()
		.withExifMerge({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 48/1 2844/100', GPSLongitudeRef: 'E', GPSLongitude: '3/1 12/1 1044/100' } })
		.toBuffer()
});

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`a worker registers signals offline on a phone [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		let context: BrowserContext;
		let page: Page;
		let formUrl: string;
		let residentId: string;
		let ocmwId: string;
		const shot = (step: string) => `offline-intake-${dialect}-${step}`;
		const stored = (description: string) =>
			server.db
				.selectFrom('signals')
				.select(['id', 'reference', 'is_help_request', 'consent_id', 'organisation_id', 'channel', 'resident_id', 'created_by'])
				.where('description', '=', description)
				.execute();
		const waitForWaiting = (n: number) =>
			page
				.getByTestId('waiting-heading')
				.filter({ hasText: `(${n})` })
				.waitFor({ timeout: 15_000 });
		const waitingNow = () => page.getByTestId('waiting-heading').innerText();
		const photosOf = (signalId: string) => server.db.selectFrom('signal_attachments').select(['id', 'media_type']).where('signal_id', '=', signalId).execute();
		/** The submission ids whose photos the phone keeps in IndexedDB (none when there is no such database). */
		const photosOnPhone = () =>
			page.evaluate(async (name) => {
				if (!(await indexedDB.databases()).some((d) => d.name === name)) return null;
				return new Promise<string[]>((resolve, reject) => {
					const open = indexedDB.open(name);
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const keys = open.result.transaction('photos').objectStore('photos').getAllKeys();
						keys.onsuccess = () => (open.result.close(), resolve(keys.result.map(String)));
					};
				});
			}, PHOTO_DB);
		const photoField = () => page.getByLabel("Foto's (mag leeg)");

		async function registerHeater() {
			await page.getByRole('radio', { name: 'Huisbezoek' }).check();
			await page.getByRole('radio', { name: 'Technisch probleem in de woning' }).check();
			await page.getByLabel('Wat is er aan de hand?').fill(HEATER);
			await page.getByRole('button', { name: 'Registreren' }).click();
			await page.getByTestId('saved-on-device').waitFor();
		}

		async function registerHelpRequest() {
			await page.getByRole('radio', { name: 'Huisbezoek' }).check();
			await page.getByRole('radio', { name: 'Hulpvraag' }).check();
			await page.getByLabel('Soort (mag leeg)').selectOption({ label: 'Energie en rekeningen (offline) (Hulpvraag)' });
			await page.getByLabel('Wat is er aan de hand?').fill(HELP);
			expect(await page.locator('.consent-text').innerText()).toContain('Ik mag deze hulpvraag doorgeven aan OCMW Wevelgem');
			await page.getByLabel('De bewoner zegt ja').check();
			await page.getByRole('button', { name: 'Registreren' }).click();
			await page.getByTestId('saved-on-device').waitFor();
		}

		async function registerSimple(description: string) {
			await page.getByRole('radio', { name: 'Technisch probleem in de woning' }).check();
			await page.getByLabel('Wat is er aan de hand?').fill(description);
			await page.getByRole('button', { name: 'Registreren' }).click();
		}

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
			const db = server.db;
			const setup = system('e2e');
			await ensureGeneralCategories(db);
			const ocmw = await db.selectFrom('organisations').select('id').where('name', '=', 'OCMW Wevelgem').executeTakeFirstOrThrow();
			ocmwId = ocmw.id;
			const energy = await createCategory(db, setup, { key: 'e2e_offline_energy', kind: 'help', name: 'Energie en rekeningen (offline)', isActive: true });
			await setRoutingRule(db, setup, { categoryId: energy.id, organisationId: ocmw.id, deadlineDays: 5 });
			// Sara registered Nadia earlier: her institute reaches her.
			residentId = (
				await createResident(db, await staffActor(db, DEMO.communityWorker), {
					firstName: 'Nadia',
					lastName: 'Offline-Test',
					language: 'nl',
					contactChannel: 'visit'
				})
			).id;
			formUrl = `${server.url}/staff/signals/new`;
			context = await openContext(browser, { ...PHONE, locale: 'nl-BE' });
			context.setDefaultTimeout(15_000);
			page = await context.newPage();
			await signIn(page, server.url, DEMO.communityWorker);
		}, 180_000);
		afterAll(async () => {
			await context?.close();
			await browser?.close();
			await server?.stop();
		});

		it('online: Sara opens the form, looks up Nadia, and the form is kept on the phone for offline use', async () => {
			await page.goto(formUrl);
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
			await page.getByLabel('Naam van de bewoner').fill('Offline-Test');
			await Promise.all([page.waitForURL(/bewoner=/), page.getByRole('button', { name: 'Zoek bewoner' }).click()]);
			expect(await page.getByLabel('Bewoner', { exact: false }).locator('option:checked').innerText()).toContain('Offline-Test, Nadia');
			await expect.poll(() => page.getByTestId('connection').innerText()).toMatch(/Verbonden met internet/);
			expect(await page.locator('main').innerText()).toContain('Dit formulier werkt ook zonder internet');
			await visited(page, shot('1-online'));
		});

		it('offline: a broken heater and a help request with consent wait on the phone, also after a reload without network', async () => {
			// The browser's own cache is emptied first: what the reload below needs must come from the form's service worker.
			await page.waitForFunction(async () => (await (await caches.open('leefbaar-intake-v1')).keys()).some((r) => r.url.includes('/nodes/')));
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.clearBrowserCache');
			await cdp.detach();
			await context.setOffline(true);
			await expect.poll(() => page.getByTestId('connection').innerText()).toMatch(/Geen internet/);

			await registerHeater();
			expect(await page.getByTestId('saved-on-device').innerText()).toBe('Opgeslagen op dit toestel, wordt verstuurd zodra er netwerk is.');
			await waitForWaiting(1);
			await registerHelpRequest();
			await waitForWaiting(2);
			expect(await waitingNow()).toBe('Wacht om te versturen (2)');
			// Ready for the next thing Nadia tells: what was told and the consent are cleared, who and where stay.
			expect(await page.getByLabel('Wat is er aan de hand?').inputValue()).toBe('');
			expect(await page.getByLabel('De bewoner zegt ja').isChecked()).toBe(false);
			expect(await page.getByLabel('Bewoner', { exact: false }).locator('option:checked').innerText()).toContain('Offline-Test, Nadia');
			await visited(page, shot('2-offline-two-waiting'));

			await page.reload();
			await waitForWaiting(2);
			await expect.poll(() => page.getByTestId('connection').innerText()).toMatch(/Geen internet/);
			expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
			expect(
				await page.evaluate(() =>
					fetch('/api/v1/openapi.json').then(
						() => 'network',
						() => 'no network'
					)
				)
			).toBe('no network');
			await expect.poll(() => page.getByTestId('waiting-signal').nth(0).innerText()).toContain(HEATER);
			await expect.poll(() => page.getByTestId('waiting-signal').nth(1).innerText()).toContain('Hulpvraag');
			await page.getByText('Zonder internet kun je geen bewoner zoeken.').waitFor();
			// Nadia, looked up before the network went, is still there to choose.
			expect(await page.getByLabel('Bewoner', { exact: false }).locator('option:checked').innerText()).toContain('Offline-Test, Nadia');
			await visited(page, shot('3-offline-reloaded'));
			expect(await stored(HEATER)).toEqual([]);
			expect(await stored(HELP)).toEqual([]);
		});

		it('the network is back: both are sent by themselves and stored once, the help request with its consent, as online', async () => {
			await context.setOffline(false);
			await waitForWaiting(0);
			await page.getByText('Verstuurd en van dit toestel gewist: 2.').waitFor();
			const sara = await staffActor(server.db, DEMO.communityWorker);
			const [heater] = await stored(HEATER);
			const help = await stored(HELP);
			expect(heater).toMatchObject({ is_help_request: false, channel: 'house_visit', resident_id: residentId, created_by: sara.id });
			expect(help).toHaveLength(1);
			expect(help[0]).toMatchObject({ is_help_request: true, channel: 'house_visit', resident_id: residentId, organisation_id: ocmwId });
			const consent = await server.db
				.selectFrom('consents')
				.select(['id', 'organisation_id', 'scope', 'recorded_by'])
				.where('resident_id', '=', residentId)
				.where('scope', '=', 'help_request')
				.executeTakeFirstOrThrow();
			expect(consent).toEqual({ id: help[0].consent_id, organisation_id: ocmwId, scope: 'help_request', recorded_by: sara.id });
			expect(await page.evaluate(() => localStorage.getItem('leefbaar.intake.sets'))).toBe('[]');
			await visited(page, shot('4-sent'));

			// A reload sends nothing again; the inbox shows each signal once.
			await page.reload();
			await page.getByRole('heading', { name: 'Melding of hulpvraag registreren' }).waitFor();
			await page.waitForTimeout(500);
			expect(await stored(HEATER)).toHaveLength(1);
			expect(await stored(HELP)).toHaveLength(1);
			for (const { reference } of [heater, help[0]]) {
				await page.goto(`${server.url}/staff/signals?status=all&q=${reference}`);
				expect(await page.locator('main table a', { hasText: reference }).count()).toBe(1);
			}
			await visited(page, shot('5-inbox'));
		});

		it('offline, Sara adds a photo of a broken window: it waits with the signal, and goes with it once when the network is back', async () => {
			await page.goto(formUrl);
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
			await context.setOffline(true);
			await expect.poll(() => page.getByTestId('connection').innerText()).toMatch(/Geen internet/);
			await page.getByRole('radio', { name: 'Technisch probleem in de woning' }).check();
			await page.getByLabel('Wat is er aan de hand?').fill(WINDOW);

			// A scanned letter instead of a photo: told next to the field at once, nothing is kept.
			await photoField().setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 a letter') });
			await page.getByRole('button', { name: 'Registreren' }).click();
			await page.locator('#field-photos-error').waitFor();
			expect(await page.locator('#field-photos-error').innerText()).toBe('Dit bestand is geen foto, of het is kapot. Kies een andere foto.');
			expect(await photoField().getAttribute('aria-describedby')).toContain('field-photos-error');
			expect(await page.getByLabel('Wat is er aan de hand?').inputValue()).toBe(WINDOW);
			expect(await page.evaluate(() => localStorage.getItem('leefbaar.intake.sets'))).toBe('[]');
			// Every label in words, none as a message key (the consent's contact fields once showed "people.phone").
			expect(await page.locator('main').innerText()).not.toMatch(/\b(people|inbox|signal_offline|errors)\.[a-z_]+/);
			await visited(page, shot('6-offline-not-a-photo'));

			await photoField().setInputFiles(await phonePhoto('raam.jpg', '#4a6f8a'));
			await page.getByRole('button', { name: 'Registreren' }).click();
			await page.getByTestId('saved-on-device').waitFor();
			await waitForWaiting(1);
			expect(await page.getByTestId('waiting-photos').innerText()).toBe("Foto's: 1");
			// Ready for the next one: the photo is cleared with what was told.
			expect(await photoField().evaluate((input: HTMLInputElement) => input.files?.length)).toBe(0);
			const [waitingItem] = JSON.parse((await page.evaluate(() => localStorage.getItem('leefbaar.intake.sets')))!) as Array<{
				submissionId: string;
				photos: number;
			}>;
			expect(waitingItem.photos).toBe(1);
			expect(await photosOnPhone()).toEqual([waitingItem.submissionId]);
			await visited(page, shot('7-offline-photo-waiting'));
			expect(await stored(WINDOW)).toEqual([]);

			await context.setOffline(false);
			await waitForWaiting(0);
			const signals = await stored(WINDOW);
			expect(signals).toHaveLength(1);
			expect(await photosOf(signals[0].id)).toEqual([{ id: expect.any(String), media_type: 'image/jpeg' }]);
			// Sent and stored: the photo has left the phone with its signal.
			expect(await photosOnPhone()).toEqual([]);

			// A reload sends nothing again; the signal's page shows the one photo.
			await page.reload();
			await page.waitForTimeout(500);
			expect(await stored(WINDOW)).toHaveLength(1);
			expect(await photosOf(signals[0].id)).toHaveLength(1);
			await page.goto(`${server.url}/staff/signals/${signals[0].id}`);
			const img = page.getByRole('img', { name: 'Foto 1' });
			await img.waitFor();
			await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
			await visited(page, shot('8-signal-with-photo'));
		});

		it('online, a signal goes at once and Sara lands on it; when its answer is lost it waits, and sending again stores it once', async () => {
			let lost = 0;
			await context.route('**/api/v1/signals', async (route) => {
				if (lost > 0) return route.continue();
				lost++;
				// The server gets the signal and stores it; its answer never reaches the phone.
				await route.fetch();
				await route.abort('failed');
			});
			await page.goto(formUrl);
			await registerSimple(LOST);
			await page.getByTestId('saved-on-device').waitFor();
			await waitForWaiting(1);
			expect(await stored(LOST)).toHaveLength(1);
			await page.getByRole('button', { name: 'Nu versturen' }).click();
			await waitForWaiting(0);
			expect(lost).toBe(1);
			expect(await stored(LOST)).toHaveLength(1);
			await context.unroute('**/api/v1/signals');

			// With the network there, registering is as without JavaScript: Sara lands on the new signal.
			await Promise.all([page.waitForURL(/\/staff\/signals\/[^/]+\?klaar=created/), registerSimple('De brievenbus van nummer 12 is opengebroken.')]);
			await visited(page, shot('9-registered-online'));
		});

		it('Sara signs out: asked first when something waits; the offline copy leaves the phone, and what waited goes when she is back', async () => {
			await page.goto(formUrl);
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
			await context.setOffline(true);
			await photoField().setInputFiles(await phonePhoto('traphal.jpg', '#d9c45a'));
			await registerSimple(AT_SIGN_OUT);
			await waitForWaiting(1);
			const [atSignOut] = JSON.parse((await page.evaluate(() => localStorage.getItem('leefbaar.intake.sets')))!) as Array<{ submissionId: string }>;
			// The server cannot be reached for signals: it keeps waiting while the phone is online.
			await context.route('**/api/v1/signals', (route) => route.abort('failed'));
			await context.setOffline(false);
			await page.getByText('Versturen lukte niet.').waitFor();

			const asked: string[] = [];
			page.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
			await page.getByRole('button', { name: 'Afmelden' }).click();
			await expect
				.poll(() => asked)
				.toEqual([
					'Op dit toestel wachten nog meldingen die niet verstuurd zijn (aantal: 1). Ze blijven bewaard en worden verstuurd als jij je opnieuw aanmeldt. Toch afmelden?'
				]);
			expect(page.url()).toBe(formUrl);

			page.once('dialog', (d) => void d.accept());
			await Promise.all([page.waitForURL((url) => url.pathname === '/login'), page.getByRole('button', { name: 'Afmelden' }).click()]);
			expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('leefbaar.')))).toEqual(['leefbaar.intake.sets']);
			expect(await page.evaluate(() => caches.keys())).toEqual([]);
			// The photo of the signal that waits stays with it.
			expect(await photosOnPhone()).toEqual([atSignOut.submissionId]);
			await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), { timeout: 10_000 }).toBe(0);
			// Without a session and without network, the form no longer opens from the phone.
			await context.setOffline(true);
			expect(
				await page.goto(formUrl).then(
					() => 'opened',
					() => 'no page'
				)
			).toBe('no page');
			await context.setOffline(false);
			expect(await stored(AT_SIGN_OUT)).toEqual([]);

			// Back, signed in: what waited is sent, once; then nothing of hers is left on the phone after signing out.
			await context.unroute('**/api/v1/signals');
			await signIn(page, server.url, DEMO.communityWorker);
			await page.goto(formUrl);
			await expect.poll(() => stored(AT_SIGN_OUT).then((s) => s.length), { timeout: 15_000 }).toBe(1);
			await waitForWaiting(0);
			expect(await photosOf((await stored(AT_SIGN_OUT))[0].id)).toHaveLength(1);
			await visited(page, shot('10-signed-in-again'));
			await page.waitForFunction(async () => (await (await caches.open('leefbaar-intake-v1')).keys()).some((r) => r.url.includes('/nodes/')));
			await Promise.all([page.waitForURL((url) => url.pathname === '/login'), page.getByRole('button', { name: 'Afmelden' }).click()]);
			expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('leefbaar.')))).toEqual([]);
			expect(await page.evaluate(() => caches.keys())).toEqual([]);
			expect(await photosOnPhone()).toBeNull();
		});
	});
}
