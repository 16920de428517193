// Someone guesses at a worker's password on the login form: after a few tries they must wait, then the account is
// paused for 15 minutes and its holder gets a mail; the worker gets back in with a new password at once. The reset
// and invitation forms are limited the same way. On the real build, on SQLite and PostgreSQL. The server sits behind a
// pretend proxy (ADDRESS_HEADER=x-forwarded-for) so each person in these stories comes from an address of their own.
// The accounts that are guessed at, paused or sent links are made by the test, each for one story, so that neither
// the demo's accounts nor another story's tries change what a story sees; the demo's logins only sign in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import type { Mail } from '../../src/core/mail/outbox';
import { buildOrganisation, buildStaff } from '../../src/core/partners/factories';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

const WRONG = 'Het e-mailadres of het wachtwoord klopt niet.';

type Answer = { status: number; retryAfter: string | null; text: string; signedIn: boolean };

for (const dialect of testDialects()) {
	describe(`sign-in resists guessing [${dialect}]`, () => {
		let server: TestServer;
		/** A browser tab at one client address (what the proxy puts in X-Forwarded-For). */
		const tabAt = (address: string, headers: Record<string, string> = {}) => new HttpSession(server, { 'x-forwarded-for': address, ...headers });

		async function signIn(tab: HttpSession, email: string, password: string): Promise<Answer> {
			const res = await tab.post('/login', { email, password });
			return {
				status: res.status,
				retryAfter: res.headers.get('retry-after'),
				text: visibleText(await res.text()),
				signedIn: tab.cookies.has('leefbaar_session')
			};
		}

		async function mailsTo(to: string): Promise<Mail[]> {
			const rows = await server.db.selectFrom('outbox').select('payload').where('kind', '=', 'mail').orderBy('id').execute();
			return rows.map((r) => r.payload as Mail).filter((m) => m.to === to);
		}

		/** A worker's account with the given password, in an organisation of its own. */
		async function account(name: string, role: 'coordinator' | 'community_worker' | 'partner_staff', password: string): Promise<string> {
			const organisation = await buildOrganisation(server.db, {
				name: `${name} vzw`,
				kind: role === 'partner_staff' ? 'housing_company' : 'regional_institute'
			});
			const email = `${name.toLowerCase().replaceAll(' ', '.')}@proef.test`;
			await buildStaff(server.db, { role, organisation, name, email, password });
			return email;
		}

		beforeAll(async () => {
			server = await startServer({ dialect, env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('fifty wrong passwords for a coordinator: five plain answers, then waits, then a 15-minute pause, and one mail to Koen', async () => {
			const koenEmail = await account('Koen Proef', 'coordinator', 'koen-zijn-oude-wachtwoord');
			const guesser = tabAt('203.0.113.5');
			const answers: Answer[] = [];
			for (let i = 0; i < 50; i++) answers.push(await signIn(guesser, koenEmail, `raden-${i}`));
			expect(
				answers.map((a) => a.status),
				server.output()
			).toEqual([...Array(5).fill(400), ...Array(45).fill(429)]);
			for (const a of answers.slice(0, 5)) expect(a.text).toContain(WRONG);
			// The sixth came inside the 2-second wait: refused unchecked, with how long to wait, on the login page.
			expect(answers[5].retryAfter).toBe('4');
			expect(answers[5].text).toContain('Dat was al een paar keer niet juist. Wacht 4 seconden.');
			expect(answers[5].text).toContain('name="password"');
			expect(answers[5].text).toContain(`value="${koenEmail}"`);
			// The tenth starts the pause.
			expect(answers[9].retryAfter).toBe('900');
			expect(answers[9].text).toContain('Voor dit e-mailadres is te vaak een fout wachtwoord getypt.');
			expect(answers[9].text).toContain('Over 15 minuten gaat het vanzelf weer.');
			expect(Number(answers[49].retryAfter)).toBeGreaterThan(800);
			expect(answers.some((a) => a.signedIn)).toBe(false);

			// Koen himself, from the office, with his right password: refused too (else the pause would betray a right guess).
			const koen = tabAt('192.0.2.10');
			const right = await signIn(koen, koenEmail, 'koen-zijn-oude-wachtwoord');
			expect(right.status).toBe(429);
			expect(right.signedIn).toBe(false);

			const mails = await mailsTo(koenEmail);
			expect(mails.map((m) => m.subject)).toEqual(['Iemand probeerde aan te melden op je account']);
			expect(mails[0].text).toContain('10 keer');

			// He chooses a new password through the mailed link, which signs him in and ends the pause.
			expect((await koen.post('/password/forgot', { email: koenEmail })).status).toBe(200);
			const reset = (await mailsTo(koenEmail)).find((m) => m.text.includes('/password/reset/'))!;
			const path = new URL(reset.text.match(/https?:\/\/\S+\/password\/reset\/[\w-]+/)![0]).pathname;
			expect((await koen.get(path)).status).toBe(200);
			const saved = await koen.post(path, { password: 'koen-zijn-nieuwe-wachtwoord', passwordRepeat: 'koen-zijn-nieuwe-wachtwoord' });
			expect(saved.status).toBe(303);
			expect(saved.headers.get('location')).toBe('/staff');
			const again = await signIn(tabAt('192.0.2.10'), koenEmail, 'koen-zijn-nieuwe-wachtwoord');
			expect(again.status).toBe(303);
			expect(again.signedIn).toBe(true);
		});

		it('an email that has no account gets the very same answers, and nobody gets a mail', async () => {
			const pieterEmail = await account('Pieter Proef', 'partner_staff', 'pieter-zijn-wachtwoord');
			const before = (await server.db.selectFrom('outbox').select('id').execute()).length;
			const run = async (email: string, address: string) => {
				const tab = tabAt(address);
				const out: string[] = [];
				for (let i = 0; i < 12; i++) {
					const a = await signIn(tab, email, `raden-${i}`);
					// A pause's Retry-After counts down with the clock: compared in whole minutes.
					const wait = a.retryAfter && Number(a.retryAfter) > 60 ? `${Math.ceil(Number(a.retryAfter) / 60)}min` : (a.retryAfter ?? '-');
					out.push(
						`${a.status} ${wait} ${a.text.includes(WRONG) ? 'wrong' : a.text.includes('Wacht ') ? 'wait' : a.text.includes('Voor dit e-mailadres') ? 'paused' : '?'}`
					);
				}
				return out;
			};
			const real = await run(pieterEmail, '203.0.113.6');
			const madeUp = await run('niemand@leefbaar.demo', '203.0.113.7');
			expect(madeUp).toEqual(real);
			expect(real).toEqual([
				...Array(5).fill('400 - wrong'),
				'429 4 wait',
				'429 8 wait',
				'429 16 wait',
				'429 32 wait',
				'429 15min paused',
				'429 15min paused',
				'429 15min paused'
			]);
			// The one mail: to the real account, when its pause began.
			expect((await server.db.selectFrom('outbox').select('id').execute()).length).toBe(before + 1);
			expect((await mailsTo(pieterEmail)).map((m) => m.subject)).toEqual(['Iemand probeerde aan te melden op je account']);
		});

		it('a French-speaking worker is told in French how long to wait', async () => {
			const tab = tabAt('203.0.113.8', { 'accept-language': 'fr-BE' });
			let last: Answer | undefined;
			for (let i = 0; i < 6; i++) last = await signIn(tab, 'quelquun@leefbaar.demo', 'mauvais');
			expect(last!.status).toBe(429);
			expect(last!.text).toContain("Ce n'était déjà pas correct plusieurs fois. Attendez 4 secondes.");
		});

		it('one address guessing over many accounts is paused after 30 tries; the next address is not', async () => {
			const script = tabAt('198.51.100.66');
			const statuses: number[] = [];
			for (let i = 0; i < 31; i++) statuses.push((await signIn(script, `iemand${i}@leefbaar.demo`, 'raden')).status);
			expect(statuses).toEqual([...Array(20).fill(400), ...Array(11).fill(429)]);
			const paused = await signIn(script, DEMO.welfareCentre, 'leefbaar-demo');
			expect(paused.status).toBe(429);
			expect(paused.text).toContain('Van op deze internetverbinding is te vaak een fout wachtwoord getypt.');
			expect((await signIn(tabAt('198.51.100.67'), DEMO.welfareCentre, 'leefbaar-demo')).status).toBe(303);
		});

		it('the whole staff signs in again and again from one office address without being slowed down', async () => {
			for (let round = 0; round < 8; round++) {
				for (const email of [DEMO.admin, DEMO.communityWorker, DEMO.welfareCentre, DEMO.otherInstitute]) {
					const tab = tabAt('192.0.2.200');
					const res = await tab.post('/login', { email, password: 'leefbaar-demo' });
					expect(res.status, `${email} round ${round}`).toBe(303);
				}
			}
			// And through the test helper every other test file uses (no proxy header: the proxy's own address).
			for (let i = 0; i < 3; i++) expect((await login(server, DEMO.admin)).cookies.has('leefbaar_session')).toBe(true);
		});

		it('the reset form sends three links an hour per email address, and says the same for an email without an account', async () => {
			const ask = async (email: string, address: string) => {
				const res = await tabAt(address).post('/password/forgot', { email });
				return { status: res.status, retryAfter: res.headers.get('retry-after'), text: visibleText(await res.text()) };
			};
			const saraEmail = await account('Sara Proef', 'community_worker', 'sara-haar-wachtwoord');
			const real = [];
			const madeUp = [];
			for (let i = 0; i < 4; i++) real.push(await ask(saraEmail, `192.0.2.${30 + i}`));
			for (let i = 0; i < 4; i++) madeUp.push(await ask('verzonnen@leefbaar.demo', `192.0.2.${40 + i}`));
			expect(real.map((r) => r.status)).toEqual([200, 200, 200, 429]);
			expect(madeUp.map((r) => [r.status, r.retryAfter])).toEqual(real.map((r) => [r.status, r.retryAfter]));
			expect(real[3].retryAfter).toBe('3600');
			expect(real[3].text).toContain('Voor dit e-mailadres zijn net al een paar links gevraagd.');
			expect(real[3].text).toContain('Een nieuwe link vragen kan over 60 minuten.');
			expect(madeUp[3].text).toContain('Voor dit e-mailadres zijn net al een paar links gevraagd.');

			// One address asking for many email addresses: twenty an hour.
			const statuses: number[] = [];
			for (let i = 0; i < 21; i++) statuses.push((await ask(`lijst${i}@leefbaar.demo`, '198.51.100.90')).status);
			expect(statuses).toEqual([...Array(20).fill(200), 429]);
		});

		it('made-up reset and invitation links tried from one address are refused after a while, with a 429 page saying when', async () => {
			// Someone else's made-up link is simply wrong, not refused.
			expect(
				(await tabAt('203.0.113.78').post('/invitation/verzonnen', { name: 'X', password: 'een-lang-wachtwoord', passwordRepeat: 'een-lang-wachtwoord' }))
					.status
			).toBe(404);

			const scanner = tabAt('203.0.113.77');
			const statuses: number[] = [];
			for (let i = 0; i < 30; i++) {
				const res = await scanner.get(i % 2 === 0 ? `/password/reset/verzonnen-${i}` : `/invitation/verzonnen-${i}`);
				statuses.push(res.status);
				expect(visibleText(await res.text())).toContain('Deze link klopt niet.');
			}
			expect(statuses).toEqual(Array(30).fill(200));
			const refused = await scanner.get('/invitation/verzonnen-30');
			expect(refused.status, server.output()).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			const text = visibleText(await refused.text());
			expect(text).toContain('Van op deze internetverbinding zijn te veel links geprobeerd die niet werken.');
			expect(text).not.toContain('Deze link klopt niet.');
			const posted = await scanner.post('/password/reset/verzonnen-31', { password: 'een-lang-wachtwoord', passwordRepeat: 'een-lang-wachtwoord' });
			expect(posted.status).toBe(429);
			expect(visibleText(await posted.text())).toContain('Van op deze internetverbinding zijn te veel links geprobeerd die niet werken.');
			expect((await tabAt('203.0.113.78').get('/password/reset/verzonnen-32')).status).toBe(200);
		});
	});
}
