// A tenant satisfaction survey from the first question to what the residents read back, as the people in it live it.
// Sara, community worker, builds "Hoe woont u?" for the Wallaysplein and Vlashof estates in Wevelgem, opens it and
// prints the household code letters (the codes exist only in that PDF). Amina scans the QR code of her letter on her
// cheap phone (360 px, JavaScript off) and answers; her neighbour Jef answers by the poster's open link. Sara goes door
// to door with her tablet where the network drops: the answers wait on the tablet and are sent when it is back. She
// gives the three remarks a theme, reads the results per estate, and shares the wave with the residents with what is
// done with it; Jef reads "Wat je ons vertelde" on his phone, where a group of fewer than 5 answers never shows. The
// comparison of two waves is opened on the demo survey, which ran a year apart. Every page is checked with axe-core
// and photographed. Runs on SQLite, and on PostgreSQL when it is there.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { CODE_ALPHABET, CODE_LENGTH } from '../../src/core/surveys/codes';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { pdfStreamsText } from '../support/pdf';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`a tenant survey from the first question to "what you told us" [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		let desk: BrowserContext;
		let sara: Page;
		let survey = { id: '', slug: '' };
		let codes: string[] = [];
		const keys = { scale: '', remark: '' };
		const shot = (step: string) => `survey-story-${dialect}-${step}`;
		const press = async (page: Page, name: RegExp | string, scope = page.locator('main')) => {
			await Promise.all([
				page.waitForNavigation(),
				scope
					.getByRole('button', { name, exact: typeof name === 'string' })
					.first()
					.click()
			]);
		};
		const phone = () => openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		const responses = (channel?: 'open_link' | 'code' | 'paper' | 'tablet') => {
			let q = server.db.selectFrom('survey_responses').select(['channel', 'estate_id']).where('survey_id', '=', survey.id);
			if (channel) q = q.where('channel', '=', channel);
			return q.execute();
		};

		async function addQuestion(kind: string, label: string, required = false) {
			const form = sara.locator('#section-0 details.add');
			await form.evaluate((d) => ((d as HTMLDetailsElement).open = true));
			await form.locator('select[name="kind"]').selectOption(kind);
			await form.locator('input[name="label.nl"]').fill(label);
			if (required) await form.locator('input[name="required"]').check();
			await press(sara, /voeg de vraag toe/i, form);
			await expect.poll(() => sara.locator('.notice[role="status"]').textContent()).toContain('Bewaard');
		}

		/** A resident on the phone answers the one part of the survey and sends it. */
		async function answer(page: Page, mood: string, remark: string) {
			await page
				.getByRole('group', { name: /Hoe tevreden bent u over uw woning/ })
				.getByRole('radio', { name: mood, exact: true })
				.check();
			await page.getByLabel(/Wat kan er beter in uw blok/).fill(remark);
			await press(page, 'Naar het overzicht');
			expect(await page.locator('main').innerText()).toContain(remark);
			await press(page, 'Verstuur mijn antwoorden');
			expect(await page.locator('h1').innerText()).toBe('Bedankt voor je antwoorden!');
		}

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
			desk = await openContext(browser, { ...DESKTOP, locale: 'nl-BE', acceptDownloads: true });
			desk.setDefaultTimeout(15_000);
			sara = await desk.newPage();
		}, 180_000);
		afterAll(async () => {
			await desk?.close();
			await browser?.close();
			await server?.stop();
		});

		it('Sara builds the survey for Wallaysplein and Vlashof: a smiley scale and a remark, and opens it', async () => {
			await signIn(sara, server.url, DEMO.communityWorker);
			await sara.goto(`${server.url}/staff/surveys/new`);
			await sara.locator('#f-title-nl').fill('Hoe woont u?');
			await sara.locator('#f-consent-nl').fill('Je antwoorden zijn anoniem. We tonen alleen cijfers, nooit wie wat zei.');
			// Answered by the poster's link, by the letters' codes, and door to door on a tablet.
			for (const mode of ['open_link', 'code', 'tablet']) await sara.locator(`fieldset#f-modes input[name="modes"][value="${mode}"]`).check();
			for (const name of ['Wallaysplein', 'Vlashof'])
				await sara.locator('fieldset#f-estateIds > label', { hasText: name }).locator('input[name="estateIds"]').check();
			await Promise.all([sara.waitForURL(/\/structure\?created$/), sara.getByRole('button', { name: 'Maak de enquête' }).click()]);
			survey.id = /\/staff\/surveys\/([^/]+)\/structure/.exec(sara.url())![1];
			await sara.locator('#new-f-title-nl').fill('Uw woning');
			await press(sara, /voeg het deel toe/i);
			await addQuestion('scale', 'Hoe tevreden bent u over uw woning?', true);
			await addQuestion('long_text', 'Wat kan er beter in uw blok?');
			await visited(sara, shot('01-structure'));

			await sara.goto(`${server.url}/staff/surveys/${survey.id}`);
			await press(sara, /open de enquête voor bewoners/i);
			await expect(sara.locator('main').textContent()).resolves.toContain('nu bezig');
			await visited(sara, shot('02-open'));
			const row = await server.db.selectFrom('surveys').select('slug').where('id', '=', survey.id).executeTakeFirstOrThrow();
			survey = { id: survey.id, slug: row.slug };
			const version = await server.db.selectFrom('survey_versions').select('structure').where('survey_id', '=', survey.id).executeTakeFirstOrThrow();
			const s = (typeof version.structure === 'string' ? JSON.parse(version.structure) : version.structure) as {
				sections: Array<{ questions: Array<{ key: string; kind: string }> }>;
			};
			keys.scale = s.sections[0].questions.find((q) => q.kind === 'scale')!.key;
			keys.remark = s.sections[0].questions.find((q) => q.kind === 'long_text')!.key;
		});

		it('she prints the code letters: one page per household, each with its own code', async () => {
			await sara.goto(`${server.url}/staff/surveys/${survey.id}/codes`);
			await visited(sara, shot('03-codes'));
			const [download] = await Promise.all([sara.waitForEvent('download'), sara.getByRole('button', { name: /download de brieven/i }).click()]);
			const pdf = new Uint8Array(readFileSync((await download.path())!));
			// Each letter prints the address to type with its code (…/enquete/c/RKEA-7MA7) and the code in two groups
			// under "Jouw code:" (RKEA 7MA7); one code per letter, from the one or the other.
			const half = `[${CODE_ALPHABET}]{${CODE_LENGTH / 2}}`;
			const inAddress = new RegExp(`enquete/c/(${half})-(${half})`);
			const inGroups = new RegExp(`^(${half}) (${half})$`, 'm');
			codes = pdfStreamsText(pdf).map((text) => {
				const m = inAddress.exec(text.replace(/\s/g, '')) ?? inGroups.exec(text);
				return m ? `${m[1]}-${m[2]}` : '';
			});
			expect(codes.filter((c) => !c)).toEqual([]);
			expect(
				Buffer.from(pdf)
					.toString('latin1')
					.match(/\/Type \/Page\b(?!s)/g)?.length
			).toBe(codes.length);
			const stored = await server.db.selectFrom('survey_codes').select('status').where('survey_id', '=', survey.id).execute();
			expect(codes.length).toBe(stored.length);
			expect(new Set(codes).size).toBe(codes.length);
			expect(stored.every((c) => c.status === 'unused')).toBe(true);
		});

		it('Amina scans the QR code of her letter on her phone, without JavaScript, and answers', async () => {
			const context = await phone();
			const page = await context.newPage();
			await page.goto(`${server.url}/enquete/c/${codes[0]}`);
			// The code leaves the address bar at once: no personal key in a URL that ends up in a history or a log.
			expect(new URL(page.url()).pathname).toBe(`/enquete/${survey.slug}`);
			expect(page.url()).not.toContain(codes[0]);
			await visited(page, shot('04-consent-phone'));
			await press(page, 'Ik doe mee');
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await visited(page, shot('05-question-phone'));
			await answer(page, 'Ontevreden', 'Meer licht in de trappenhal, het is er donker.');
			await visited(page, shot('06-thanks-phone'));
			await context.close();
			expect(await responses('code')).toHaveLength(1);
			// Her household's code is used, and nothing ties it to her answers.
			const used = await server.db.selectFrom('survey_codes').selectAll().where('survey_id', '=', survey.id).where('status', '=', 'used').execute();
			expect(used).toHaveLength(1);
			expect(Object.keys(used[0]).some((k) => /response|answer/.test(k))).toBe(false);
		});

		it('Jef answers by the open link of the poster', async () => {
			const context = await phone();
			const page = await context.newPage();
			await page.goto(`${server.url}/enquete/${survey.slug}`);
			await page.getByLabel(/In welke wijk woon je/).selectOption({ label: 'Wallaysplein' });
			await press(page, 'Ik doe mee');
			await answer(page, 'Heel tevreden', 'De lift is vaak stuk.');
			await context.close();
			expect(await responses('open_link')).toHaveLength(1);
		});

		it('Sara goes door to door: the network drops, the answers wait on the tablet and are sent when it is back', async () => {
			await sara.goto(`${server.url}/staff/surveys/${survey.id}/tablet`);
			await sara.getByRole('heading', { name: 'Nieuwe antwoorden' }).waitFor();
			await sara.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
			await desk.setOffline(true);
			await expect.poll(() => sara.getByTestId('connection').innerText()).toMatch(/Geen internet/);
			await sara.getByLabel('In welke woonwijk woont de bewoner?').selectOption({ label: 'Vlashof' });
			await sara.locator(`#q-${keys.scale}-2`).check();
			await sara.locator(`#q-${keys.remark}`).fill('De trappenhal wordt niet gepoetst.');
			await sara.getByRole('button', { name: 'Bewaar de antwoorden op de tablet' }).click();
			await sara.locator('#saved').waitFor();
			await expect.poll(() => sara.getByTestId('waiting-heading').innerText()).toBe('Wacht om te versturen (1)');
			await visited(sara, shot('07-tablet-offline'));
			expect(await responses('tablet')).toHaveLength(0);
			await desk.setOffline(false);
			await expect.poll(() => sara.getByTestId('waiting-heading').innerText(), { timeout: 20_000 }).toBe('Wacht om te versturen (0)');
			expect(await responses('tablet')).toHaveLength(1);
		});

		it('she gives the three remarks a theme', async () => {
			await sara.goto(`${server.url}/staff/surveys/${survey.id}/open-answers?question=${keys.remark}`);
			await sara.getByLabel('Naam van het thema').fill('Trappenhal en lift');
			await press(sara, 'Maak thema');
			for (const n of [1, 2, 3]) await sara.getByLabel(`Kies antwoord ${n}`, { exact: true }).check();
			await sara.locator('#bulk-theme').selectOption({ label: 'Trappenhal en lift' });
			await press(sara, 'Geef dit thema');
			await expect.poll(() => sara.getByRole('status').innerText()).toContain('3 antwoorden kregen het thema.');
			await visited(sara, shot('08-open-answers'));
		});

		it('she reads the results per estate', async () => {
			await sara.goto(`${server.url}/staff/surveys/${survey.id}/results`);
			const who = await sara.getByRole('region', { name: 'Wie antwoordde' }).innerText();
			expect(who).toContain('Wallaysplein');
			expect(who).toContain('Vlashof');
			expect(await sara.locator('main').innerText()).toContain('Trappenhal en lift');
			await visited(sara, shot('09-results'));
		});

		it('she compares two waves, a year apart, of the demo survey', async () => {
			const demo = await server.db
				.selectFrom('surveys')
				.select('id')
				.where('status', '=', 'open')
				.where('id', '!=', survey.id)
				.orderBy('created_at')
				.executeTakeFirstOrThrow();
			await sara.goto(`${server.url}/staff/surveys/${demo.id}/compare`);
			const text = await sara.locator('main').innerText();
			expect(text).toContain('Ronde 1');
			expect(text).toContain('Ronde 2');
			await visited(sara, shot('10-compare'));
		});

		it('she shares the wave with the residents, saying what is done with it', async () => {
			await sara.goto(`${server.url}/staff/surveys/${survey.id}/results`);
			await Promise.all([sara.waitForURL(/\/publish/), sara.getByRole('link', { name: 'Delen met de bewoners' }).click()]);
			// Sharing without saying what is done with the answers is refused, next to the field.
			await press(sara, 'Deel met de bewoners');
			expect(await sara.locator('#f-feedback-nl-error').innerText()).toContain('Schrijf eerst wat er met de antwoorden gebeurt');
			await sara.locator('#f-feedback-nl').fill('De Vlashaard zet in maart nieuwe lampen in de trappenhallen.');
			await press(sara, 'Deel met de bewoners');
			expect(await sara.getByRole('status').innerText()).toContain('De bewoners zien deze ronde');
			await visited(sara, shot('11-publish'));
		});

		it('Jef reads "Wat je ons vertelde" on his phone: what is done, and no group of fewer than 5 answers', async () => {
			const context = await phone();
			const page = await context.newPage();
			await page.goto(`${server.url}/enquete/${survey.slug}/resultaten`);
			expect(await page.locator('h1').innerText()).toBe('Wat je ons vertelde');
			const main = await page.locator('main').innerText();
			expect(main).toContain('De Vlashaard zet in maart nieuwe lampen in de trappenhallen.');
			// Three answers in all: every group is under 5, so no count and no remark is shown.
			expect(main).toContain('minder dan 5');
			expect(main).not.toContain('De lift is vaak stuk');
			const counts = [...(await page.locator('svg desc').allTextContents()).join(';').matchAll(/: (\d+) \(/g)].map((m) => Number(m[1]));
			expect(counts.filter((n) => n > 0 && n < 5)).toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await visited(page, shot('12-public-phone'));
			await context.close();
		});
	});
}
