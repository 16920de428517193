// "Me too" as a hostile visitor would try it, on the real build. Yasmina reports on the Wallaysplein form that her mother
// cannot climb the stairs, and the institute writes back to her. Another anonymous client fills in the same form, says
// "me too" on her report and opens the tracking link it gets: her words and the message to her are not there, the
// lift's status and the visitor's own words are. Posting the id of a signal in Brecht (another municipality) to the
// Wevelgem form joins nothing. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
const MOTHER = 'Mijn moeder kan de trap niet op sinds de lift stilstaat. Ze woont op nummer 31 en heeft een rolstoel.';
const TO_HER = 'Mevrouw, de technieker brengt dinsdag een traplift voor uw moeder mee.';
const OMAR = 'Ook op de vierde verdieping staan we elke dag voor een dichte lift.';

for (const dialect of testDialects()) {
	describe(`"me too" shows nothing of another resident [${dialect}]`, () => {
		let server: TestServer;
		const tab = () => new HttpSession(server, { 'accept-language': 'nl-BE' });
		const reportersOf = (signalId: string) =>
			server.db
				.selectFrom('signal_reporters')
				.select(['is_original', 'email', 'description'])
				.where('signal_id', '=', signalId)
				.orderBy('created_at')
				.execute();
		let yasmina: { id: string; reference: string; tracking: string };
		/** Omar's "me too" on her report, made once by whichever test needs it first, so neither depends on the other. */
		let omarJoined: Promise<{ omar: HttpSession; location: string }> | undefined;
		const omarJoins = () => (omarJoined ??= join());
		async function join(): Promise<{ omar: HttpSession; location: string }> {
			const omar = tab();
			const values = { kind: 'common_spaces', description: OMAR, email: 'omar@example.be', language: 'nl' };
			const step = await offered(omar, 'wallaysplein', values);
			expect(step.ids).toContain(yasmina.id);
			expect(visibleText(step.html)).not.toContain('Mijn moeder');
			const joined = await omar.post('/melden/wallaysplein?/join', { formToken: step.token, signalId: yasmina.id, ...values });
			expect(joined.status, server.output()).toBe(303);
			return { omar, location: joined.headers.get('location')! };
		}

		async function openForm(session: HttpSession, slug: string): Promise<string> {
			const res = await session.get(`/melden/${slug}`);
			expect(res.status).toBe(200);
			return /name="formToken" value="([0-9a-f]{32})"/.exec(await res.text())![1];
		}

		/** Step 1 and, when similar signals are shown, "send anyway": the stored signal and its tracking token. */
		async function report(slug: string, values: Record<string, string>) {
			const session = tab();
			const token = await openForm(session, slug);
			let res = await session.post(`/melden/${slug}?/check`, { formToken: token, ...values });
			if (res.status === 200) res = await session.post(`/melden/${slug}?/send`, { formToken: token, ...values });
			expect(res.status, server.output()).toBe(303);
			const tracking = res.headers.get('location')!.split('/')[2];
			const reference = /class="code[^"]*"[^>]*>([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(await (await session.get(`/volgen/${tracking}/bedankt`)).text())![1];
			const { id } = await server.db.selectFrom('signals').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
			return { id, reference, tracking };
		}

		/** Step 1 as another client: the ids of the signals offered for "me too", and the form's token. */
		async function offered(session: HttpSession, slug: string, values: Record<string, string>) {
			const token = await openForm(session, slug);
			const res = await session.post(`/melden/${slug}?/check`, { formToken: token, ...values });
			expect(res.status).toBe(200);
			const html = await res.text();
			return { token, ids: [...html.matchAll(/name="signalId" value="([\w-]+)"/g)].map((m) => m[1]), html };
		}

		beforeAll(async () => {
			server = await startServer({ dialect });
			yasmina = await report('wallaysplein', {
				kind: 'common_spaces',
				description: MOTHER,
				locationKind: 'common_space',
				email: 'yasmina@example.be',
				language: 'nl'
			});
			const institute = await login(server, DEMO.coordinator);
			const sent = await institute.post(`/staff/signals/${yasmina.id}?/note`, { body: TO_HER, toReporter: 'true' });
			expect(sent.status).toBe(303);
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('a neighbour joins her report and the tracking link shows its status and his words, not hers or the message to her', async () => {
			const { omar, location } = await omarJoins();
			expect(location).toMatch(/^\/volgen\/[\w-]+\/bedankt\?mee$/);
			const omarTracking = location.split('/')[2];

			const thanks = visibleText(await (await omar.get(location)).text());
			expect(thanks).toContain(yasmina.reference);
			const page = await omar.get(`/volgen/${omarTracking}`);
			expect(page.status).toBe(200);
			const html = visibleText(await page.text());
			for (const hers of ['Mijn moeder', 'rolstoel', 'traplift', 'yasmina@example.be']) expect(html).not.toContain(hers);
			expect(html).toContain('Nieuw');
			expect(html).toContain('Wallaysplein');
			expect(html).toContain(OMAR);

			// Her own link still shows her words and the message to her: what is missing above is really hers.
			const own = visibleText(await (await tab().get(`/volgen/${yasmina.tracking}`)).text());
			expect(own).toContain(MOTHER);
			expect(own).toContain(TO_HER);
			expect(own).not.toContain(OMAR);

			expect((await reportersOf(yasmina.id)).map((r) => [r.is_original, r.email, r.description])).toEqual([
				[true, 'yasmina@example.be', null],
				[false, 'omar@example.be', OMAR]
			]);
		});

		it('staff who read the signal see his words with his join', async () => {
			await omarJoins();
			const institute = await login(server, DEMO.coordinator);
			const page = visibleText(await (await institute.get(`/staff/signals/${yasmina.id}`)).text());
			expect(page).toContain(OMAR);
		});

		it('the id of a signal in Brecht, posted to the Wevelgem form, joins nothing', async () => {
			const brecht = await report('kapelakker', {
				kind: 'common_spaces',
				description: 'De lift van Kapelakker blijft steken tussen twee verdiepingen.',
				locationKind: 'map',
				lon: '4.69',
				lat: '51.348',
				language: 'nl'
			});
			const before = await reportersOf(brecht.id);
			const visitor = tab();
			const step = await offered(visitor, 'wallaysplein', { kind: 'common_spaces', description: 'Ik heb hetzelfde probleem', language: 'nl' });
			expect(step.ids).not.toContain(brecht.id);
			// Its id alone, and with its point on the map posted as if the visitor stood there.
			for (const forged of [{}, { locationKind: 'map', lon: '4.6901', lat: '51.3481' }] as Array<Record<string, string>>) {
				const res = await visitor.post('/melden/wallaysplein?/join', {
					formToken: step.token,
					signalId: brecht.id,
					kind: 'common_spaces',
					description: 'Ik heb hetzelfde probleem',
					email: 'indringer@example.be',
					language: 'nl',
					...forged
				});
				expect(res.status).toBe(400);
				const html = visibleText(await res.text());
				expect(html).toContain('Deze melding kun je hier niet volgen.');
				expect(html).toContain('Ik heb hetzelfde probleem');
			}
			// A made-up id, and a join posted without the place's form values, are refused alike.
			const made = await visitor.post('/melden/wallaysplein?/join', {
				formToken: step.token,
				signalId: '0190aaaa-0000-7000-8000-000000000000',
				kind: 'common_spaces',
				description: 'Ik heb hetzelfde probleem',
				language: 'nl'
			});
			expect(made.status).toBe(400);
			const bare = await visitor.post('/melden/wallaysplein?/join', { formToken: step.token, signalId: yasmina.id });
			expect(bare.status).toBe(400);
			expect(await reportersOf(brecht.id)).toEqual(before);
			expect(await server.db.selectFrom('signal_reporters').select('id').where('email', '=', 'indringer@example.be').execute()).toEqual([]);
		});
	});
}
