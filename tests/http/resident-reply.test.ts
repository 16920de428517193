// The resident answers back on the real build. Yasmina reports on the Wallaysplein form and follows her link: the page
// has a form. Her browser posts it as a page without a referrer does (Origin: null), with a photo: she reads her words
// back, the people who handle her report get a mail, and staff read it on the timeline marked as hers. An empty
// message, a file that is no photo, a body that is no form, a form from another site and a client posting too often
// are refused; nothing of them is stored. When the signal is resolved and it is not, "this is not solved" reopens it.
// Staff writing to a reporter without an email address are told first. On SQLite and PostgreSQL.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
const LIMIT = 12;
const HERS = 'De lift staat nog altijd stil. Op het scherm staat E7.';
const NOT_SOLVED = 'De lift bleef vanochtend weer tussen twee verdiepingen steken.';

for (const dialect of testDialects()) {
	describe(`the resident answers back on her tracking page [${dialect}]`, () => {
		let server: TestServer;
		const tab = () => new HttpSession(server, { 'accept-language': 'nl-BE' });
		let yasmina: { id: string; reference: string; tracking: string };
		/** A post as the browser sends it from the tracking page, which sends no referrer: Origin: null. */
		const postFromPage = (session: HttpSession, path: string, fields: Record<string, string> | FormData, headers: Record<string, string> = {}) =>
			session.post(path, fields, { origin: 'null', ...headers });
		const replies = async () =>
			server.db.selectFrom('signal_events').select(['body', 'data']).where('signal_id', '=', yasmina.id).where('kind', '=', 'reply').orderBy('at').execute();

		async function report(values: Record<string, string>) {
			const session = tab();
			const page = await session.get('/melden/wallaysplein');
			const token = /name="formToken" value="([0-9a-f]{32})"/.exec(await page.text())![1];
			let res = await session.post('/melden/wallaysplein?/check', { formToken: token, ...values });
			if (res.status === 200) res = await session.post('/melden/wallaysplein?/send', { formToken: token, ...values });
			expect(res.status, server.output()).toBe(303);
			const tracking = res.headers.get('location')!.split('/')[2];
			const reference = /class="code[^"]*"[^>]*>([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(await (await session.get(`/volgen/${tracking}/bedankt`)).text())![1];
			const { id } = await server.db.selectFrom('signals').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
			return { id, reference, tracking };
		}

		function withPhoto(body: string, bytes: Uint8Array, name = 'lift.jpg', type = 'image/jpeg'): FormData {
			const fd = new FormData();
			fd.set('body', body);
			fd.set('photo', new Blob([new Uint8Array(bytes)], { type }), name);
			return fd;
		}

		beforeAll(async () => {
			// Behind a pretend proxy, so the client that posts too often has an address of its own and its limit stops
			// nobody else, whichever test runs first.
			server = await startServer({ dialect, env: { INTAKE_RATE_LIMIT: String(LIMIT), ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
			yasmina = await report({
				kind: 'common_spaces',
				description: 'De lift van blok B staat stil',
				locationKind: 'common_space',
				email: 'yasmina@example.be',
				language: 'nl'
			});
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('her page has a form and sends no referrer; her message with a photo reaches the timeline and the people who handle it', async () => {
			const session = tab();
			const page = await session.get(`/volgen/${yasmina.tracking}`);
			expect(page.status).toBe(200);
			expect(page.headers.get('referrer-policy')).toBe('no-referrer');
			const html = visibleText(await page.text());
			expect(html).toContain('Iets zeggen over je melding');
			expect(html).toMatch(/<form method="POST" action="\?\/reply" enctype="multipart\/form-data"/);
			expect(html).not.toContain('Is het niet opgelost?');
			// In French and English too, for a browser that asks for them.
			for (const [language, heading, button] of [
				['fr-BE', 'Dire quelque chose sur votre signalement', 'Envoyer votre message'],
				['en', 'Say something about your report', 'Send your message']
			]) {
				const other = visibleText(await (await new HttpSession(server, { 'accept-language': language }).get(`/volgen/${yasmina.tracking}`)).text());
				expect(other, language).toContain(heading);
				expect(other, language).toContain(button);
			}

			const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#556677' } })
				.jpeg()
				.toBuffer();
			const sent = await postFromPage(session, `/volgen/${yasmina.tracking}?/reply`, withPhoto(HERS, photo));
			expect(sent.status, server.output()).toBe(303);
			expect(sent.headers.get('location')).toBe(`/volgen/${yasmina.tracking}?bericht#news-title`);
			const after = visibleText(await (await session.get(sent.headers.get('location')!)).text());
			expect(after).toContain('Je bericht is verstuurd.');
			expect(after).toContain('Jij schreef');
			expect(after).toContain(HERS);

			// Mailed to who handles it (people of the organisation it went to), with a link from the configured origin.
			const signal = await server.db.selectFrom('signals').select('organisation_id').where('id', '=', yasmina.id).executeTakeFirstOrThrow();
			const handlers = (await server.db.selectFrom('users').select('email').where('organisation_id', '=', signal.organisation_id).execute()).map(
				(u) => u.email
			);
			const mails = (await server.db.selectFrom('outbox').select('payload').execute())
				.map((r) => r.payload as { to: string; text: string })
				.filter((m) => m.text.includes(HERS));
			expect(mails.length).toBeGreaterThan(0);
			for (const m of mails) {
				expect(handlers).toContain(m.to);
				expect(m.text).toContain(`${server.url}/staff/signals/${yasmina.id}`);
			}

			// Staff read it on the timeline, marked as the reporter's, with her photo.
			const institute = await login(server, DEMO.coordinator);
			const staffPage = visibleText(await (await institute.get(`/staff/signals/${yasmina.id}`)).text());
			expect(staffPage).toContain('Van de melder');
			expect(staffPage).toContain('Reactie van de melder');
			expect(staffPage).toContain(HERS);
			const photoPath = /src="(\/staff\/signals\/[\w-]+\/foto\/[\w-]+)\?klein" alt="Foto bij de reactie"/.exec(staffPage)?.[1];
			expect(photoPath).toBeDefined();
			const image = await institute.get(photoPath!);
			expect(image.status).toBe(200);
			expect(image.headers.get('content-type')).toBe('image/jpeg');
		});

		it('an empty message, a file that is no photo, a body that is no form and a form from another site are refused', async () => {
			const before = (await replies()).length;
			const session = tab();
			const empty = await postFromPage(session, `/volgen/${yasmina.tracking}?/reply`, { body: '   ' });
			expect(empty.status).toBe(400);
			expect(visibleText(await empty.text())).toMatch(/id="reply-body-error">[^<]+</);
			const notPhoto = await postFromPage(
				session,
				`/volgen/${yasmina.tracking}?/reply`,
				withPhoto('Kijk maar', new TextEncoder().encode('geen foto\n'), 'lift.jpg')
			);
			expect(notPhoto.status).toBe(400);
			const html = visibleText(await notPhoto.text());
			expect(html).toMatch(/id="reply-photo-error">Dit bestand is geen foto, of het is kapot\./);
			expect(html).toContain('>Kijk maar</textarea>');
			// A multipart body without its boundary: a problem document for a client that asks for JSON, never a 500.
			const broken = await session.request(`/volgen/${yasmina.tracking}?/reply`, {
				method: 'POST',
				body: 'body=x',
				headers: { origin: 'null', 'content-type': 'multipart/form-data', accept: 'application/json' }
			});
			expect(broken.status).toBe(400);
			expect(broken.headers.get('content-type')).toContain('application/problem+json');
			expect((await broken.json()).code).toBe('bad_body');
			const forged = await session.post(`/volgen/${yasmina.tracking}?/reply`, { body: 'Van een andere site' }, { origin: 'https://evil.example' });
			expect(forged.status).toBe(403);
			expect((await replies()).length).toBe(before);
		});

		it('"this is not solved" shows on a resolution only, and reopens the signal with her reason', async () => {
			// A report of its own, which this story resolves and reopens.
			const reopened = await report({
				kind: 'common_spaces',
				description: 'De verlichting in de kelder is stuk',
				locationKind: 'common_space',
				language: 'nl'
			});
			const institute = await login(server, DEMO.coordinator);
			// Not resolved: posting it anyway is refused, and the page shows no such form.
			const early = await postFromPage(tab(), `/volgen/${reopened.tracking}?/notSolved`, { reason: NOT_SOLVED });
			expect(early.status).toBe(409);
			expect(visibleText(await early.text())).toContain('Deze melding staat niet op "opgelost". Je kunt wel een bericht sturen.');
			expect((await institute.post(`/staff/signals/${reopened.id}?/status`, { status: 'resolved', reason: '', message: 'De lift is hersteld.' })).status).toBe(
				303
			);
			const page = visibleText(await (await tab().get(`/volgen/${reopened.tracking}`)).text());
			expect(page).toContain('Is het niet opgelost?');
			expect(page).toContain('De lift is hersteld.');
			const empty = await postFromPage(tab(), `/volgen/${reopened.tracking}?/notSolved`, { reason: '' });
			expect(empty.status).toBe(400);
			expect(visibleText(await empty.text())).toMatch(/id="not-solved-error">[^<]+</);

			const said = await postFromPage(tab(), `/volgen/${reopened.tracking}?/notSolved`, { reason: NOT_SOLVED });
			expect(said.status, server.output()).toBe(303);
			expect(said.headers.get('location')).toBe(`/volgen/${reopened.tracking}?heropend#news-title`);
			expect(await server.db.selectFrom('signals').select(['status', 'resolved_at']).where('id', '=', reopened.id).executeTakeFirstOrThrow()).toEqual({
				status: 'accepted',
				resolved_at: null
			});
			const after = visibleText(await (await tab().get(said.headers.get('location')!)).text());
			expect(after).toContain('Je melding staat weer open.');
			expect(after).toContain('Jij zei: dit is niet opgelost');
			expect(after).not.toContain('Is het niet opgelost?');
			const staffPage = visibleText(await (await institute.get(`/staff/signals/${reopened.id}`)).text());
			expect(staffPage).toContain('De melder zegt: niet opgelost');
			expect(staffPage).toContain(NOT_SOLVED);
		});

		it('staff writing to a reporter without an email address are told before they send that it only shows on the tracking page', async () => {
			const institute = await login(server, DEMO.coordinator);
			const warning = 'Deze melder gaf geen e-mailadres.';
			expect(visibleText(await (await institute.get(`/staff/signals/${yasmina.id}`)).text())).not.toContain(warning);
			const noEmail = await report({
				kind: 'common_spaces',
				description: 'Het licht in de kelder brandt dag en nacht',
				locationKind: 'common_space',
				phone: '0470 12 34 56',
				language: 'nl'
			});
			const html = visibleText(await (await institute.get(`/staff/signals/${noEmail.id}`)).text());
			expect(html).toContain(`${warning} Een bericht aan de melder gaat niet per mail: het staat alleen op de volgpagina van de melding.`);
			expect(html).toMatch(
				/name="toReporter" value="true"[^>]*aria-describedby="note-reach"[^>]*> Bericht aan de melder: niet per mail, alleen op de volgpagina</
			);
		});

		it('a client that posts too often waits, with the time to wait', async () => {
			let res: Response | undefined;
			for (let i = 0; i < LIMIT + 1; i++) {
				res = await postFromPage(
					new HttpSession(server, { 'accept-language': 'nl-BE', 'x-forwarded-for': '203.0.113.60' }),
					`/volgen/${yasmina.tracking}?/reply`,
					{
						body: `Bericht ${i}`
					}
				);
				if (res.status === 429) break;
				expect(res.status).toBe(303);
			}
			expect(res!.status).toBe(429);
			expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(visibleText(await res!.text())).toContain('Er kwamen van hieruit veel berichten na elkaar.');
		});
	});
}
