// Sara, community worker, builds a tenant satisfaction survey for two Wevelgem estates without JavaScript: a form she
// sends half filled in comes back with a Dutch message next to the field; every builder edit is a plain post; a
// refused edit names the question and changes nothing; opening needs questions in every part; generating codes goes
// back to the codes page with the new counts, where the letters PDF (a page per household) downloads; a paper form is stored once however often she presses
// "save"; a spreadsheet with a bad row stores nothing and names the line. On the real build, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, login, type HttpSession } from '../support/session';
import { buildTenantSurvey } from '../support/tenant-survey';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

for (const dialect of testDialects()) {
	describe(`a worker builds and hands out a survey [${dialect}]`, () => {
		let server: TestServer;
		let sara: HttpSession;
		let estates: Array<{ id: string; name: string }>;
		/** The survey the running story works on: a fresh one, brought by `surveyAt` to where that story starts. */
		let surveyId: string;
		const structure = async () => {
			const row = await server.db
				.selectFrom('survey_versions')
				.select(['number', 'structure'])
				.where('survey_id', '=', surveyId)
				.orderBy('number', 'desc')
				.executeTakeFirstOrThrow();
			return {
				number: row.number,
				structure: (typeof row.structure === 'string' ? JSON.parse(row.structure) : row.structure) as {
					sections: Array<{ key: string; questions: Array<{ key: string; kind: string; condition?: unknown }> }>;
				}
			};
		};
		const answerSets = async (channel?: string) =>
			Number(
				(
					await server.db
						.selectFrom('survey_responses')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('survey_id', '=', surveyId)
						.$if(!!channel, (q) => q.where('channel', '=', channel as 'paper'))
						.executeTakeFirstOrThrow()
				).n
			);
		const edit = (op: string, fields: Record<string, string>) => sara.post(`/staff/surveys/${surveyId}/structure?/${op}`, fields);

		/** Sara's form for a new survey of Wallaysplein and Vlashof: made, or why not. */
		const newSurvey = () =>
			sara.post(
				'/staff/surveys/new',
				new URLSearchParams([
					['title.nl', 'Tevredenheid van huurders'],
					['title.fr', 'Satisfaction des locataires'],
					['consent.nl', 'Je antwoorden zijn anoniem.'],
					['consent.nl.easy', 'Niemand weet wat jij zegt.'],
					['modes', 'open_link'],
					['modes', 'code'],
					['modes', 'paper'],
					...estates.map((e) => ['estateIds', e.id])
				])
			);
		/** The survey's short link (the first made is tevredenheid-van-huurders; the title is the same for all of them). */
		const slugOf = async (id: string) => (await server.db.selectFrom('surveys').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;

		/**
		 * A new survey brought through the steps of the stories before the one that asks: made by the form, built (a part
		 * about the home with a scale, a yes/no and a choice that depends on it; a part about the neighbourhood with a
		 * number), opened with wave 1, with one paper form entered. Each story so starts from the same place whichever
		 * story ran before it, or none.
		 */
		async function surveyAt(stage: 'made' | 'built' | 'open' | 'answered'): Promise<string> {
			const made = await newSurvey();
			expect(made.status, visibleText(await made.clone().text()).slice(0, 500)).toBe(303);
			surveyId = /\/staff\/surveys\/([^/]+)\/structure/.exec(made.headers.get('location') ?? '')![1];
			if (stage === 'made') return surveyId;
			for (const [op, fields] of [
				['add_section', { 'title.nl': 'Uw woning' }],
				['add_question', { section: '0', kind: 'scale', 'label.nl': 'Hoe tevreden bent u over uw woning?', required: 'on' }],
				['add_question', { section: '0', kind: 'yes_no', 'label.nl': 'Vroeg u een herstelling aan?' }],
				[
					'add_question',
					{ section: '0', kind: 'single_choice', 'label.nl': 'Hoe snel?', options: 'Binnen de week\nLater', condition: 'is:vroeg_u_een_herstelling_aan:yes' }
				],
				['add_section', { 'title.nl': 'Uw buurt' }],
				['add_question', { section: '1', kind: 'number', 'label.nl': 'Hoeveel jaar woont u hier?' }]
			] as const) {
				expect((await edit(op, fields)).status, `${op} ${JSON.stringify(fields)}`).toBe(303);
			}
			if (stage === 'built') return surveyId;
			expect((await sara.post(`/staff/surveys/${surveyId}?/status`, { status: 'open' })).status).toBe(303);
			if (stage === 'open') return surveyId;
			const page = await (await sara.get(`/staff/surveys/${surveyId}/paper`)).text();
			const submissionId = /name="submissionId" value="([0-9a-f-]{36})"/.exec(page)![1];
			const entered = await sara.post(`/staff/surveys/${surveyId}/paper?/enter`, {
				submissionId,
				estateId: estates[0].id,
				language: 'nl',
				'a.hoe_tevreden_bent_u_over_uw_wo': '4',
				'a.vroeg_u_een_herstelling_aan': 'no'
			});
			expect(entered.status).toBe(303);
			return surveyId;
		}

		beforeAll(async () => {
			server = await startServer({ dialect });
			estates = await server.db.selectFrom('estates').select(['id', 'name']).where('name', 'in', ['Wallaysplein', 'Vlashof']).orderBy('name').execute();
			sara = await login(server, DEMO.communityWorker);
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('a survey without a name or estates comes back with the reasons next to the fields; with them it is made', async () => {
			const empty = await sara.post('/staff/surveys/new', { 'consent.nl': 'Anoniem.', modes: 'code', slug: 'Huurders 2026!' });
			expect(empty.status).toBe(400);
			const html = visibleText(await empty.text());
			expect(html).toContain('Schrijf de tekst minstens in het Nederlands.');
			// A short link a resident could not type from a poster is refused, with an example, and kept in the field.
			expect(html).toContain('Gebruik 3 tot 40 kleine letters of cijfers, met een streepje tussen woorden. Bijvoorbeeld: huurders-2026.');
			expect(html).toMatch(/id="f-slug-error"/);
			expect(html).toMatch(/id="f-slug" name="slug" value="Huurders 2026!"/);
			expect(html).toContain('Kies minstens één wijk of gebied.');
			expect(html).toMatch(/id="f-title-nl-error"/);
			const id = await surveyAt('made');
			const list = await (await sara.get('/staff/surveys')).text();
			const row = new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*/staff/surveys/${id}(?:(?!</tr>)[\\s\\S])*</tr>`).exec(list)?.[0] ?? '';
			expect(visibleText(row)).toContain('Tevredenheid van huurders');
			expect(visibleText(row)).toContain('In opbouw');
		});

		it('builds parts and questions with plain posts; a refused edit names the question and changes nothing', async () => {
			await surveyAt('made');
			expect((await edit('add_section', { 'title.nl': 'Uw woning' })).status).toBe(303);
			expect((await edit('add_question', { section: '0', kind: 'scale', 'label.nl': 'Hoe tevreden bent u over uw woning?', required: 'on' })).status).toBe(303);
			expect((await edit('add_question', { section: '0', kind: 'yes_no', 'label.nl': 'Vroeg u een herstelling aan?' })).status).toBe(303);
			const added = await edit('add_question', {
				section: '0',
				kind: 'single_choice',
				'label.nl': 'Hoe snel?',
				options: 'Binnen de week\nLater',
				condition: 'is:vroeg_u_een_herstelling_aan:yes'
			});
			expect(added.headers.get('location')).toMatch(/open=question-0-2#question-0-2$/);
			expect((await edit('add_section', { 'title.nl': 'Uw buurt' })).status).toBe(303);
			expect((await edit('add_question', { section: '1', kind: 'number', 'label.nl': 'Hoeveel jaar woont u hier?' })).status).toBe(303);
			const before = await structure();
			expect(before.structure.sections[0].questions.map((q) => q.kind)).toEqual(['scale', 'yes_no', 'single_choice']);
			expect(before.structure.sections[0].questions[2].condition).toEqual({ question: 'vroeg_u_een_herstelling_aan', is: 'yes' });

			const bad = await edit('update_question', { section: '1', question: '0', key: 'years', 'label.nl': '', min: '80', max: '0' });
			expect(bad.status).toBe(400);
			const html = visibleText(await bad.text());
			expect(html).toContain('Niet bewaard.');
			expect(html).toContain('Het kleinste getal is groter dan het grootste.');
			expect(html).toContain('href="#q1-0-f-max"');
			expect(html).toMatch(/id="q1-0-f-max-error"/);
			// The worker's typing comes back in the form.
			expect(html).toMatch(/name="min"[^>]*value="80"|value="80"[^>]*name="min"/);
			expect(await structure()).toEqual(before);

			// Moving the yes/no question below the one that depends on it is refused at the dependent question.
			const moved = await edit('move_question', { section: '0', question: '1', direction: 'down' });
			expect(moved.status).toBe(400);
			expect(visibleText(await moved.text())).toContain('Een voorwaarde kan alleen verwijzen naar een vraag die eerder komt.');
			expect(await structure()).toEqual(before);
		});

		it('shows what is missing before opening, then opens with wave 1', async () => {
			await surveyAt('built');
			expect((await edit('add_section', { 'title.nl': 'Leeg deel' })).status).toBe(303);
			const page = visibleText(await (await sara.get(`/staff/surveys/${surveyId}`)).text());
			expect(page).toContain("Het deel 'Leeg deel' heeft nog geen vragen.");
			expect((await sara.post(`/staff/surveys/${surveyId}?/status`, { status: 'open' })).status).toBe(400);
			expect((await edit('delete_section', { section: '2', confirm: 'yes' })).status).toBe(303);
			const opened = await sara.post(`/staff/surveys/${surveyId}?/status`, { status: 'open' });
			expect(opened.status).toBe(303);
			const after = visibleText(await (await sara.get(`/staff/surveys/${surveyId}`)).text());
			expect(after).toContain('nu bezig');
			expect(after).toContain(`/enquete/${await slugOf(surveyId)}`);
		});

		it('making codes goes back to the codes page with the new counts; the letters download from there, a page per household; a reload or a second post makes none twice', async () => {
			await surveyAt('open');
			const waves = await server.db.selectFrom('survey_waves').select('id').where('survey_id', '=', surveyId).execute();
			expect(waves).toHaveLength(1);
			const perEstate = await server.db
				.selectFrom('survey_wave_estates as w')
				.innerJoin('estates as e', 'e.id', 'w.estate_id')
				.select(['e.name', 'w.households'])
				.where('w.wave_id', '=', waves[0].id)
				.execute();
			const households = perEstate.reduce((n, e) => n + Number(e.households), 0);
			expect(households).toBeGreaterThan(10);
			const counts = (html: string) => html.replace(/<!--[^>]*-->/g, '');
			const before = counts(await (await sara.get(`/staff/surveys/${surveyId}/codes`)).text());
			for (const e of perEstate) expect(before).toContain(`<td>${e.name}</td><td>0</td>`);

			const res = await sara.post(`/staff/surveys/${surveyId}/codes/letters`, { waveId: waves[0].id, language: 'nl', contact: '056 12 34 56' });
			expect(res.status).toBe(303);
			const location = res.headers.get('location')!;
			expect(location).toMatch(new RegExp(`^/staff/surveys/${surveyId}/codes\\?ronde=${waves[0].id}&brieven=[0-9a-f-]{36}$`));
			// The page it goes back to shows the new state: the codes per estate, the run, and the letters to download.
			const after = await (await sara.get(location)).text();
			for (const e of perEstate) expect(counts(after)).toContain(`<td>${e.name}</td><td>${e.households}</td><td>0</td><td>0</td>`);
			const page = visibleText(after);
			expect(page).toContain(`Reeks 1: ${households} brieven`);
			expect(page).toContain(`De brieven van reeks 1 zijn klaar: ${households} brieven.`);
			const href = visibleText(/<a href="([^"]+)" download[^>]*>Download de brieven \(PDF\)<\/a>/.exec(after)?.[1] ?? '');
			expect(href).toMatch(new RegExp(`^/staff/surveys/${surveyId}/codes/letters\\?reeks=[0-9a-f-]{36}$`));
			const download = await sara.get(href);
			expect(download.status).toBe(200);
			expect(download.headers.get('content-type')).toBe('application/pdf');
			expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="brieven-ronde-1\.pdf"$/);
			const pdf = Buffer.from(await download.arrayBuffer()).toString('latin1');
			expect(pdf.startsWith('%PDF-')).toBe(true);
			expect(pdf.match(/\/Type \/Page\b(?!s)/g)?.length).toBe(households);

			// A reload of the page makes nothing; a second post (a double click) finds everyone done, and the page still
			// offers the letters of the first run.
			await sara.get(location);
			const again = await sara.post(`/staff/surveys/${surveyId}/codes/letters`, { waveId: waves[0].id });
			expect(again.status).toBe(303);
			expect(again.headers.get('location')).toMatch(/&geen$/);
			const none = await (await sara.get(again.headers.get('location')!)).text();
			expect(visibleText(none)).toContain('Alle gezinnen hebben al een code in deze ronde.');
			expect(none).toContain(`href="${href}"`);
			expect(
				Number(
					(
						await server.db
							.selectFrom('survey_codes')
							.select((eb) => eb.fn.countAll<number>().as('n'))
							.where('survey_id', '=', surveyId)
							.executeTakeFirstOrThrow()
					).n
				)
			).toBe(households);

			// The letters open only for the session that made them, and never for a partner of the survey.
			const elsewhere = await login(server, DEMO.communityWorker);
			expect((await elsewhere.get(href)).status).toBe(404);
			expect(await (await elsewhere.get(`/staff/surveys/${surveyId}/codes`)).text()).not.toContain('codes/letters?reeks=');
			const pieter = await login(server, DEMO.housingCompany);
			expect((await pieter.get(href)).status).toBe(403);
			expect((await pieter.post(`/staff/surveys/${surveyId}/codes/letters`, { waveId: waves[0].id })).status).toBe(303);
			expect(await server.db.selectFrom('survey_code_batches').select('id').where('wave_id', '=', waves[0].id).execute()).toHaveLength(1);

			// A wave with a closing day (the second of a tenant survey, running, whose households all have a code): the day
			// is checked for the letters, then nobody is left.
			const demo = await buildTenantSurvey(server.db);
			const running = await server.db.selectFrom('survey_waves').select(['id', 'closes_at']).where('id', '=', demo.waves[1].id).executeTakeFirstOrThrow();
			expect(running.closes_at).not.toBeNull();
			const closing = await sara.post(`/staff/surveys/${demo.id}/codes/letters`, { waveId: running.id, language: 'fr' });
			expect(closing.headers.get('location')).toBe(`/staff/surveys/${demo.id}/codes?ronde=${running.id}&geen`);
		});

		it('a paper form is stored once, marked as paper, however often "save" is pressed; a missing answer is named', async () => {
			await surveyAt('open');
			const page = await (await sara.get(`/staff/surveys/${surveyId}/paper`)).text();
			const submissionId = /name="submissionId" value="([0-9a-f-]{36})"/.exec(page)![1];
			const missing = await sara.post(`/staff/surveys/${surveyId}/paper?/enter`, {
				submissionId,
				estateId: estates[0].id,
				language: 'nl',
				'a.vroeg_u_een_herstelling_aan': 'no'
			});
			expect(missing.status).toBe(400);
			const html = visibleText(await missing.text());
			expect(html).toContain('Geef hier een antwoord.');
			expect(html).toContain('href="#f-a-hoe_tevreden_bent_u_over_uw_wo"');
			const form = {
				submissionId,
				estateId: estates[0].id,
				language: 'nl',
				'a.hoe_tevreden_bent_u_over_uw_wo': '4',
				'a.vroeg_u_een_herstelling_aan': 'yes',
				'a.hoe_snel': 'later',
				'a.hoeveel_jaar_woont_u_hier': '12'
			};
			expect((await sara.post(`/staff/surveys/${surveyId}/paper?/enter`, form)).status).toBe(303);
			expect((await sara.post(`/staff/surveys/${surveyId}/paper?/enter`, form)).status).toBe(303);
			expect(await answerSets('paper')).toBe(1);
		});

		it('a spreadsheet with a bad row stores nothing and names the line; a good one is checked, stored, and not stored twice', async () => {
			await surveyAt('open');
			const template = await sara.get(`/staff/surveys/${surveyId}/paper/template`);
			expect(template.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			const header = (await template.text()).replace(/^\uFEFF/, '').trim();
			expect(header).toBe('form;estate;language;code;hoe_tevreden_bent_u_over_uw_wo;vroeg_u_een_herstelling_aan;hoe_snel;hoeveel_jaar_woont_u_hier');
			const upload = (action: string, text: string) => {
				const fd = new FormData();
				fd.set('file', new Blob([text], { type: 'text/csv' }), 'papier.csv');
				return sara.post(`/staff/surveys/${surveyId}/paper?/${action}`, fd);
			};
			const bad = await upload('check', `${header}\n1;Vlashof;nl;;5;nee;;3\n2;Vlashof;nl;;9;nee;;3\n`);
			expect(bad.status).toBe(200);
			const badHtml = visibleText(await bad.text()).replace(/<!--[^>]*-->/g, '');
			expect(badHtml).toContain('Er is niets bewaard. 2 formulieren, 1 problemen');
			expect(badHtml).toMatch(/<td>3<\/td><td>hoe_tevreden_bent_u_over_uw_wo<\/td><td>Kies een smiley van 1 tot 5\.<\/td>/);
			const good = `${header}\n1;Vlashof;nl;;5;nee;;3\n2;Wallaysplein;nl;;2;ja;binnen_de_week;30\n`;
			const checked = await upload('check', good);
			const checkedHtml = visibleText(await checked.text());
			expect(checkedHtml).toContain('Alles is in orde: 2 formulieren.');
			expect(await answerSets('paper')).toBe(0);
			const stored = await sara.post(`/staff/surveys/${surveyId}/paper?/import`, { text: good });
			expect(stored.status).toBe(303);
			expect(stored.headers.get('location')).toMatch(/ingelezen=2-0/);
			const again = await sara.post(`/staff/surveys/${surveyId}/paper?/import`, { text: good });
			expect(again.headers.get('location')).toMatch(/ingelezen=0-2/);
			expect(await answerSets('paper')).toBe(2);
		});

		it('once answers exist, saving the questions makes a new version and says so', async () => {
			await surveyAt('answered');
			const saved = await edit('update_section', { section: '1', key: 'deel_2', 'title.nl': 'Uw buurt en uw buren' });
			expect(saved.headers.get('location')).toMatch(/versie=2/);
			const page = visibleText(await (await sara.get(saved.headers.get('location')!.replace(/#.*$/, ''))).text());
			expect(page).toContain('Bewaard als nieuwe versie 2.');
			expect((await structure()).number).toBe(2);
			const versions = await server.db.selectFrom('survey_responses').select('version_id').where('survey_id', '=', surveyId).distinct().execute();
			expect(versions).toHaveLength(1);
		});

		it('the preview frames the resident page in preview mode; the poster carries the open link as a QR code', async () => {
			await surveyAt('open');
			const slug = await slugOf(surveyId);
			const { number } = await structure();
			const preview = await sara.get(`/staff/surveys/${surveyId}/preview?taal=fr&eenvoudig=1`);
			const html = await preview.text();
			expect(html).toContain(`<iframe src="/enquete/${slug}?preview=${number}&amp;taal=fr&amp;eenvoudig=1"`);
			const framed = await sara.get(`/enquete/${slug}?preview=${number}&taal=fr`);
			expect(framed.headers.get('x-frame-options')).toBe('SAMEORIGIN');
			// The resident's view: their header and menu, not the staff menu of who is looking.
			const framedHtml = await framed.text();
			expect(framedHtml).toContain('href="/buurten"');
			for (const staffLink of ['href="/staff/signals"', 'href="/staff/residents"', 'action="/logout"']) expect(framedHtml).not.toContain(staffLink);
			expect((await sara.get(`/staff/surveys/${surveyId}`)).headers.get('x-frame-options')).toBe('DENY');
			const poster = await (await sara.get(`/staff/surveys/${surveyId}/poster`)).text();
			expect(poster).toMatch(/<svg[^>]*viewBox/);
			// The poster prints the short link (and its QR code holds it); typed in any case, it opens the survey.
			expect(poster).toContain(`/e/${slug}`);
			const short = await fetch(`${server.url}/e/${slug.toUpperCase()}`, { redirect: 'manual' });
			expect(short.status).toBe(308);
			expect(short.headers.get('location')).toBe(`/enquete/${slug}`);
		});
	});
}
