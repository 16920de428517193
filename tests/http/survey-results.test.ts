// Sara (community worker, neighbourhood work) and De Vlashaard read the tenant satisfaction survey's results on the
// real build: the results of a wave, the two waves side by side, the open answers tagged with a new theme, the CSV
// and XLSX downloads and the report; a resident reads the published "what you told us" page on a phone without
// JavaScript. Bad input gets a clear answer, never a 500. On SQLite and PostgreSQL.
import { gzipSync, strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession } from '../support/session';
import { DEMO_PASSWORD } from '../../src/core/demo/data';
import { buildDraftSurvey, buildTenantSurvey, type TenantSurvey } from '../support/tenant-survey';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

for (const dialect of testDialects()) {
	describe(`survey results [${dialect}]`, () => {
		let server: TestServer;
		let survey: TenantSurvey;
		let waves: TenantSurvey['waves'];
		const sessions: Record<string, HttpSession> = {};

		async function signIn(email: string): Promise<HttpSession> {
			const session = new HttpSession(server, { 'accept-language': 'nl-BE' });
			const res = await session.post('/login', { email, password: DEMO_PASSWORD });
			expect(res.status, `login ${email}`).toBe(303);
			return session;
		}

		beforeAll(async () => {
			server = await startServer({ dialect });
			survey = await buildTenantSurvey(server.db);
			waves = survey.waves;
			sessions.sara = await signIn(DEMO.communityWorker);
			sessions.landlord = await signIn(DEMO.housingCompany);
			sessions.ocmw = await signIn(DEMO.welfareCentre);
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('Sara reads wave 1: who answered per estate, a chart per question with its numbers, open answers to tag', async () => {
			const res = await sessions.sara.get(`/staff/surveys/${survey.id}/results?wave=${waves[0].id}`);
			expect(res.status, server.output()).toBe(200);
			const raw = await res.text();
			const html = visibleText(raw);
			expect(html).toContain('Wie antwoordde');
			expect(html).toMatch(/Wallaysplein/);
			expect(html).toMatch(/Vlashof/);
			// The charts are SVG images whose description holds every number.
			expect(html).toMatch(/<svg[^>]*role="img"/);
			// The first question of the 28 answer sets this test stored: six tenants gave the lowest score.
			expect(html).toMatch(/<desc[^>]*>Heel ontevreden: 6 \(21%\)/);
			expect(html).toContain('Gemiddeld');
			expect(html).toContain('Lees en geef thema');
			// No script of its own: the page works without JavaScript (the sign-out button's tidy-up is for every staff page).
			expect(raw).not.toMatch(/<script(?![^>]*(type="application\/json"|\/sign-out\.[\w-]+\.js))/);
			expect(raw).toMatch(/<script src="[^"]*\/sign-out\.[\w-]+\.js" defer>/);
		});

		it('a stale wave in the address shows the latest wave with a note, and an unknown survey is a 404', async () => {
			const res = await sessions.sara.get(`/staff/surveys/${survey.id}/results?wave=nonsense`);
			expect(res.status).toBe(200);
			expect(visibleText(await res.text())).toContain('Deze ronde bestaat niet');
			expect((await sessions.sara.get('/staff/surveys/01900000-0000-7000-8000-000000000000/results')).status).toBe(404);
			expect((await sessions.sara.get('/staff/surveys/not-an-id/compare')).status).toBe(404);
		});

		it('compares wave 1 and wave 2 with the difference as arrow and number', async () => {
			const res = await sessions.sara.get(`/staff/surveys/${survey.id}/compare`);
			expect(res.status, server.output()).toBe(200);
			const html = visibleText(await res.text());
			expect(html).toContain('Ronde 1');
			expect(html).toContain('Ronde 2');
			expect(html).toMatch(/[▲▼] [+−][\d,]+/);
			expect(html).toMatch(/\d+ (hoger|lager)/);
		});

		it('Sara makes a theme and tags two open answers with it in one go; a bad post gets a message next to the field', async () => {
			const page = `/staff/surveys/${survey.id}/open-answers?question=opmerking&theme=none`;
			const list = visibleText(await (await sessions.sara.get(page)).text());
			const ids = [...list.matchAll(/name="answer" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
			expect(ids.length).toBeGreaterThan(1);

			const empty = await sessions.sara.post(`${page}&/createTheme`, { name: '   ' });
			expect(empty.status).toBe(400);
			expect(visibleText(await empty.text())).toMatch(/id="theme-name-error"/);
			const made = await sessions.sara.post(`${page}&/createTheme`, { name: 'Lift stuk' });
			expect(made.status).toBe(200);
			expect(visibleText(await made.text())).toContain("Thema 'Lift stuk' is gemaakt.");
			const again = await sessions.sara.post(`${page}&/createTheme`, { name: 'Lift stuk' });
			expect(again.status).toBe(400);
			expect(visibleText(await again.text())).toContain('Er is al een thema met deze naam.');

			const theme = await server.db
				.selectFrom('survey_themes')
				.select('id')
				.where('survey_id', '=', survey.id)
				.where('name', '=', 'Lift stuk')
				.executeTakeFirstOrThrow();
			const none = await sessions.sara.post(`${page}&/bulk`, { op: 'tag', themeId: theme.id });
			expect(none.status).toBe(400);
			expect(visibleText(await none.text())).toContain('Kies eerst een of meer antwoorden.');
			const form = new URLSearchParams([
				['op', 'tag'],
				['themeId', theme.id],
				['answer', ids[0]],
				['answer', ids[1]]
			]);
			const tagged = await sessions.sara.post(`${page}&/bulk`, form);
			expect(tagged.status).toBe(200);
			expect(visibleText(await tagged.text())).toContain('2 antwoorden kregen het thema.');
			const rows = await server.db.selectFrom('survey_open_answer_themes').select('open_answer_id').where('theme_id', '=', theme.id).execute();
			expect(rows.map((r) => r.open_answer_id).sort()).toEqual([ids[0], ids[1]].sort());
			// The filter by theme finds them.
			const filtered = await (await sessions.sara.get(`/staff/surveys/${survey.id}/open-answers?question=opmerking&theme=${theme.id}`)).text();
			expect(visibleText(filtered)).toContain('2 antwoorden');
			// A made-up answer id changes nothing and says so.
			const bogus = await sessions.sara.post(`${page}&/bulk`, { op: 'public', answer: '01900000-0000-7000-8000-000000000000' });
			expect(bogus.status).toBe(404);
		});

		it('De Vlashaard reads the open answers but cannot tag them; the OCMW, no partner, reads nothing', async () => {
			const page = await sessions.landlord.get(`/staff/surveys/${survey.id}/open-answers`);
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).not.toContain('id="bulk"');
			const theme = survey.themes[0];
			expect(
				(
					await sessions.landlord.post(`/staff/surveys/${survey.id}/open-answers?/bulk`, {
						op: 'tag',
						themeId: theme.id,
						answer: '01900000-0000-7000-8000-000000000000'
					})
				).status
			).toBe(403);
			expect((await sessions.ocmw.get(`/staff/surveys/${survey.id}/results`)).status).toBe(403);
			const csv = await sessions.ocmw.get(`/staff/surveys/${survey.id}/export/csv`);
			expect(csv.status).toBe(403);
			expect(csv.headers.get('content-type')).toContain('application/problem+json');
		});

		it('downloads the answer sets as CSV and the answers and figures as XLSX, with file names that say which wave', async () => {
			const csv = await sessions.landlord.get(`/staff/surveys/${survey.id}/export/csv?wave=${waves[0].id}`);
			expect(csv.status).toBe(200);
			expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${survey.slug}-wave-1.csv"`);
			const text = await csv.text();
			const sets = survey.answered[0].wallaysplein + survey.answered[0].vlashof;
			expect(text.trim().split('\r\n')).toHaveLength(sets + 1);
			expect(text.split('\r\n')[0]).toMatch(/^answer_set;wave;version;estate;channel;language;submitted_on;/);

			const xlsx = await sessions.landlord.get(`/staff/surveys/${survey.id}/export/xlsx?wave=${waves[0].id}`);
			expect(xlsx.status).toBe(200);
			expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
			expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="${survey.slug}-wave-1.xlsx"`);
			const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
			expect(strFromU8(files['xl/workbook.xml'])).toMatch(/name="Ingevulde lijsten".*name="Cijfers"/s);
			expect(strFromU8(files['xl/worksheets/sheet1.xml']).match(/<row /g)).toHaveLength(sets + 1);
			expect(strFromU8(files['xl/sharedStrings.xml'])).toContain('Alle woonwijken');

			const bad = await sessions.landlord.get(`/staff/surveys/${survey.id}/export/xlsx?wave=01900000-0000-7000-8000-000000000000`);
			expect(bad.status).toBe(404);
			expect(bad.headers.get('content-type')).toContain('application/problem+json');
		});

		it('the report carries the charts and the response per estate, laid out for A4', async () => {
			const res = await sessions.landlord.get(`/staff/surveys/${survey.id}/report?wave=${waves[0].id}`);
			expect(res.status).toBe(200);
			const html = visibleText(await res.text());
			expect(html).toMatch(/<svg[^>]*role="img"/);
			expect(html).toContain('Waarover bewoners schreven');
			expect(html).toContain('Wallaysplein');
		});

		it("a resident reads the published wave on a phone: no group under 5, the worker's feedback, under 50 KB", async () => {
			const tab = new HttpSession(server, { 'accept-language': 'nl-BE', 'accept-encoding': 'gzip' });
			const res = await tab.get(`/enquete/${survey.slug}/resultaten`);
			expect(res.status, server.output()).toBe(200);
			const raw = await res.text();
			const html = visibleText(raw);
			expect(html).toContain('Wat je ons vertelde');
			expect(html).toContain('Wat we ermee doen');
			expect(html).toContain(survey.feedback);
			expect(html).toMatch(/Vlashaard/);
			expect(raw).not.toMatch(/<script(?![^>]*type="application\/json")/);
			// Every count on the page is 0 or at least 5 (counts are "N (P%)" in the charts and tables).
			const counts = [...html.matchAll(/>(\d+) <small>|>(\d+) \(\d+%\)</g)].map((m) => Number(m[1] ?? m[2]));
			expect(counts.length).toBeGreaterThan(10);
			expect(counts.filter((n) => n > 0 && n < 5)).toEqual([]);
			// First load: the HTML and its stylesheets, compressed.
			const css = [...raw.matchAll(/<link[^>]+href="([^"]+\.css)"/g)].map((m) => m[1]);
			let bytes = gzipSync(new TextEncoder().encode(raw)).length;
			for (const href of css) bytes += gzipSync(new Uint8Array(await (await tab.get(href)).arrayBuffer())).length;
			expect(bytes).toBeLessThan(50 * 1024);
			// Wave 2 is not published; the draft survey has no public page.
			expect((await tab.get(`/enquete/${survey.slug}/resultaten?ronde=2`)).status).toBe(404);
			const draft = await buildDraftSurvey(server.db);
			expect((await tab.get(`/enquete/${draft.slug}/resultaten`)).status).toBe(404);
		});
	});
}
