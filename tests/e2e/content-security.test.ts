// The Content-Security-Policy in a real browser: every page that runs JavaScript works under it, and Chromium reports
// no violation — Jonas's report form with its map (Leaflet, tiles from the configured tile server on another host),
// an area's map, a survey screen whose questions appear as a resident answers (an inline script allowed by its hash),
// the staff signal page, the survey tablet and the intake form (SvelteKit's start script with its nonce, the service
// workers). And the listener is real: an image from a host the policy does not name is reported.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, openContext, PHONE, signIn } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { DEMO } from '../support/session';

/** A 1×1 PNG: what the tile server answers for every tile. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe.runIf(browserAvailable())('pages with JavaScript run under the Content-Security-Policy', () => {
	let server: TestServer;
	let tiles: Server;
	let tilesPort: number;
	const tileRequests: string[] = [];
	let browser: Browser;

	/** A browser context that records every CSP violation (DOM event and console) of its pages. */
	async function watched(options: Parameters<typeof openContext>[1]): Promise<{ context: BrowserContext; violations: () => Promise<string[]> }> {
		const context = await openContext(browser, options);
		const consoleReports: string[] = [];
		await context.addInitScript(() => {
			(window as unknown as { __csp: string[] }).__csp = [];
			document.addEventListener('securitypolicyviolation', (e) =>
				(window as unknown as { __csp: string[] }).__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
			);
		});
		context.on('console', (m) => {
			if (/Content.Security.Policy/i.test(m.text())) consoleReports.push(m.text());
		});
		const violations = async () => {
			const fromPages = await Promise.all(
				context.pages().map((p) => p.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [] as string[]))
			);
			return [...fromPages.flat(), ...consoleReports];
		};
		return { context, violations };
	}

	beforeAll(async () => {
		tiles = createServer((req, res) => {
			tileRequests.push(req.url ?? '');
			res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
			res.end(PIXEL);
		});
		await new Promise<void>((ok) => tiles.listen(0, '127.0.0.1', ok));
		tilesPort = (tiles.address() as AddressInfo).port;
		// The tiles come from another origin than the app (another port): only MAP_TILES_URL lets the browser load them.
		[server, browser] = await Promise.all([
			startServer({ dialect: 'sqlite', env: { MAP_TILES_URL: `http://127.0.0.1:${tilesPort}/{z}/{x}/{y}.png` } }),
			launchBrowser()
		]);
	}, 180_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await new Promise((ok) => tiles?.close(ok));
	});

	it('Jonas’s report form: the map loads with its tiles from the configured host, and the pin works', async () => {
		const estate = await server.db.selectFrom('estates').select('slug').where('name', '=', 'Wallaysplein').executeTakeFirstOrThrow();
		const { context, violations } = await watched({ ...PHONE, locale: 'nl-BE' });
		const page = await context.newPage();
		await page.goto(`${server.url}/melden/${estate.slug}`);
		await page.waitForLoadState('load');
		// The inline pin-choice script runs: it shows the map option (hidden without JavaScript).
		await expect.poll(() => page.getByLabel('Op een punt op de kaart').isVisible()).toBe(true);
		await page.getByLabel('Straat, park, openbare ruimte').check();
		await page.getByLabel('Op een punt op de kaart').check();
		await page.locator('#pin-map.leaflet-container').waitFor();
		await expect.poll(() => page.locator('#pin-map img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
		expect(tileRequests.length).toBeGreaterThan(0);
		const box = (await page.locator('#pin-map').boundingBox())!;
		await page.locator('#pin-map').click({ position: { x: box.width / 2, y: box.height / 2 } });
		expect(await page.locator('input[name="lon"]').inputValue()).not.toBe('');
		expect(await violations()).toEqual([]);
		await context.close();
	});

	it('an area’s page draws its map with tiles, once asked for (the button is an inline script, by its hash)', async () => {
		const area = await server.db.selectFrom('areas').select('slug').where('name', '=', 'Wevelgem').executeTakeFirstOrThrow();
		const { context, violations } = await watched({ ...DESKTOP, locale: 'nl-BE' });
		const page = await context.newPage();
		const before = tileRequests.length;
		await page.goto(`${server.url}/buurten/${area.slug}`);
		await page.getByRole('button', { name: 'Toon de kaart' }).click();
		await page.locator('.area-map.leaflet-container').waitFor();
		await expect.poll(() => tileRequests.length).toBeGreaterThan(before);
		expect(await violations()).toEqual([]);
		await context.close();
	});

	it('a survey screen shows the follow-up question as soon as the resident answers (an inline script, by its hash)', async () => {
		const survey = await server.db.selectFrom('surveys').select('slug').where('status', '=', 'open').executeTakeFirstOrThrow();
		const { context, violations } = await watched({ ...PHONE, locale: 'nl-BE' });
		const page = await context.newPage();
		await page.goto(`${server.url}/enquete/${survey.slug}`);
		await page.getByLabel(/In welke wijk woon je/).selectOption({ label: 'Vlashof' });
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Ik doe mee', exact: true }).click()]);
		const followUp = page.getByRole('group', { name: /snel/ });
		expect(await followUp.isVisible()).toBe(false);
		await page
			.getByRole('group', { name: /herstelling aan bij De Vlashaard/ })
			.getByRole('radio', { name: 'Ja' })
			.check();
		await expect.poll(() => followUp.isVisible()).toBe(true);
		expect(await violations()).toEqual([]);
		await context.close();
	});

	it('a worker’s signal page and the survey tablet (start script with its nonce, service worker) run clean', async () => {
		const { context, violations } = await watched({ ...DESKTOP, locale: 'nl-BE' });
		const page = await context.newPage();
		await signIn(page, server.url, DEMO.communityWorker);
		const worker = await server.db.selectFrom('users').select('organisation_id').where('email', '=', DEMO.communityWorker).executeTakeFirstOrThrow();
		const signal = await server.db
			.selectFrom('signals')
			.select('id')
			.where('organisation_id', '=', worker.organisation_id)
			.where('is_help_request', '=', false)
			.orderBy('created_at')
			.executeTakeFirstOrThrow();
		await page.goto(`${server.url}/staff/signals/${signal.id}`);
		await page.waitForLoadState('load');
		const survey = await server.db.selectFrom('surveys').select('id').where('status', '=', 'open').executeTakeFirstOrThrow();
		await page.goto(`${server.url}/staff/surveys/${survey.id}/tablet`);
		// Hydrated by SvelteKit's start script, which only runs with the response's nonce: a yes brings up the follow-up.
		await page.getByLabel('In welke woonwijk woont de bewoner?').selectOption({ label: 'Vlashof' });
		await page.locator('#q-herstelling_gevraagd').check();
		await page.locator('#q-herstelling_snel-2').check();
		await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBeGreaterThan(0);
		expect(await violations()).toEqual([]);
		// The intake form too (it works offline on a phone): hydrated, its status line shows, and its own service worker.
		await page.goto(`${server.url}/staff/signals/new`);
		await page.getByTestId('connection').waitFor();
		await expect
			.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => new URL(r.scope).pathname)))
			.toContain('/staff/signals/new');
		expect(await violations()).toEqual([]);

		// The listener catches what the policy forbids: an image from a host it does not name.
		await page.evaluate((port) => {
			const img = new Image();
			img.src = `http://localhost:${port}/not-allowed.png`;
			document.body.append(img);
		}, tilesPort);
		await expect.poll(async () => (await violations()).join('\n')).toContain('img-src');
		await context.close();
	});
});
