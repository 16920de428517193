// Sara, community worker, builds the tenant satisfaction survey of Wallaysplein and Vlashof (Wevelgem) in the browser:
// she makes the survey, two parts with a smiley scale, a yes/no question, a choice that only shows after "yes" and a
// number, previews it on a phone frame, opens it, generates the household codes and downloads the letters (a PDF with
// a page per household) while the codes page shows the new counts, and types in one paper form. Every page is checked
// with axe-core and photographed (1280 px). Runs on SQLite, and on PostgreSQL when it is there.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { browserAvailable, DESKTOP, launchBrowser, openContext, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

for (const dialect of testDialects()) {
	describe.runIf(browserAvailable())(`a worker builds, previews, opens and hands out a survey [${dialect}]`, () => {
		let server: TestServer;
		let browser: Browser;
		let context: BrowserContext;
		let sara: Page;
		let surveyId = '';
		const shot = (step: string) => `survey-builder-${dialect}-${step}`;
		const submit = async (page: Page, button: RegExp, scope = page.locator('main')) => {
			await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), scope.getByRole('button', { name: button }).first().click()]);
		};

		/** Opens the "add a question" form of a part, fills it and sends it. */
		async function addQuestion(section: number, kind: string, label: string, extra: { options?: string; condition?: string; required?: boolean } = {}) {
			const form = sara.locator(`#section-${section} details.add`);
			await form.evaluate((d) => ((d as HTMLDetailsElement).open = true));
			await form.locator('select[name="kind"]').selectOption(kind);
			await form.locator('input[name="label.nl"]').fill(label);
			if (extra.options) await form.locator('textarea[name="options"]').fill(extra.options);
			if (extra.condition) await form.locator('select[name="condition"]').selectOption({ label: extra.condition });
			if (extra.required) await form.locator('input[name="required"]').check();
			await submit(sara, /voeg de vraag toe/i, form);
			await expect.poll(() => sara.locator('.notice[role="status"]').textContent()).toContain('Bewaard');
		}

		beforeAll(async () => {
			[server, browser] = await Promise.all([startServer({ dialect }), launchBrowser()]);
			context = await openContext(browser, { ...DESKTOP, locale: 'nl-BE', acceptDownloads: true });
			sara = await context.newPage();
		}, 180_000);
		afterAll(async () => {
			await context?.close();
			await browser?.close();
			await server?.stop();
		});

		it('Sara makes the survey for two Wevelgem estates', async () => {
			await signIn(sara, server.url, DEMO.communityWorker);
			await Promise.all([sara.waitForURL(/\/staff\/surveys$/), sara.getByRole('link', { name: 'Enquêtes', exact: true }).click()]);
			await visited(sara, shot('1-list'));
			await Promise.all([sara.waitForURL(/\/staff\/surveys\/new$/), sara.getByRole('link', { name: 'Nieuwe enquête' }).click()]);
			// Sent empty: the reasons stand at the top, each a link to its field, and next to the fields.
			await submit(sara, /maak de enquête/i);
			expect(await sara.locator('.notice.error a[href="#f-title-nl"]').count()).toBe(1);
			expect((await sara.locator('#f-title-nl-error').textContent())?.trim()).toBe('Schrijf de tekst minstens in het Nederlands.');
			await visited(sara, shot('2a-new-errors'));
			await sara.locator('#f-title-nl').fill('Hoe woont u in Wevelgem?');
			await sara.locator('#f-consent-nl').fill('Je antwoorden zijn anoniem. De Vlashaard en het buurtwerk zien alleen de cijfers.');
			const estateBox = (name: string) => sara.locator('fieldset#f-estateIds > label', { hasText: name }).locator('input[name="estateIds"]');
			await estateBox('Wallaysplein').check();
			await estateBox('Vlashof').check();
			await visited(sara, shot('2-new'));
			await Promise.all([sara.waitForURL(/\/structure\?created$/), sara.getByRole('button', { name: 'Maak de enquête' }).click()]);
			surveyId = /\/staff\/surveys\/([^/]+)\/structure/.exec(sara.url())![1];
		});

		it('she adds two parts with a smiley scale, yes/no, a choice shown only after "yes", and a number', async () => {
			await sara.locator('#new-f-title-nl').fill('Uw woning');
			await submit(sara, /voeg het deel toe/i);
			await addQuestion(0, 'scale', 'Hoe tevreden bent u over uw woning?', { required: true });
			await addQuestion(0, 'yes_no', 'Vroeg u het voorbije jaar een herstelling aan?');
			await addQuestion(0, 'single_choice', 'Hoe snel werd het hersteld?', {
				options: 'Binnen de week\nBinnen de maand\nNog niet',
				condition: 'Vroeg u het voorbije jaar een herstelling aan?: ja'
			});
			await sara.locator('#new-f-title-nl').fill('Uw buurt');
			await submit(sara, /voeg het deel toe/i);
			await addQuestion(1, 'number', 'Hoeveel jaar woont u hier?');
			// A French text and an easy-read variant for the first question.
			const first = sara.locator('#question-0-0 details').first();
			await first.evaluate((d) => ((d as HTMLDetailsElement).open = true));
			await first.locator('input[name="label.nl.easy"], textarea[name="label.nl.easy"]').first().fill('Bent u blij met uw huis?');
			await first
				.locator('details')
				.first()
				.evaluate((d) => ((d as HTMLDetailsElement).open = true));
			await first.locator('[name="label.fr"]').first().fill('Êtes-vous satisfait de votre logement ?');
			await submit(sara, /bewaar de vraag/i, first);
			await expect.poll(() => sara.locator('#question-0-2 .q-line').textContent()).toContain('alleen als');
			await visited(sara, shot('3-structure'));
			// A number whose smallest value is above its largest is refused next to the field, and nothing is saved.
			const years = sara.locator('#question-1-0 details').first();
			await years.evaluate((d) => ((d as HTMLDetailsElement).open = true));
			await years.locator('[name="min"]').fill('80');
			await years.locator('[name="max"]').fill('0');
			await submit(sara, /bewaar de vraag/i, years);
			expect((await sara.locator('#q1-0-f-max-error').textContent())?.trim()).toBe('Het kleinste getal is groter dan het grootste.');
			expect(await sara.locator('.notice.error a[href="#q1-0-f-max"]').count()).toBe(1);
			await visited(sara, shot('3b-structure-refused'));
			const version = await server.db.selectFrom('survey_versions').select('structure').where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
			const s = (typeof version.structure === 'string' ? JSON.parse(version.structure) : version.structure) as {
				sections: Array<{ questions: Array<{ kind: string; label: unknown; condition?: unknown }> }>;
			};
			expect(s.sections.map((x) => x.questions.map((q) => q.kind))).toEqual([['scale', 'yes_no', 'single_choice'], ['number']]);
			expect(s.sections[0].questions[0].label).toEqual({
				nl: { text: 'Hoe tevreden bent u over uw woning?', easy: 'Bent u blij met uw huis?' },
				fr: { text: 'Êtes-vous satisfait de votre logement ?' }
			});
			expect(s.sections[0].questions[2].condition).toMatchObject({ is: 'yes' });
		});

		it('she previews it on a phone frame, in French and easy read', async () => {
			await sara.goto(`${server.url}/staff/surveys/${surveyId}/preview?taal=fr&eenvoudig=1`);
			const frame = sara.frameLocator('iframe');
			await expect.poll(() => frame.locator('h1').first().textContent()).toBeTruthy();
			const box = await sara.locator('iframe').boundingBox();
			expect(Math.round(box!.width)).toBe(360);
			expect(Math.round(box!.height)).toBe(740);
			await visited(sara, shot('4-preview'));
			await sara.goto(`${server.url}/staff/surveys/${surveyId}/preview/frame?taal=fr&eenvoudig=1`);
			await expect(sara.locator('main').textContent()).resolves.toContain('Êtes-vous satisfait de votre logement ?');
			await visited(sara, shot('4b-all-questions'));
			expect(await server.db.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).execute()).toHaveLength(0);
		});

		it('she opens it: wave 1 starts', async () => {
			await sara.goto(`${server.url}/staff/surveys/${surveyId}`);
			await submit(sara, /open de enquête voor bewoners/i);
			await expect(sara.locator('main').textContent()).resolves.toContain('nu bezig');
			await visited(sara, shot('5-open'));
		});

		it('she generates the household codes: the letters download by themselves and the page shows the new counts', async () => {
			await sara.goto(`${server.url}/staff/surveys/${surveyId}/codes`);
			await visited(sara, shot('6-codes'));
			const main = sara.locator('main');
			await expect(main.textContent()).resolves.toContain('Er zijn nog geen brieven gemaakt in deze ronde.');
			const wave = await server.db.selectFrom('survey_waves').select('id').where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
			const perEstate = await server.db
				.selectFrom('survey_wave_estates as w')
				.innerJoin('estates as e', 'e.id', 'w.estate_id')
				.select(['e.name', 'w.households'])
				.where('w.wave_id', '=', wave.id)
				.execute();
			const households = perEstate.reduce((n, e) => n + Number(e.households), 0);
			expect(households).toBeGreaterThan(10);
			const unused = (estate: string) => main.locator('tbody tr', { hasText: estate }).locator('td').nth(1).textContent();
			for (const e of perEstate) expect(await unused(e.name)).toBe('0');

			const [download] = await Promise.all([sara.waitForEvent('download'), sara.getByRole('button', { name: /download de brieven/i }).click()]);
			expect(download.suggestedFilename()).toBe('brieven-ronde-1.pdf');
			const pdf = readFileSync((await download.path())!).toString('latin1');
			expect(pdf.startsWith('%PDF-')).toBe(true);
			expect(pdf.match(/\/Type \/Page\b(?!s)/g)?.length).toBe(households);
			// Without a reload, the page she is on shows the new state: the codes per estate and the run just made.
			await expect(main.textContent()).resolves.toContain(`Reeks 1: ${households} brieven`);
			for (const e of perEstate) expect(await unused(e.name)).toBe(String(e.households));
			await expect(sara.getByRole('status').first().textContent()).resolves.toContain('De brieven van reeks 1 zijn klaar');
			// The run leaves the address: a reload neither downloads again nor makes codes.
			await expect.poll(() => new URL(sara.url()).searchParams.has('brieven')).toBe(false);
			await visited(sara, shot('6b-codes-made'));
			let downloads = 0;
			const count = () => downloads++;
			sara.on('download', count);
			await sara.reload();
			await sara.waitForTimeout(1000);
			sara.off('download', count);
			expect(downloads).toBe(0);
			await expect(main.textContent()).resolves.toContain(`Reeks 1: ${households} brieven`);
			expect(await server.db.selectFrom('survey_code_batches').select('id').where('wave_id', '=', wave.id).execute()).toHaveLength(1);
			// A lost download: the same letters again from the list of runs.
			const [again] = await Promise.all([sara.waitForEvent('download'), main.getByRole('link', { name: 'Download de brieven van reeks 1 (PDF)' }).click()]);
			expect(
				readFileSync((await again.path())!)
					.toString('latin1')
					.match(/\/Type \/Page\b(?!s)/g)?.length
			).toBe(households);
		});

		it('she types in one paper form', async () => {
			await sara.goto(`${server.url}/staff/surveys/${surveyId}/paper`);
			await sara.locator('#f-estateId').selectOption({ label: 'Vlashof' });
			const form = sara.locator('form.paper');
			await form.getByRole('radio', { name: '4 · Tevreden' }).check();
			await form.getByRole('radio', { name: 'Ja', exact: true }).check();
			await form.getByLabel('Binnen de maand').check();
			await form.locator('input[name="a.hoeveel_jaar_woont_u_hier"]').fill('7');
			await submit(sara, /bewaar het formulier/i, form);
			await expect(sara.locator('main').textContent()).resolves.toContain('Het formulier is bewaard.');
			await visited(sara, shot('7-paper'));
			const rows = await server.db.selectFrom('survey_responses').select(['channel', 'estate_id']).where('survey_id', '=', surveyId).execute();
			const vlashof = await server.db.selectFrom('estates').select('id').where('name', '=', 'Vlashof').executeTakeFirstOrThrow();
			expect(rows).toEqual([{ channel: 'paper', estate_id: vlashof.id }]);
		});
	});
}
