// Tenants answer the tenant satisfaction survey on a phone without JavaScript and without an account: one screen per
// question group, a question that appears with an answer, going back and changing it, switching language with the
// answers kept, closing the phone and coming back, sending twice; a household code from the letter (typed, or by the
// letter's QR code, which then leaves the address bar), a used or unknown code, forged posts, too many codes tried.
// On the real build, on SQLite and PostgreSQL; each refusal stores nothing.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { hashHouseholdCode, newHouseholdCode } from '../../src/core/surveys/codes';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';
import { buildTenantSurvey, type TenantSurvey } from '../support/tenant-survey';

const LIMIT = 14;
const visible = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

for (const dialect of testDialects()) {
	describe(`residents answer a survey without an account [${dialect}]`, () => {
		let server: TestServer;
		let survey: TenantSurvey;
		let waveId: string;
		let vlashof: string;
		/** A phone; one with an address of its own (what the proxy puts in X-Forwarded-For) has its own limits. */
		const phone = (address?: string) => new HttpSession(server, { 'accept-language': 'nl-BE', ...(address ? { 'x-forwarded-for': address } : {}) });
		const count = async (table: 'survey_responses' | 'survey_drafts') =>
			Number(
				(
					await server.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('survey_id', '=', survey.id)
						.executeTakeFirstOrThrow()
				).n
			);
		const page = async (session: HttpSession, path: string) => {
			const res = await session.get(path);
			expect(res.status, server.output()).toBe(200);
			return visible(await res.text());
		};
		/** A post on a screen: the step, the questions it showed and the answers. */
		const post = (session: HttpSession, action: string, step: number, shown: string[], answers: Record<string, string | string[]> = {}) => {
			const body = new URLSearchParams({ step: String(step), shown: shown.join(' ') });
			for (const [k, v] of Object.entries(answers)) for (const x of [v].flat()) body.append(k, x);
			return session.post(`/enquete/${survey.slug}?/${action}`, body);
		};
		const SCREEN1 = ['woning_tevreden', 'herstelling_gevraagd', 'contact_vlashaard', 'vlashaard_luistert'];
		const SCREEN2 = ['buurt_tevreden', 'buurtwerk_kent', 'jaren'];
		const SCREEN3 = ['noden', 'opmerking'];

		/** A code for the open wave, as a letter of its run of codes would carry it. */
		async function letterCode(): Promise<string> {
			const code = newHouseholdCode();
			await server.db
				.insertInto('survey_codes')
				.values({
					code_hash: hashHouseholdCode(code),
					survey_id: survey.id,
					wave_id: waveId,
					batch_id: survey.codes.batchId,
					estate_id: vlashof,
					status: 'unused'
				})
				.execute();
			return code;
		}

		/** From the consent over the three screens to the check page, with the fewest answers. */
		async function answerAll(session: HttpSession, estateId = vlashof): Promise<void> {
			expect((await post(session, 'next', 0, [], { estateId })).headers.get('location')).toBe(`/enquete/${survey.slug}?stap=1`);
			expect((await post(session, 'next', 1, SCREEN1, { 'a.woning_tevreden': '4', 'a.herstelling_gevraagd': 'no' })).headers.get('location')).toBe(
				`/enquete/${survey.slug}?stap=2`
			);
			expect((await post(session, 'next', 2, SCREEN2, { 'a.buurt_tevreden': '5', 'a.buurtwerk_kent': 'no' })).headers.get('location')).toBe(
				`/enquete/${survey.slug}?stap=3`
			);
			expect((await post(session, 'next', 3, SCREEN3, { 'a.opmerking': 'Het is hier rustig.' })).headers.get('location')).toBe(
				`/enquete/${survey.slug}?stap=4`
			);
		}

		beforeAll(async () => {
			// Behind a pretend proxy, so the one trying code after code has an address of their own and its limit stops
			// nobody else, whichever test runs first.
			server = await startServer({ dialect, env: { INTAKE_RATE_LIMIT: String(LIMIT), ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
			survey = await buildTenantSurvey(server.db);
			waveId = survey.waves[1].id;
			vlashof = survey.estates.vlashof;
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('a tenant answers by the poster link: consent first, a question that appears, back and change, the check page, and "send" twice stores one set', async () => {
			const before = await count('survey_responses');
			const tab = phone();
			const consent = await page(tab, `/enquete/${survey.slug}`);
			expect(consent).toContain('Voor je begint');
			expect(consent).toContain('Uw antwoorden zijn anoniem');
			expect(consent).toContain('Stap 1 van 5');

			expect((await post(tab, 'next', 0, [], { estateId: vlashof })).status).toBe(303);
			const draftCookie = [...tab.cookies.keys()].find((k) => k.startsWith('enquete_'));
			expect(draftCookie).toBe(`enquete_${survey.id}`);
			let screen = await page(tab, `/enquete/${survey.slug}?stap=1`);
			expect(screen).toContain('Uw woning en De Vlashaard');
			expect(screen).toContain('Stap 2 van 5');
			expect(screen).toContain('Heel tevreden');
			// The repair question waits, hidden (a small script shows it at once where JavaScript runs).
			expect(screen).toMatch(/class="question[^"]*" hidden=""[^>]*data-key="herstelling_snel"/);

			// "Yes, I asked for a repair": the repair question is asked on the same screen before moving on.
			let res = await post(tab, 'next', 1, SCREEN1, { 'a.woning_tevreden': '4', 'a.herstelling_gevraagd': 'yes' });
			expect(res.headers.get('location')).toBe(`/enquete/${survey.slug}?stap=1&erbij=1`);
			screen = await page(tab, `/enquete/${survey.slug}?stap=1&erbij=1`);
			expect(screen).toContain('Door je antwoord komt er een vraag bij');
			expect(screen).toMatch(/class="question[^"]*" data-when="\{[^>]*\}" data-key="herstelling_snel"/);
			expect(screen).toMatch(/name="a.herstelling_gevraagd" value="yes"[^>]*checked/);
			res = await post(tab, 'next', 1, [...SCREEN1, 'herstelling_snel'], {
				'a.woning_tevreden': '4',
				'a.herstelling_gevraagd': 'yes',
				'a.herstelling_snel': '2'
			});
			expect(res.headers.get('location')).toBe(`/enquete/${survey.slug}?stap=2`);

			// Back, and "no" after all: the repair answer goes.
			res = await post(tab, 'back', 2, SCREEN2, { 'a.buurt_tevreden': '3' });
			expect(res.headers.get('location')).toBe(`/enquete/${survey.slug}?stap=1`);
			res = await post(tab, 'next', 1, [...SCREEN1, 'herstelling_snel'], {
				'a.woning_tevreden': '4',
				'a.herstelling_gevraagd': 'no',
				'a.herstelling_snel': '2'
			});
			expect(res.headers.get('location')).toBe(`/enquete/${survey.slug}?stap=2`);
			screen = await page(tab, `/enquete/${survey.slug}?stap=2`);
			expect(screen).toMatch(/name="a.buurt_tevreden" value="3"[^>]*checked/);
			expect((await post(tab, 'next', 2, SCREEN2, { 'a.buurt_tevreden': '3', 'a.buurtwerk_kent': 'yes' })).headers.get('location')).toBe(
				`/enquete/${survey.slug}?stap=2&erbij=1`
			);
			expect(
				(
					await post(tab, 'next', 2, [...SCREEN2, 'activiteiten', 'buurtwerk_tevreden'], {
						'a.buurt_tevreden': '3',
						'a.buurtwerk_kent': 'yes',
						'a.activiteiten': ['plantenruil', 'buurtdrink'],
						'a.jaren': '12'
					})
				).headers.get('location')
			).toBe(`/enquete/${survey.slug}?stap=3`);
			expect((await post(tab, 'next', 3, SCREEN3, { 'a.noden.ideas': 'Een moestuin op het plein', 'a.opmerking': '' })).headers.get('location')).toBe(
				`/enquete/${survey.slug}?stap=4`
			);

			const check = await page(tab, `/enquete/${survey.slug}?stap=4`);
			expect(check).toContain('Kijk je antwoorden na');
			expect(check).toContain('4 – Tevreden');
			expect(check).toContain('De plantenruil, De buurtdrink op Dag van de Buren');
			expect(check).toContain('Een moestuin op het plein');
			expect(check).not.toContain('Hoe tevreden bent u over hoe snel de herstelling gebeurde?');

			// A double tap on "send": both answer with the thank-you page, one answer set is stored.
			const [first, second] = await Promise.all([post(tab, 'send', 4, []), post(tab, 'send', 4, [])]);
			expect(first.status, server.output()).toBe(303);
			expect(second.status, server.output()).toBe(303);
			expect(first.headers.get('location')).toBe(`/enquete/${survey.slug}/bedankt`);
			expect(second.headers.get('location')).toBe(`/enquete/${survey.slug}/bedankt`);
			const again = await post(tab, 'send', 4, []);
			expect(again.headers.get('location')).toBe(`/enquete/${survey.slug}/bedankt`);
			expect(await count('survey_responses')).toBe(before + 1);
			const stored = await server.db
				.selectFrom('survey_responses')
				.selectAll()
				.where('survey_id', '=', survey.id)
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
			expect(stored).toMatchObject({ channel: 'open_link', estate_id: vlashof, language: 'nl' });
			const rows = await server.db.selectFrom('survey_answers').select(['question_key', 'option_key']).where('response_id', '=', stored.id).execute();
			expect(rows.map((r) => r.question_key)).not.toContain('herstelling_snel');
			const thanks = await page(tab, `/enquete/${survey.slug}/bedankt`);
			expect(thanks).toContain('Bedankt voor je antwoorden!');
			// Wave 1 of the demo is published: the thank-you page links to what residents told us.
			expect(thanks).toContain(`/enquete/${survey.slug}/resultaten`);
		});

		it('she switches to French halfway: the answers stay, the questions and the app speak French', async () => {
			const tab = phone();
			await post(tab, 'next', 0, [], { estateId: vlashof });
			await post(tab, 'next', 1, SCREEN1, { 'a.woning_tevreden': '2', 'a.herstelling_gevraagd': 'no' });
			// On screen 2 she typed a number, then switches: that answer is kept too.
			const res = await post(tab, 'language', 2, SCREEN2, { 'a.jaren': '7', language: 'fr' });
			expect(res.headers.get('location')).toBe(`/enquete/${survey.slug}?stap=2`);
			expect(tab.cookies.get('lang')).toBe('fr');
			const screen = await page(tab, `/enquete/${survey.slug}?stap=2`);
			expect(screen).toContain('Votre quartier et le travail de quartier');
			expect(screen).toContain('Étape 3 sur 5');
			expect(screen).toMatch(/name="a.jaren"[^>]*value="7"/);
			const back = await page(tab, `/enquete/${survey.slug}?stap=1`);
			expect(back).toMatch(/name="a.woning_tevreden" value="2"[^>]*checked/);
			expect(back).toContain('Êtes-vous satisfait de votre logement ?');
		});

		it('she closes the phone and comes back later on the same device: the screen she was on, with her answers', async () => {
			const tab = phone();
			await post(tab, 'next', 0, [], { estateId: vlashof });
			await post(tab, 'next', 1, SCREEN1, { 'a.woning_tevreden': '5', 'a.herstelling_gevraagd': 'no' });
			const later = new HttpSession(server, { 'accept-language': 'nl-BE' });
			for (const [k, v] of tab.cookies) later.cookies.set(k, v);
			const screen = await page(later, `/enquete/${survey.slug}`);
			expect(screen).toContain('Welkom terug');
			expect(screen).toContain('Uw buurt en het buurtwerk');
			// Easy read, where the survey has it.
			expect(
				(await later.post(`/enquete/${survey.slug}?/easy`, { step: '1', shown: SCREEN1.join(' '), 'a.woning_tevreden': '5', 'a.herstelling_gevraagd': 'no' }))
					.status
			).toBe(303);
			expect(await page(later, `/enquete/${survey.slug}?stap=1`)).toContain('Bent u blij met uw huis?');
		});

		it('forged posts and too much text are refused with a clear message, and nothing is stored', async () => {
			const tab = phone();
			await post(tab, 'next', 0, [], { estateId: vlashof });
			const drafts = await count('survey_drafts');
			const responses = await count('survey_responses');

			let res = await tab.post(`/enquete/${survey.slug}?stap=1&/next`, {
				step: '1',
				shown: SCREEN1.join(' '),
				'a.woning_tevreden': '9',
				'a.herstelling_gevraagd': 'no'
			});
			expect(res.status).toBe(400);
			let html = visible(await res.text());
			expect(html).toContain('Kies een smiley van 1 tot 5.');
			expect(html).toContain('href="#q-woning_tevreden"');
			// The same screen again, with what was typed, and no "welcome back".
			expect(html).toContain('Uw woning en De Vlashaard');
			expect(html).toMatch(/name="a.herstelling_gevraagd" value="no"[^>]*checked/);
			expect(html).not.toContain('Welkom terug');

			// An answer to the repair question that the screen never showed (its condition does not hold).
			res = await post(tab, 'next', 1, SCREEN1, { 'a.woning_tevreden': '3', 'a.herstelling_gevraagd': 'no', 'a.herstelling_snel': '5' });
			expect(res.status).toBe(400);
			expect(visible(await res.text())).toContain('Deze vraag hoef je niet te beantwoorden na je vorige antwoord');

			await post(tab, 'next', 1, SCREEN1, { 'a.woning_tevreden': '3', 'a.herstelling_gevraagd': 'no' });
			await post(tab, 'next', 2, SCREEN2, { 'a.buurt_tevreden': '3', 'a.buurtwerk_kent': 'no' });
			res = await post(tab, 'next', 3, SCREEN3, { 'a.opmerking': 'x'.repeat(100_000) });
			expect(res.status).toBe(400);
			html = visible(await res.text());
			expect(html).toContain('Je tekst is te lang: 100000 tekens. Hier passen er 10000.');
			expect(html.length).toBeLessThan(60_000);
			// A number that is no number, and one out of range.
			res = await post(tab, 'next', 2, SCREEN2, { 'a.buurt_tevreden': '3', 'a.buurtwerk_kent': 'no', 'a.jaren': '200' });
			expect(res.status).toBe(400);
			expect(visible(await res.text())).toContain('Het moet tussen 0 en 70 liggen');

			const draft = await server.db.selectFrom('survey_drafts').select('answers').orderBy('updated_at', 'desc').executeTakeFirstOrThrow();
			expect(JSON.stringify(draft.answers)).not.toContain('xxxx');
			expect(JSON.stringify(draft.answers)).not.toContain('herstelling_snel');
			expect(await count('survey_drafts')).toBe(drafts);
			expect(await count('survey_responses')).toBe(responses);
		});

		it('a household uses the QR code on its letter: the code leaves the address bar, the set counts for its estate, and the code cannot be used again', async () => {
			const code = await letterCode();
			const tab = phone();
			const res = await tab.get(`/enquete/c/${code.toLowerCase().replace('-', '')}`);
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe(`/enquete/${survey.slug}`);
			const consent = await page(tab, `/enquete/${survey.slug}`);
			expect(consent).toContain('Je antwoordt met de code uit je brief');
			expect(consent).not.toContain('In welke wijk woon je?');
			expect(consent).not.toContain(code);
			await answerAll(tab, '');
			expect((await post(tab, 'send', 4, [])).headers.get('location')).toBe(`/enquete/${survey.slug}/bedankt`);
			const stored = await server.db
				.selectFrom('survey_responses')
				.selectAll()
				.where('survey_id', '=', survey.id)
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
			expect(stored).toMatchObject({ channel: 'code', estate_id: vlashof });
			expect(
				(await server.db.selectFrom('survey_codes').select('status').where('code_hash', '=', hashHouseholdCode(code)).executeTakeFirstOrThrow()).status
			).toBe('used');

			// The neighbour types the same code (with a space, in small letters): refused in plain words.
			const neighbour = phone();
			let refused = await neighbour.post('/enquete', { code: code.toLowerCase().replace('-', ' ') });
			expect(refused.status).toBe(400);
			expect(visible(await refused.text())).toContain('Met deze code is al geantwoord. Elk gezin kan één keer antwoorden.');
			expect(visible(await (await neighbour.post('/enquete', { code })).text())).toContain('Kijk dit na:');
			// And by the letter's QR code: the reason on the code page, never the code in the address.
			const qr = await neighbour.get(`/enquete/c/${code}`);
			expect(qr.headers.get('location')).toBe('/enquete?fout=code_used');
			expect(await page(neighbour, '/enquete?fout=code_used')).toContain('Met deze code is al geantwoord');
			refused = await neighbour.post('/enquete', { code: 'KM7X-P3RA' });
			expect(visible(await refused.text())).toContain('Deze code kennen we niet');
			refused = await neighbour.post('/enquete', { code: 'hallo' });
			expect(refused.status).toBe(400);
		});

		it('a household types its code on the code page and answers', async () => {
			const code = await letterCode();
			const tab = phone();
			const res = await tab.post('/enquete', { code: ` ${code.toLowerCase()} ` });
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe(`/enquete/${survey.slug}`);
			await answerAll(tab, '');
			expect((await post(tab, 'send', 4, [])).headers.get('location')).toBe(`/enquete/${survey.slug}/bedankt`);
			expect(
				(await server.db.selectFrom('survey_codes').select('status').where('code_hash', '=', hashHouseholdCode(code)).executeTakeFirstOrThrow()).status
			).toBe('used');
		});

		it('the builder previews a version in a phone frame: staff only, every question shown, nothing stored', async () => {
			const drafts = await count('survey_drafts');
			const anon = phone();
			const refused = await anon.get(`/enquete/${survey.slug}?preview=1`);
			expect(refused.status).toBe(303);
			expect(refused.headers.get('location')).toMatch(/^\/login/);
			const sara = await login(server, DEMO.communityWorker);
			const html = await page(sara, `/enquete/${survey.slug}?preview=1&stap=1&taal=en`);
			expect(html).toContain('Preview for staff');
			expect(html).toContain('name="a.herstelling_snel"');
			expect(html).toContain('This question only shows with a certain answer');
			expect(html).toContain(`?preview=1&stap=2&taal=en`);
			const draftSurvey = await server.db.selectFrom('surveys').select('slug').where('status', '=', 'draft').executeTakeFirstOrThrow();
			// Jonas builds the Kapelakker exploration survey: still a draft, he previews it; Sara's organisation does not see it.
			const jonas = await login(server, 'kapelakker@leefbaar.demo');
			expect(await page(jonas, `/enquete/${draftSurvey.slug}?preview=1&stap=1`)).toContain('Voorbeeld voor medewerkers');
			expect((await sara.get(`/enquete/${draftSurvey.slug}?preview=1`)).status).toBe(404);
			// A survey in draft does not exist for residents.
			expect((await anon.get(`/enquete/${draftSurvey.slug}`)).status).toBe(404);
			expect(await count('survey_drafts')).toBe(drafts);
		});

		it('a survey by household codes only sends a visitor without a code to the code page', async () => {
			await server.db
				.updateTable('surveys')
				.set({ modes: ['code', 'paper'] })
				.where('id', '=', survey.id)
				.execute();
			try {
				const tab = phone();
				expect(await page(tab, `/enquete/${survey.slug}`)).toContain('Voor deze bevraging heb je de code uit je brief nodig.');
				const res = await post(tab, 'next', 0, [], { estateId: vlashof });
				expect(res.headers.get('location')).toBe('/enquete');
				const code = await letterCode();
				expect((await tab.get(`/enquete/c/${code}`)).status).toBe(303);
				expect(await page(tab, `/enquete/${survey.slug}`)).toContain('Je antwoordt met de code uit je brief');
			} finally {
				await server.db
					.updateTable('surveys')
					.set({ modes: ['open_link', 'code', 'paper', 'tablet'] })
					.where('id', '=', survey.id)
					.execute();
			}
		});

		it('the answering page weighs at most 50 KB on first load, without JavaScript', async () => {
			// The consent, the heaviest screen (five questions, two smiley scales, five choices) and the code page.
			const tab = phone();
			await post(tab, 'next', 0, [], { estateId: vlashof });
			for (const path of [`/enquete/${survey.slug}`, `/enquete/${survey.slug}?stap=1`, '/enquete']) {
				const res = await fetch(`${server.url}${path}`, {
					headers: { 'accept-encoding': 'gzip', ...(path.includes('stap') ? { cookie: tab.cookieHeader() } : {}) }
				});
				const html = await res.text();
				let bytes = gzipSync(html).length;
				const assets = [...html.matchAll(/<(?:link[^>]+href|script[^>]+src)="([^"]+)"/g)].map((m) => m[1]).filter((h, i, all) => all.indexOf(h) === i);
				for (const href of assets) {
					const url = new URL(href, `${server.url}${path}`);
					if (url.origin !== server.url) continue;
					bytes += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
				}
				console.info(`${path}: ${(bytes / 1024).toFixed(1)} KB transferred (HTML + ${assets.join(', ')})`);
				expect(bytes).toBeLessThanOrEqual(50 * 1024);
				expect(assets.some((a) => a.endsWith('.js'))).toBe(false);
			}
		});

		it('someone trying code after code is stopped with a clear 429 page', async () => {
			const tab = phone('203.0.113.40');
			let res: Response | undefined;
			for (let i = 0; i <= LIMIT; i++) {
				res = await tab.post('/enquete', { code: newHouseholdCode() });
				if (res.status === 429) break;
				expect(res.status).toBe(400);
			}
			expect(res!.status).toBe(429);
			expect(res!.headers.get('retry-after')).toMatch(/^\d+$/);
			expect(visible(await res!.text())).toContain('Er werden van hier te veel codes geprobeerd');
			const qr = await tab.get(`/enquete/c/${newHouseholdCode()}`);
			expect(qr.status).toBe(429);
		});
	});
}
