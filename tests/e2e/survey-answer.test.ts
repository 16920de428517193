// Tenants of Vlashof answer the satisfaction survey on cheap phones with JavaScript off. Yasmina opens the poster's
// link, answers over several screens, switches to French halfway (her answers stay), closes the phone and comes back
// later on the same phone, checks and sends. Her neighbour Marc uses the code from his letter; his son tries the same
// code again and is told, in plain words, that it was used. Every page is checked with axe and kept as a screenshot.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { hashHouseholdCode, newHouseholdCode } from '../../src/core/surveys/codes';
import { browserAvailable, launchBrowser, openContext, PHONE, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`residents answer the tenant survey on a phone without JavaScript [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		let survey: { id: string; slug: string };
		let code: string;
		const shot = (step: string) => `survey-answer-${dialect}-${step}`;
		const phone = () => openContext(browser, { ...PHONE, javaScriptEnabled: false, locale: 'nl-BE' });
		const press = async (page: Page, name: RegExp | string) => {
			await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: typeof name === 'string' }).click()]);
		};
		const group = (page: Page, name: RegExp) => page.getByRole('group', { name });

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
			survey = await server.db.selectFrom('surveys').select(['id', 'slug']).where('status', '=', 'open').executeTakeFirstOrThrow();
			// A letter's code for the open wave, as the print run gave it to Marc's household on Vlashof.
			const wave = await server.db
				.selectFrom('survey_waves')
				.select('id')
				.where('survey_id', '=', survey.id)
				.orderBy('number', 'desc')
				.executeTakeFirstOrThrow();
			const vlashof = await server.db.selectFrom('estates').select('id').where('name', '=', 'Vlashof').executeTakeFirstOrThrow();
			const batch = await server.db.selectFrom('survey_code_batches').select('id').where('wave_id', '=', wave.id).executeTakeFirstOrThrow();
			code = newHouseholdCode();
			await server.db
				.insertInto('survey_codes')
				.values({ code_hash: hashHouseholdCode(code), survey_id: survey.id, wave_id: wave.id, batch_id: batch.id, estate_id: vlashof.id, status: 'unused' })
				.execute();
		}, 180_000);
		afterAll(async () => {
			await browser?.close();
			await server?.stop();
		});

		it('Yasmina answers by the poster link over several screens, switches to French, leaves, comes back and sends', async () => {
			const context: BrowserContext = await phone();
			let page = await context.newPage();
			const before = Number(
				(
					await server.db
						.selectFrom('survey_responses')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);

			await page.goto(`${server.url}/enquete/${survey.slug}`);
			expect(await page.locator('h2').first().innerText()).toBe('Voor je begint');
			await visited(page, shot('1-consent'));
			await page.getByLabel(/In welke wijk woon je/).selectOption({ label: 'Vlashof' });
			await press(page, 'Ik doe mee');

			// Screen 1: "next" without the required answers shows what is missing, linked to the questions.
			await press(page, 'Volgende');
			expect(await page.getByRole('alert').first().innerText()).toContain('Geef hier een antwoord.');
			await visited(page, shot('2-missing'));
			await group(page, /Hoe tevreden bent u over uw woning/)
				.getByRole('radio', { name: 'Tevreden', exact: true })
				.check();
			await group(page, /herstelling aan bij De Vlashaard/)
				.getByRole('radio', { name: 'Nee' })
				.check();
			await visited(page, shot('3-screen-1'));
			await press(page, 'Volgende');

			// Screen 2: "yes, I know the neighbourhood work" brings up two questions on the same screen.
			expect(await page.locator('h2').first().innerText()).toBe('Uw buurt en het buurtwerk');
			await group(page, /Hoe graag woont u in uw buurt/)
				.getByRole('radio', { name: 'Heel tevreden' })
				.check();
			await group(page, /Kent u het buurtwerk/)
				.getByRole('radio', { name: 'Ja' })
				.check();
			await press(page, 'Volgende');
			expect(await page.getByRole('status').innerText()).toContain('Door je antwoord komt er een vraag bij');
			await group(page, /Aan welke activiteiten nam u deel/)
				.getByRole('checkbox', { name: 'De plantenruil' })
				.check();
			await visited(page, shot('4-appeared'));

			// Halfway, in French for her mother: the ticked box stays, the questions and buttons are in French.
			await page.locator('main').getByLabel('Taal · Langue · Language').selectOption('fr');
			await press(page, 'Andere taal');
			expect(await page.locator('h2').first().innerText()).toBe('Votre quartier et le travail de quartier');
			expect(
				await group(page, /À quelles activités/)
					.getByRole('checkbox', { name: "L'échange de plantes" })
					.isChecked()
			).toBe(true);
			expect(
				await group(page, /Aimez-vous vivre dans votre quartier/)
					.getByRole('radio', { name: 'Très content' })
					.isChecked()
			).toBe(true);
			await visited(page, shot('5-french'));
			await page.getByLabel(/Depuis combien/).fill('12');
			await press(page, 'Suivant');

			// She closes the phone; later, on the same phone, the survey opens where she was.
			await page.close();
			page = await context.newPage();
			await page.goto(`${server.url}/enquete/${survey.slug}`);
			expect(await page.getByRole('status').innerText()).toContain('Bon retour');
			expect(await page.locator('h2').first().innerText()).toBe('Vos idées');
			await page
				.getByLabel(/De quoi avez-vous besoin|Wat heb je nodig|besoin/)
				.first()
				.fill('Un banc près de l’aire de jeux');
			await visited(page, shot('6-back-later'));
			await press(page, 'Vers le résumé');

			expect(await page.locator('h2').first().innerText()).toBe('Vérifiez vos réponses');
			const check = await page.locator('main').innerText();
			expect(check).toContain('4 – Content');
			expect(check).toContain("L'échange de plantes");
			expect(check).toContain('12');
			await visited(page, shot('7-check'));
			await press(page, 'Envoyer mes réponses');
			expect(new URL(page.url()).pathname).toBe(`/enquete/${survey.slug}/bedankt`);
			expect(await page.locator('h1').innerText()).toBe('Merci pour vos réponses !');
			await visited(page, shot('8-thanks'));
			const after = Number(
				(
					await server.db
						.selectFrom('survey_responses')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
			expect(after).toBe(before + 1);
			await context.close();
		});

		it('with JavaScript, the repair question shows and hides as soon as she answers, and "next" goes on at once', async () => {
			const context = await openContext(browser, { ...PHONE, locale: 'nl-BE' });
			const page = await context.newPage();
			await page.goto(`${server.url}/enquete/${survey.slug}`);
			await press(page, 'Ik doe mee');
			const repair = group(page, /hoe snel de herstelling/);
			expect(await repair.count()).toBe(0);
			await group(page, /Hoe tevreden bent u over uw woning/)
				.getByRole('radio', { name: 'Tevreden', exact: true })
				.check();
			await group(page, /herstelling aan bij De Vlashaard/)
				.getByRole('radio', { name: 'Ja' })
				.check();
			await repair.getByRole('radio', { name: 'Heel tevreden' }).check();
			await visited(page, shot('js-appeared'));
			await group(page, /herstelling aan bij De Vlashaard/)
				.getByRole('radio', { name: 'Nee' })
				.check();
			expect(await repair.count()).toBe(0);
			await group(page, /herstelling aan bij De Vlashaard/)
				.getByRole('radio', { name: 'Ja' })
				.check();
			await press(page, 'Volgende');
			expect(new URL(page.url()).search).toBe('?stap=2');
			await press(page, 'Vorige');
			expect(
				await group(page, /hoe snel de herstelling/)
					.getByRole('radio', { name: 'Heel tevreden' })
					.isChecked()
			).toBe(true);
			await context.close();
		});

		it('Marc types the code from his letter and answers; his son tries the same code again and is told it was used', async () => {
			const context = await phone();
			const page = await context.newPage();
			await page.goto(`${server.url}/enquete`);
			await visited(page, shot('9-code'));
			await page.getByLabel(/De code uit je brief/).fill(code.toLowerCase().replace('-', ' '));
			await press(page, 'Verder');
			expect(new URL(page.url()).pathname).toBe(`/enquete/${survey.slug}`);
			expect(page.url()).not.toContain(code);
			expect(await page.locator('main').innerText()).toContain('Je antwoordt met de code uit je brief');
			await press(page, 'Ik doe mee');
			await group(page, /Hoe tevreden bent u over uw woning/)
				.getByRole('radio', { name: 'Ontevreden', exact: true })
				.check();
			await group(page, /herstelling aan bij De Vlashaard/)
				.getByRole('radio', { name: 'Ja' })
				.check();
			await press(page, 'Volgende');
			await group(page, /hoe snel de herstelling/)
				.getByRole('radio', { name: 'Heel ontevreden' })
				.check();
			await press(page, 'Volgende');
			await group(page, /Hoe graag woont u in uw buurt/)
				.getByRole('radio', { name: 'Tevreden', exact: true })
				.check();
			await group(page, /Kent u het buurtwerk/)
				.getByRole('radio', { name: 'Nee' })
				.check();
			await press(page, 'Volgende');
			await press(page, 'Naar het overzicht');
			await press(page, 'Verstuur mijn antwoorden');
			expect(await page.locator('h1').innerText()).toBe('Bedankt voor je antwoorden!');
			await context.close();

			const son = await phone();
			const again = await son.newPage();
			await again.goto(`${server.url}/enquete`);
			await again.getByLabel(/De code uit je brief/).fill(code);
			await press(again, 'Verder');
			expect(await again.getByRole('alert').innerText()).toContain('Kijk dit na');
			expect(await again.locator('#code-error').innerText()).toContain('Met deze code is al geantwoord');
			await visited(again, shot('10-code-used'));
			await son.close();
		});
	});
}
