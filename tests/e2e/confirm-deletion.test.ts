// A deletion asks first (issue 12, point 8). With JavaScript, at a desk: Koen presses "Verwijder" next to Wevelgem's
// lift rule and a dialog asks, naming the rule; the focus is on "Nee, terug", Escape closes it and puts him back on his
// button, and nothing is deleted; "Ja, verwijderen" deletes it. Sara deletes a theme of the tenant survey the same way,
// and stops sharing a round's results (the one button of the publish form that asks). Without JavaScript, on a phone,
// the admin deletes a team: the press brings a page with the question, "Nee, terug" leads back with the team still
// there, "Ja, verwijderen" deletes it. The open dialog and the question page are checked with axe.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, expectAccessible, launchBrowser, openContext, PHONE, screenshot, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

describe.runIf(browserAvailable())('a deletion asks first', () => {
	let server: TestServer;
	let browser: Browser;
	const contexts: BrowserContext[] = [];
	const focused = (page: Page) =>
		page.evaluate(() => ({ text: document.activeElement?.textContent?.trim() ?? '', inDialog: !!document.activeElement?.closest('dialog') }));

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
	}, 180_000);
	afterAll(async () => {
		for (const c of contexts) await c.close();
		await browser?.close();
		await server?.stop();
	});

	async function personAt(options: Parameters<typeof openContext>[1], email: string): Promise<Page> {
		const context = await openContext(browser, { ...options, locale: 'nl-BE' });
		contexts.push(context);
		const page = await context.newPage();
		await signIn(page, server.url, email);
		return page;
	}

	it('Koen deletes a routing rule in a dialog: Escape keeps it and returns to his button, yes deletes it', async () => {
		const rule = await server.db
			.selectFrom('routing_rules as r')
			.innerJoin('signal_categories as c', 'c.id', 'r.category_id')
			.innerJoin('areas as a', 'a.id', 'r.area_id')
			.select('r.id')
			.where('c.key', '=', 'lift')
			.where('a.name', '=', 'Wevelgem')
			.executeTakeFirstOrThrow();
		const exists = async () => !!(await server.db.selectFrom('routing_rules').select('id').where('id', '=', rule.id).executeTakeFirst());
		const page = await personAt(DESKTOP, DEMO.coordinator);
		await page.goto(`${server.url}/staff/settings/signals`);
		const button = page.getByRole('button', { name: 'Verwijder Lift Wevelgem' });
		await button.click();
		const dialog = page.getByRole('dialog', { name: 'Regel verwijderen?' });
		await dialog.waitFor();
		expect(await dialog.innerText()).toContain('De regel voor Lift in Wevelgem wordt verwijderd.');
		expect(await focused(page)).toEqual({ text: 'Nee, terug', inDialog: true });
		await visited(page, 'confirm-1-rule-dialog');

		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		expect(await button.evaluate((el) => el === document.activeElement), 'the focus is back on his delete button').toBe(true);
		expect(page.url()).toBe(`${server.url}/staff/settings/signals`);
		expect(await exists()).toBe(true);

		// "Nee, terug" closes it too.
		await button.click();
		await dialog.getByRole('button', { name: 'Nee, terug' }).click();
		await dialog.waitFor({ state: 'hidden' });
		expect(await exists()).toBe(true);

		await button.click();
		await Promise.all([page.waitForURL(/klaar=rule_deleted/), dialog.getByRole('button', { name: 'Ja, verwijderen' }).click()]);
		expect(await exists()).toBe(false);
		expect(await page.getByRole('status').innerText()).toContain('De regel is verwijderd.');
		expect(await page.getByRole('button', { name: 'Verwijder Lift Wevelgem' }).count()).toBe(0);
	});

	it('Sara deletes a theme of the tenant survey, and stops sharing round 1, each after saying yes in a dialog', async () => {
		const wave = await server.db.selectFrom('survey_waves').select(['id', 'survey_id']).where('published_at', 'is not', null).executeTakeFirstOrThrow();
		const page = await personAt(DESKTOP, DEMO.communityWorker);
		await page.goto(`${server.url}/staff/surveys/${wave.survey_id}/open-answers`);
		const deleteTheme = page.locator('form[data-asks] button[type="submit"]', { hasText: 'Verwijder thema' }).first();
		const name = (await deleteTheme.locator('.visually-hidden').textContent())!.replace(/^:\s*/, '');
		const theme = await server.db
			.selectFrom('survey_themes')
			.select(['id', 'name'])
			.where('survey_id', '=', wave.survey_id)
			.where('name', '=', name)
			.executeTakeFirstOrThrow();
		await deleteTheme.click();
		const dialog = page.getByRole('dialog', { name: 'Thema verwijderen?' });
		await dialog.waitFor();
		expect(await dialog.innerText()).toContain(`Het thema '${theme.name}' wordt verwijderd.`);
		await expectAccessible(page, 'confirm-2-theme-dialog');
		await Promise.all([page.waitForLoadState('load'), dialog.getByRole('button', { name: 'Ja, verwijderen' }).click()]);
		await page.getByText('Het thema is verwijderd.').waitFor();
		expect(await server.db.selectFrom('survey_themes').select('id').where('id', '=', theme.id).executeTakeFirst()).toBeUndefined();

		// The publish form saves with one button and stops sharing with the other: only the second asks.
		const published = async () =>
			(await server.db.selectFrom('survey_waves').select('published_at').where('id', '=', wave.id).executeTakeFirstOrThrow()).published_at;
		await page.goto(`${server.url}/staff/surveys/${wave.survey_id}/publish?wave=${wave.id}`);
		await page.getByRole('button', { name: 'Niet meer delen' }).click();
		const stop = page.getByRole('dialog', { name: 'Resultaten niet meer delen?' });
		await stop.waitFor();
		expect(await stop.innerText()).toContain('De resultaten van ronde 1 van');
		await visited(page, 'confirm-3-withdraw-results-dialog');
		await Promise.all([page.waitForURL(/withdrawn/), stop.getByRole('button', { name: 'Ja, intrekken' }).click()]);
		expect(await published()).toBeNull();
		expect(await page.getByRole('status').first().innerText()).toContain('Deze ronde wordt niet meer gedeeld.');
	});

	it('without JavaScript the admin is asked on a page of its own: "Nee, terug" keeps the team, "Ja, verwijderen" deletes it', async () => {
		const team = await server.db
			.selectFrom('teams as t')
			.innerJoin('organisations as o', 'o.id', 't.organisation_id')
			.select(['t.id', 't.organisation_id'])
			.where('t.name', '=', 'Huurdersbegeleiding')
			.executeTakeFirstOrThrow();
		const exists = async () => !!(await server.db.selectFrom('teams').select('id').where('id', '=', team.id).executeTakeFirst());
		const page = await personAt({ ...PHONE, javaScriptEnabled: false }, DEMO.admin);
		const orgPage = `${server.url}/admin/organisations/${team.organisation_id}`;
		await page.goto(orgPage);
		const teamCard = page.locator('section.team', { has: page.getByRole('heading', { name: 'Huurdersbegeleiding' }) });
		await teamCard.getByText('Naam veranderen of team verwijderen').click();
		await Promise.all([page.waitForLoadState('load'), teamCard.getByRole('button', { name: 'Team verwijderen' }).click()]);
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Team verwijderen?');
		expect(await page.locator('main').innerText()).toContain(
			'Het team Huurdersbegeleiding wordt verwijderd. De leden blijven medewerker. Dit kan niet ongedaan gemaakt worden.'
		);
		expect(await page.getByRole('dialog').count()).toBe(0);
		expect(await exists()).toBe(true);
		await visited(page, 'confirm-4-team-question-page-nojs');

		await Promise.all([page.waitForURL(orgPage), page.getByRole('link', { name: 'Nee, terug' }).click()]);
		expect(await exists()).toBe(true);

		await teamCard.getByText('Naam veranderen of team verwijderen').click();
		await Promise.all([page.waitForLoadState('load'), teamCard.getByRole('button', { name: 'Team verwijderen' }).click()]);
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ja, verwijderen' }).click()]);
		expect(await exists()).toBe(false);
		expect(await page.getByRole('status').first().innerText()).toContain('Het team is verwijderd.');
		await screenshot(page, 'confirm-5-team-deleted-nojs');
	});
});
