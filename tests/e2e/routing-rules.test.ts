// Koen coordinates the institute's work in Wevelgem. De Vlashaard asks for lift failures to be handled faster: he
// opens the signal settings on a phone without JavaScript, changes the lift rule of Wevelgem in place (a shorter
// deadline, urgent), and sees it changed in the list; the audit log says what went from what to what. When he tries to
// make it the rule for all areas, which already has one, he is told so next to the field, in Dutch, and nothing
// changes. With JavaScript, at desktop width, the same form works the same. Every page is checked with axe.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn, visited } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

describe.runIf(browserAvailable())('a coordinator changes a routing rule in place', () => {
	let server: TestServer;
	let browser: Browser;
	let phone: BrowserContext;
	let desktop: BrowserContext;
	let page: Page;
	let ruleId: string;

	const liftRule = () =>
		server.db
			.selectFrom('routing_rules as r')
			.innerJoin('signal_categories as c', 'c.id', 'r.category_id')
			.innerJoin('areas as a', 'a.id', 'r.area_id')
			.select(['r.id', 'r.deadline_days', 'r.priority', 'r.area_id', 'r.team_id'])
			.where('c.key', '=', 'lift')
			.where('a.name', '=', 'Wevelgem')
			.executeTakeFirstOrThrow();
	const row = (p: Page) => p.locator('#rules ~ div tr', { has: p.getByRole('link', { name: 'Wijzig Lift Wevelgem' }) });

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		phone = await openContext(browser, { ...PHONE, locale: 'nl-BE', javaScriptEnabled: false });
		desktop = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		page = await phone.newPage();
		const rule = await liftRule();
		ruleId = rule.id;
		expect(rule, 'the demo routes Wevelgem’s lifts to De Vlashaard’s technical team in 5 working days, high').toMatchObject({
			deadline_days: 5,
			priority: 'high'
		});
	}, 180_000);
	afterAll(async () => {
		await phone?.close();
		await desktop?.close();
		await browser?.close();
		await server?.stop();
	});

	it('Koen opens the lift rule of Wevelgem from the list: its form is filled in with the rule as it is', async () => {
		await signIn(page, server.url, DEMO.coordinator);
		await page.goto(`${server.url}/staff/settings/signals`);
		expect(await row(page).innerText()).toContain('5 werkdagen');
		await Promise.all([page.waitForURL(/regel=/), page.getByRole('link', { name: 'Wijzig Lift Wevelgem' }).click()]);
		expect(await page.getByRole('heading', { name: 'Regel wijzigen: Lift · Wevelgem' }).count()).toBe(1);
		expect(await page.locator('#field-deadlineDays').inputValue()).toBe('5');
		expect(await page.getByLabel('Voorrang').inputValue()).toBe('high');
		expect(await page.getByLabel('Buurt').locator('option:checked').innerText()).toBe('Wevelgem');
		await visited(page, 'routing-rules-1-edit-form-phone');
	});

	it('he makes it 3 working days and urgent: the same rule changes, the list shows it, the audit log says old → new', async () => {
		await page.locator('#field-deadlineDays').fill('3');
		await page.getByLabel('Voorrang').selectOption({ label: 'Dringend' });
		await Promise.all([page.waitForURL(/klaar=rule_updated/), page.getByRole('button', { name: 'Regel opslaan' }).click()]);
		expect(await page.getByRole('status').innerText()).toBe('De regel is gewijzigd.');
		expect(await row(page).innerText()).toMatch(/3 werkdagen[\s\S]*Dringend/);
		await visited(page, 'routing-rules-2-changed');
		const rule = await liftRule();
		expect(rule).toMatchObject({ id: ruleId, deadline_days: 3, priority: 'urgent' });
		const entries = await server.db
			.selectFrom('audit_log')
			.select(['action', 'summary'])
			.where('resource_id', '=', ruleId)
			.where('action', '=', 'routing_rule_update')
			.execute();
		expect(entries).toEqual([{ action: 'routing_rule_update', summary: 'deadline_days: 5 → 3; priority: high → urgent' }]);
	});

	it('making it the rule for all areas, which has one already, is refused next to the field, and nothing changes', async () => {
		await page.goto(`${server.url}/staff/settings/signals?regel=${ruleId}#rule-form`);
		await page.getByLabel('Buurt').selectOption({ label: 'Alle buurten' });
		await page.getByRole('button', { name: 'Regel opslaan' }).click();
		await page.waitForLoadState();
		const message = 'Er is al een regel voor Lift in alle buurten. Pas die regel aan, of kies een andere soort of buurt.';
		expect(await page.locator('#field-areaId-error').innerText()).toBe(message);
		expect(await page.getByLabel('Buurt').getAttribute('aria-invalid')).toBe('true');
		// Still the form of the same rule, with what he chose, to correct.
		expect(await page.getByRole('heading', { name: 'Regel wijzigen: Lift · Wevelgem' }).count()).toBe(1);
		await visited(page, 'routing-rules-3-conflict');
		expect(await liftRule()).toMatchObject({ id: ruleId, deadline_days: 3, priority: 'urgent' });
	});

	it('with JavaScript at desktop width the same form changes the team back to none', async () => {
		const p = await desktop.newPage();
		await signIn(p, server.url, DEMO.coordinator);
		await p.goto(`${server.url}/staff/settings/signals`);
		await Promise.all([p.waitForURL(/regel=/), p.getByRole('link', { name: 'Wijzig Lift Wevelgem' }).click()]);
		await p.getByLabel('Team (mag leeg)').selectOption({ label: 'Geen team' });
		await Promise.all([p.waitForURL(/klaar=rule_updated/), p.getByRole('button', { name: 'Regel opslaan' }).click()]);
		expect(await row(p).innerText()).not.toContain('Technische dienst');
		await visited(p, 'routing-rules-4-desktop');
		expect(await liftRule()).toMatchObject({ id: ruleId, team_id: null, deadline_days: 3 });
		await p.close();
	});
});
