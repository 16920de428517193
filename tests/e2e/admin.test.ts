// Ann runs Leefbaar for the regional institute. She opens the admin pages, looks at the staff list and invites a new
// community worker, who then appears as invited. Every page must be accessible.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, followLink, launchBrowser, openContext, signIn, visited } from '../support/browser';
import { readFileMailbox } from '../../src/core/mail/transport';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

describe.runIf(browserAvailable())('an admin manages staff accounts', () => {
	let server: TestServer;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let invitationLink = '';

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer({ dialect: 'sqlite' }), launchBrowser()]);
		context = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		page = await context.newPage();
	});
	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await server?.stop();
	});

	it('signs in and reaches the admin overview from the menu', async () => {
		await signIn(page, server.url, DEMO.admin);
		await Promise.all([page.waitForURL('**/admin'), page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Beheer' }).click()]);
		expect(await page.locator('h1').innerText()).toBe('Beheer');
		await visited(page, 'admin-1-overview');
	});

	it('sees the staff list with the demo accounts', async () => {
		await followLink(page, /^\/admin\/users$/, 'the staff list');
		expect(await page.locator('h1').innerText()).toBe('Medewerkers');
		const text = await page.locator('main').innerText();
		for (const email of Object.values(DEMO)) expect(text).toContain(email);
		await visited(page, 'admin-2-users');
	});

	it('invites a new community worker, who shows up as invited', async () => {
		await followLink(page, /^\/admin\/users\/invite$/, 'the invitation form');
		expect(await page.locator('h1').innerText()).toBe('Iemand uitnodigen');
		await visited(page, 'admin-3-invite-form');
		await page.getByLabel(/^E-mailadres/).fill('nieuwe.opbouwwerker@leefbaar.demo');
		await page.getByLabel(/^Naam/).fill('Jonas Nieuw');
		await page.locator('select#role').selectOption('community_worker');
		const organisation = page.locator('select#organisationId');
		const options = await organisation
			.locator('option')
			.evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
		await organisation.selectOption(options.find((o) => o.label.includes('Samenlevingsopbouw'))?.value ?? options[1].value);
		await Promise.all([page.waitForURL((url) => url.pathname !== '/admin/users/invite'), page.locator('main form button[type="submit"]').last().click()]);
		expect(await page.locator('main').innerText()).toContain('nieuwe.opbouwwerker@leefbaar.demo');
		await visited(page, 'admin-4-invited');
		const user = await server.db
			.selectFrom('users')
			.select(['role', 'password_hash'])
			.where('email', '=', 'nieuwe.opbouwwerker@leefbaar.demo')
			.executeTakeFirstOrThrow();
		expect(user).toEqual({ role: 'community_worker', password_hash: null });
	});

	it('finds the invitation mail in the test mailbox, with the secret of its link hidden from her', async () => {
		await page.goto(`${server.url}/dev/mailbox`);
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Wachtende e-mails nu versturen' }).click()]);
		const mail = page.locator('article.mail', { hasText: 'nieuwe.opbouwwerker@leefbaar.demo' }).first();
		expect(await mail.locator('h2').innerText()).toBe('Je bent uitgenodigd voor Leefbaar');
		await visited(page, 'admin-5-mailbox');
		// The mail is for the newcomer, not for Ann: the page must not hand her a live invitation token.
		expect(await mail.innerText()).toContain('deze e-mail is niet voor jou');
		expect(await mail.locator('a[href*="/invitation/"]').count()).toBe(0);
		// The newcomer reads it in their own mailbox: here, the file the server wrote for them.
		const delivered = readFileMailbox(join(server.dataDir, 'outbox')).find((m) => m.to.includes('nieuwe.opbouwwerker@leefbaar.demo'));
		invitationLink = delivered?.text.match(/https?:\/\/\S+\/invitation\/[\w-]+/)?.[0] ?? '';
		expect(invitationLink).toMatch(/\/invitation\/[\w-]+$/);
	});

	it('the new community worker follows the link, chooses a password and is signed in', async () => {
		const newcomer = await openContext(browser, { ...DESKTOP, locale: 'nl-BE' });
		try {
			const tab = await newcomer.newPage();
			await tab.goto(invitationLink.replace(/^https?:\/\/[^/]+/, server.url));
			await visited(tab, 'admin-6-invitation');
			await tab.getByLabel(/^Nieuw wachtwoord/).fill('een-lang-wachtwoord-2026');
			await tab.getByLabel(/^Typ het wachtwoord nog een keer/).fill('een-lang-wachtwoord-2026');
			await Promise.all([tab.waitForURL((url) => !url.pathname.startsWith('/invitation/')), tab.locator('main form button[type="submit"]').click()]);
			expect(await tab.locator('footer').innerText()).toContain('Jonas Nieuw');
			await visited(tab, 'admin-7-newcomer-home');
		} finally {
			await newcomer.close();
		}
	});
});
