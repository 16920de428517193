// Real Chromium (Debian's package) driven by playwright-core, with an accessibility check (axe-core) and a screenshot
// of every page a story visits. Under CI=true a missing Chromium fails the run instead of skipping the browser tests.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/demo/data';
import { ROOT } from './server';

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

/** CHROMIUM_PATH, else the chromium on PATH; null when there is none. */
export function chromiumPath(): string | null {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
	for (const name of ['chromium', 'chromium-browser']) {
		try {
			const found = execSync(`command -v ${name}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
			if (found) return found;
		} catch {
			// not installed under this name
		}
	}
	return null;
}

/** Whether the browser tests can run here; under CI=true a missing Chromium is an error, not a reason to skip. */
export function browserAvailable(): boolean {
	const path = chromiumPath();
	if (!path && process.env.CI === 'true') throw new Error('Chromium is required under CI=true: install it (apt-get install chromium) or set CHROMIUM_PATH.');
	if (!path) console.warn('No Chromium found (set CHROMIUM_PATH): the browser tests are skipped.');
	return !!path;
}

export async function launchBrowser(): Promise<Browser> {
	const executablePath = chromiumPath();
	if (!executablePath) throw new Error('No Chromium found: set CHROMIUM_PATH.');
	return chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

let axeSource: string | undefined;
const noScriptContexts = new WeakMap<BrowserContext, { browser: Browser; options: BrowserContextOptions }>();

/** A browser context (a person's browser); with javaScriptEnabled: false it stands for a phone without JavaScript. */
export async function openContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
	const context = await browser.newContext(options);
	if (options.javaScriptEnabled === false) noScriptContexts.set(context, { browser, options });
	return context;
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string; html: string }> };

/**
 * Runs axe-core on the page and fails with a readable list of violations. axe needs timers, which do not run on a page
 * without JavaScript: there the very DOM the person sees is copied into a checking page at the same address and size.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
	axeSource ??= readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
	const noScript = noScriptContexts.get(page.context());
	let target = page;
	let checker: BrowserContext | undefined;
	if (noScript) {
		checker = await noScript.browser.newContext({ ...noScript.options, javaScriptEnabled: true });
		await checker.addCookies(await page.context().cookies());
		target = await checker.newPage();
		await target.goto(page.url());
		await target.setContent(await page.content());
	}
	try {
		await target.evaluate(`${axeSource}\n;void 0;`);
		const violations = (await target.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
		const readable = violations.map(
			(v) =>
				`- ${v.id} (${v.impact}): ${v.help}\n${v.nodes
					.slice(0, 5)
					.map((n) => `    at ${n.target.join(' ')}: ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replaceAll('\n', '\n      ')}`)
					.join('\n')}`
		);
		expect(readable, `accessibility problems on ${name} (${page.url()})`).toEqual([]);
	} finally {
		await checker?.close();
	}
}

/** A full-page screenshot in test-results/screenshots/<name>.png, to look at after the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Every page a story visits: it must be accessible, and we keep a picture of it. */
export async function visited(page: Page, name: string): Promise<void> {
	await screenshot(page, name);
	await expectAccessible(page, name);
}

/** Signs in through the login form, as a person does. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel(/e-mail|email/i).fill(email);
	await page.getByLabel(/wachtwoord|mot de passe|password/i).fill(password);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/login')),
		page.getByRole('button', { name: /aanmelden|se connecter|sign in/i }).click()
	]);
}

/** Follows the first link in the page's main content whose address matches, as a person tapping it would. */
export async function followLink(page: Page, href: RegExp, what: string): Promise<{ href: string; text: string }> {
	const links = await page
		.locator('main a[href]')
		.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })));
	const target = links.find((l) => href.test(l.href));
	if (!target) throw new Error(`No link to ${what} (${href}) on ${page.url()}; links there: ${links.map((l) => l.href).join(', ') || 'none'}`);
	await Promise.all([page.waitForURL((url) => url.pathname + url.search === target.href), page.locator(`main a[href="${target.href}"]`).first().click()]);
	return target;
}
