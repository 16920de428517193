// Sara takes the tenant survey door to door on her tablet: the tablet page and its service worker load, the API gives
// the survey once, and the answer sets she sends later are stored once each (a resend after a lost answer changes
// nothing), marked tablet and with her as the worker. Bad sets get a problem document naming the field in her
// language; the housing company reading the results cannot enter answers; nobody without a session gets in.
// On the real build, on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';
import { buildTenantSurvey, type TenantSurvey } from '../support/tenant-survey';

const ANSWERS = {
	woning_tevreden: 4,
	herstelling_gevraagd: 'yes',
	herstelling_snel: 2,
	buurt_tevreden: 5,
	buurtwerk_kent: 'no',
	contact_vlashaard: { choice: 'other', other: 'Via mijn buurvrouw' },
	noden: { ideas: 'Een speelplein' }
};

for (const dialect of testDialects()) {
	describe(`a worker's tablet door to door [${dialect}]`, () => {
		let server: TestServer;
		let sara: HttpSession;
		let survey: TenantSurvey;
		/** The survey's estates, Wallaysplein first. */
		let estates: Array<{ id: string }>;
		const api = (session: HttpSession, path: string, body?: unknown) =>
			session.request(
				path,
				body === undefined
					? { headers: { accept: 'application/json' } }
					: {
							method: 'POST',
							headers: { accept: 'application/json', 'content-type': 'application/json' },
							body: typeof body === 'string' ? body : JSON.stringify(body)
						}
			);
		const tabletSets = async (submissionId?: string) =>
			server.db
				.selectFrom('survey_responses')
				.select(['channel', 'entered_by', 'estate_id', 'language'])
				.where('survey_id', '=', survey.id)
				.where('channel', '=', 'tablet')
				.$if(!!submissionId, (q) => q.where('submission_id', '=', submissionId!))
				.execute();

		beforeAll(async () => {
			server = await startServer({ dialect });
			survey = await buildTenantSurvey(server.db);
			estates = [{ id: survey.estates.wallaysplein }, { id: survey.estates.vlashof }];
			sara = await login(server, DEMO.communityWorker);
			sara.headers['accept-language'] = 'nl-BE';
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('the tablet page, its service worker (scoped to the page) and the survey for the device', async () => {
			const page = await sara.get(`/staff/surveys/${survey.id}/tablet`);
			expect(page.status, server.output()).toBe(200);
			const html = await page.text();
			expect(html).toContain('Bevraging aan de deur');
			expect(html).toContain('Hoe woont u?');
			const sw = await sara.get(`/staff/surveys/${survey.id}/tablet/sw.js`);
			expect(sw.status).toBe(200);
			expect(sw.headers.get('content-type')).toContain('javascript');
			expect(sw.headers.get('service-worker-allowed')).toBe(`/staff/surveys/${survey.id}/tablet`);
			const swSource = await sw.text();
			expect(swSource).toContain("addEventListener('fetch'");
			expect(swSource).toContain("const CACHE = 'leefbaar-tablet-v1';");

			const res = await api(sara, `/api/v1/surveys/${survey.id}/tablet`);
			expect(res.status).toBe(200);
			const body = (await res.json()) as {
				survey: {
					isOpen: boolean;
					tabletMode: boolean;
					estates: Array<{ id: string; name: string }>;
					languages: string[];
					version: { structure: { sections: unknown[] } };
				};
			};
			expect(body.survey).toMatchObject({ isOpen: true, tabletMode: true, languages: ['nl', 'en', 'fr'] });
			expect(body.survey.version.structure.sections.length).toBeGreaterThan(1);
			expect(body.survey.estates.map((e) => [e.id, e.name]).sort()).toEqual(
				[
					[survey.estates.wallaysplein, 'Wallaysplein'],
					[survey.estates.vlashof, 'Vlashof']
				].sort()
			);
		});

		it('a set is stored once: 201, then 200 replayed for the resend after a lost answer; channel tablet, Sara recorded', async () => {
			const set = { submissionId: randomUUID(), estateId: estates[0].id, language: 'fr', answers: ANSWERS, finishedAt: new Date().toISOString() };
			const first = await api(sara, `/api/v1/surveys/${survey.id}/answer-sets`, set);
			expect(first.status, server.output()).toBe(201);
			expect(await first.json()).toMatchObject({ submissionId: set.submissionId, replayed: false, channel: 'tablet', estateId: estates[0].id });
			const again = await api(sara, `/api/v1/surveys/${survey.id}/answer-sets`, set);
			expect(again.status).toBe(200);
			expect(await again.json()).toMatchObject({ replayed: true });
			const saraId = (await server.db.selectFrom('users').select('id').where('email', '=', DEMO.communityWorker).executeTakeFirstOrThrow()).id;
			expect(await tabletSets(set.submissionId)).toEqual([{ channel: 'tablet', entered_by: saraId, estate_id: estates[0].id, language: 'fr' }]);
		});

		it('bad sets get a problem document in her language, naming the field; nothing is stored', async () => {
			const before = (await tabletSets()).length;
			const send = async (body: unknown) => {
				const res = await api(sara, `/api/v1/surveys/${survey.id}/answer-sets`, body);
				expect(res.headers.get('content-type')).toContain('application/problem+json');
				return {
					status: res.status,
					problem: (await res.json()) as { title: string; code: string; errors?: Array<{ pointer: string; code: string; detail: string }> }
				};
			};
			const base = { submissionId: randomUUID(), estateId: estates[0].id, answers: ANSWERS };

			const hidden = await send({ ...base, answers: { ...ANSWERS, herstelling_gevraagd: 'no' } });
			expect(hidden.status).toBe(422);
			expect(hidden.problem.errors).toEqual([{ pointer: '/answers/herstelling_snel', code: 'hidden_question_answered', detail: expect.stringMatching(/\S/) }]);
			const offScale = await send({ ...base, answers: { ...ANSWERS, woning_tevreden: 9 } });
			expect(offScale.problem.errors?.[0]).toMatchObject({
				pointer: '/answers/woning_tevreden',
				code: 'value_off_scale',
				detail: 'Kies een smiley van 1 tot 5.'
			});
			const long = await send({ ...base, answers: { ...ANSWERS, opmerking: 'x'.repeat(100_000) } });
			expect(long.problem.errors?.[0]).toMatchObject({ pointer: '/answers/opmerking', code: 'text_too_long' });
			const elsewhere = await server.db
				.selectFrom('estates')
				.select('id')
				.where(
					'id',
					'not in',
					estates.map((e) => e.id)
				)
				.executeTakeFirstOrThrow();
			expect((await send({ ...base, estateId: elsewhere.id })).problem.errors?.[0]).toMatchObject({ pointer: '/estateId', code: 'estate_not_in_scope' });
			expect((await send({ ...base, estateId: undefined })).problem.errors?.[0]).toMatchObject({ pointer: '/estateId' });
			expect((await send({ ...base, submissionId: 'twice' })).problem.errors?.[0]).toMatchObject({ pointer: '/submissionId', code: 'invalid_submission_id' });
			expect((await send({ ...base, code: 'KM7X-P3RA' })).status).toBe(422);
			const broken = await send('{"submissionId": ');
			expect(broken).toMatchObject({ status: 422, problem: { code: 'invalid_input', errors: [{ code: 'invalid_json' }] } });
			expect((await tabletSets()).length).toBe(before);
		});

		it('the housing company reads the results but cannot enter answers; without a session: 401', async () => {
			const landlord = await login(server, DEMO.housingCompany);
			const load = await api(landlord, `/api/v1/surveys/${survey.id}/tablet`);
			expect(load.status).toBe(403);
			expect(load.headers.get('content-type')).toContain('application/problem+json');
			expect(
				(await api(landlord, `/api/v1/surveys/${survey.id}/answer-sets`, { submissionId: randomUUID(), estateId: estates[0].id, answers: ANSWERS })).status
			).toBe(403);
			expect((await landlord.get(`/staff/surveys/${survey.id}/tablet`)).status).toBe(403);
			const stranger = new HttpSession(server);
			expect((await api(stranger, `/api/v1/surveys/${survey.id}/tablet`)).status).toBe(401);
			expect((await api(stranger, `/api/v1/surveys/${survey.id}/answer-sets`, { submissionId: randomUUID() })).status).toBe(401);
			expect((await api(sara, `/api/v1/surveys/no-such-survey/tablet`)).status).toBe(404);
		});

		it('the OpenAPI document describes both operations', async () => {
			const doc = (await (await new HttpSession(server).get('/api/v1/openapi.json')).json()) as {
				paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
			};
			expect(doc.paths['/surveys/{id}/tablet'].get.responses).toHaveProperty('200');
			expect(doc.paths['/surveys/{id}/answer-sets'].post.requestBody).toBeDefined();
			expect(doc.paths['/surveys/{id}/answer-sets'].post.responses).toHaveProperty('422');
		});
	});
}
