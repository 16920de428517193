// Sara, community worker, builds the tenant satisfaction survey of De Vlashaard and neighbourhood work for two
// Wevelgem estates, prints code letters, and residents answer: by the open link, with their household's code, on
// paper that Sara types in, and on her tablet door to door. A double submit stores one set, a used or unknown code
// is refused, nothing is stored half, and the code's row holds nothing that leads to the answers.
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { anonymous } from '../access';
import { describeOnDatabases } from '../db/testing';
import { Forbidden, Invalid, NotFound, Unauthenticated } from '../errors';
import { buildStaff } from '../people/factories';
import { newId } from '../db/ids';
import { buildHouseholds, buildOpenSurvey, buildSurveyWorld, TENANT_SURVEY, tenantSurveyInput } from './factories';
import { checkHouseholdCode, unlinkUsedCodes } from './code-entry';
import { createSurvey, deleteSurvey, getSurvey, listSurveys, saveStructure, setSurveyStatus, updateSurvey } from './builder';
import { createWave } from './waves';
import { generateHouseholdCodes, voidCodeBatch, codeOverview, normaliseHouseholdCode, CODE_ALPHABET } from './codes';
import { loadDraft, saveDraft } from './drafts';
import { submitAnswerSet } from './submission';
import { surveyForResident } from './resident-survey';

const opensAt = new Date('2026-03-01T08:00:00Z');
const during = new Date('2026-03-10T12:00:00Z');
const answers = { home_happy: 4, repair_asked: 'no', contact: 'weekly' };
const codesOf = (error: unknown) => (error as Invalid).issues.map((i) => i.code);
async function refused(promise: Promise<unknown>): Promise<string[]> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof Invalid) return codesOf(error);
		throw error;
	}
	throw new Error('expected a refusal');
}
const count = async (db: Parameters<typeof getSurvey>[0], table: 'survey_responses' | 'survey_answers' | 'survey_open_answers', surveyId?: string) =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.$if(!!surveyId && table === 'survey_responses', (q) => q.where('survey_id' as never, '=', surveyId as never))
				.executeTakeFirstOrThrow()
		).n
	);

describeOnDatabases(
	'a survey from building to answers',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildSurveyWorld>>;
		let survey: { id: string; slug: string; versionId: string };
		let letters: Array<{ code: string; estateName: string }>;

		// Each test gets its own database (each: true) with the survey world; the survey's states below are built by the test
		// that needs them, as the tests before it leave them.
		beforeEach(async () => {
			world = await buildSurveyWorld(ctx.db);
		});
		/** The draft of the first test: two estates, the housing company as partner, the home section retitled in Dutch only. */
		const draftSurvey = async () => {
			const draft = await createSurvey(
				ctx.db,
				world.worker,
				tenantSurveyInput([world.vlashof.id, world.leiemeersen.id], ['open_link', 'code', 'paper', 'tablet'], [world.shm.id]),
				{ sections: [] }
			);
			const edited = structuredClone(TENANT_SURVEY);
			edited.sections[0].title = { nl: 'Over uw woning' };
			await saveStructure(ctx.db, world.worker, draft.id, edited);
			return draft;
		};
		/** That draft open with wave 1, from 1 March to 30 June 2026. */
		const openSurvey = async () => {
			const open = await draftSurvey();
			await createWave(ctx.db, world.worker, open.id, { opensAt: '2026-03-01', closesAt: '2026-06-30' }, opensAt);
			await setSurveyStatus(ctx.db, world.worker, open.id, 'open', opensAt);
			return open;
		};
		/** A code letter for each of the 10 households in scope (Leiemeersen's 4 first, then Vlashof's 6). */
		const printLetters = async () => {
			const waveId = (await getSurvey(ctx.db, world.worker, survey.id)).waves[0].id;
			return (await generateHouseholdCodes(ctx.db, world.worker, { surveyId: survey.id, waveId, link: (c) => c }, during)).letters;
		};
		const answerByOpenLink = async (sets: number) => {
			for (let i = 0; i < sets; i++) await submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'open_link', answers }, during);
		};

		it('Sara builds a draft for two estates; a structure edited before any answer stays version 1', async () => {
			survey = await createSurvey(
				ctx.db,
				world.worker,
				tenantSurveyInput([world.vlashof.id, world.leiemeersen.id], ['open_link', 'code', 'paper', 'tablet'], [world.shm.id]),
				{ sections: [] }
			);
			expect(survey.slug).toBe('tevredenheid-van-huurders-2026');
			const again = await createSurvey(ctx.db, world.worker, tenantSurveyInput([world.vlashof.id]));
			expect(again.slug).toBe('tevredenheid-van-huurders-2026-2');
			await deleteSurvey(ctx.db, world.worker, again.id);

			// Not ready to open while empty.
			expect(await refused(setSurveyStatus(ctx.db, world.worker, survey.id, 'open', opensAt))).toEqual(['survey_not_ready']);
			const saved = await saveStructure(ctx.db, world.worker, survey.id, TENANT_SURVEY);
			expect(saved).toEqual({ versionId: survey.versionId, number: 1, newVersion: false });
			const edited = structuredClone(TENANT_SURVEY);
			edited.sections[0].title = { nl: 'Over uw woning' };
			expect(await saveStructure(ctx.db, world.worker, survey.id, edited)).toEqual({ versionId: survey.versionId, number: 1, newVersion: false });
			const view = await getSurvey(ctx.db, world.worker, survey.id);
			expect(view.version.structure.sections[0].title).toEqual({ nl: { text: 'Over uw woning' } });
			expect(view.estates.map((e) => [e.name, e.town])).toEqual([
				['Leiemeersen', 'Wevelgem'],
				['Vlashof', 'Wevelgem']
			]);
			expect(view.can).toEqual({ update: true, enterAnswers: true, readResults: true });
		});

		it('only the owner builds; the housing company named as partner reads; others see nothing', async () => {
			survey = await draftSurvey();
			await expect(saveStructure(ctx.db, world.landlord, survey.id, TENANT_SURVEY)).rejects.toThrow(Forbidden);
			expect((await getSurvey(ctx.db, world.landlord, survey.id)).can).toEqual({ update: false, enterAnswers: false, readResults: true });
			await expect(getSurvey(ctx.db, world.otherLandlord, survey.id)).rejects.toThrow(Forbidden);
			await expect(getSurvey(ctx.db, world.admin, survey.id)).rejects.toThrow(Forbidden);
			await expect(createSurvey(ctx.db, anonymous, tenantSurveyInput([world.vlashof.id]))).rejects.toThrow(Unauthenticated);
			expect((await listSurveys(ctx.db, world.landlord)).map((s) => [s.slug, s.isOwner])).toEqual([[survey.slug, false]]);
			expect(await listSurveys(ctx.db, world.otherLandlord)).toEqual([]);
			// A survey needs an estate or area, and a way to answer.
			expect(await refused(createSurvey(ctx.db, world.worker, { ...tenantSurveyInput([]), modes: [] }))).toEqual(['mode_required', 'scope_required']);
		});

		it('opens with wave 1 and the households in scope counted; residents see it in their language', async () => {
			survey = await draftSurvey();
			await createWave(ctx.db, world.worker, survey.id, { opensAt: '2026-03-01', closesAt: '2026-06-30' }, opensAt);
			expect(await refused(createWave(ctx.db, world.worker, survey.id, { opensAt: '2026-06-01', closesAt: '2026-07-31' }, opensAt))).toEqual(['waves_overlap']);
			await setSurveyStatus(ctx.db, world.worker, survey.id, 'open', opensAt);
			const view = await getSurvey(ctx.db, world.worker, survey.id, during);
			expect(view.waves.map((w) => [w.number, w.isOpen, w.households])).toEqual([[1, true, 10]]);
			const resident = await surveyForResident(ctx.db, anonymous, survey.slug, during);
			expect(resident).toMatchObject({ isOpen: true, wave: { number: 1 }, modes: ['open_link', 'code', 'paper', 'tablet'] });
			// The edited section title exists in Dutch only: French and English are not complete.
			expect(resident.languages).toEqual(['nl']);
			expect((await surveyForResident(ctx.db, anonymous, survey.slug, new Date('2026-08-01T00:00:00Z'))).isOpen).toBe(false);
		});

		it('a resident answers by the open link; a double submit with the same submission id stores one set', async () => {
			survey = await openSurvey();
			const submissionId = newId();
			const first = await submitAnswerSet(
				ctx.db,
				anonymous,
				survey.id,
				{ submissionId, channel: 'open_link', estateId: world.vlashof.id, answers, language: 'fr' },
				during
			);
			const second = await submitAnswerSet(
				ctx.db,
				anonymous,
				survey.id,
				{ submissionId, channel: 'open_link', estateId: world.vlashof.id, answers, language: 'fr' },
				during
			);
			expect(first).toMatchObject({ replayed: false, estateId: world.vlashof.id, versionId: survey.versionId });
			expect(second).toEqual({ ...first, replayed: true });
			// Two at once (a double tap): still one.
			const racing = newId();
			const both = await Promise.all(
				[0, 1].map(() => submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: racing, channel: 'open_link', answers }, during))
			);
			expect(new Set(both.map((b) => b.responseId)).size).toBe(1);
			const stored = await ctx.db
				.selectFrom('survey_responses')
				.select(['channel', 'language', 'entered_by', 'estate_id'])
				.where('id', '=', first.responseId)
				.executeTakeFirstOrThrow();
			expect(stored).toEqual({ channel: 'open_link', language: 'fr', entered_by: null, estate_id: world.vlashof.id });
			expect(await count(ctx.db, 'survey_responses')).toBe(2);
		});

		it('stores nothing of a set with a bad answer, and refuses an estate outside the survey', async () => {
			survey = await openSurvey();
			const before = [await count(ctx.db, 'survey_responses'), await count(ctx.db, 'survey_answers'), await count(ctx.db, 'survey_open_answers')];
			const bad = await refused(
				submitAnswerSet(
					ctx.db,
					anonymous,
					survey.id,
					{ submissionId: newId(), channel: 'open_link', answers: { ...answers, remark: 'x'.repeat(100_000), repair_speed: 3, home_happy: 9 } },
					during
				)
			);
			expect(bad).toEqual(['value_off_scale', 'hidden_question_answered', 'text_too_long']);
			expect(
				await refused(
					submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'open_link', estateId: world.elsewhere.id, answers }, during)
				)
			).toEqual(['estate_not_in_scope']);
			expect(await refused(submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: 'not-a-uuid', channel: 'open_link', answers }, during))).toEqual([
				'invalid_submission_id'
			]);
			expect([await count(ctx.db, 'survey_responses'), await count(ctx.db, 'survey_answers'), await count(ctx.db, 'survey_open_answers')]).toEqual(before);
		});

		it('Sara prints code letters; a used code and an unknown code are refused; the code row leads nowhere', async () => {
			survey = await openSurvey();
			const link = (code: string) => `https://leefbaar.test/b/${code}`;
			const batch = await generateHouseholdCodes(
				ctx.db,
				world.worker,
				{ surveyId: survey.id, waveId: (await getSurvey(ctx.db, world.worker, survey.id)).waves[0].id, link },
				during
			);
			letters = batch.letters;
			expect(batch.letters).toHaveLength(10);
			expect(batch.letters[0]).toEqual({
				code: expect.stringMatching(/^[ACEFHKMNPRTWXY3479]{4}-[ACEFHKMNPRTWXY3479]{4}$/),
				url: link(batch.letters[0].code),
				addressLabel: 'Leiemeers 1\n8560 Wevelgem',
				estateName: 'Leiemeersen'
			});
			expect(batch.letters.map((l) => l.estateName)).toEqual([...Array(4).fill('Leiemeersen'), ...Array(6).fill('Vlashof')]);
			// A second run makes no second code for the same households.
			const waveId = (await getSurvey(ctx.db, world.worker, survey.id)).waves[0].id;
			expect(await generateHouseholdCodes(ctx.db, world.worker, { surveyId: survey.id, waveId, link }, during)).toEqual({
				batchId: null,
				letters: [],
				skipped: 10
			});
			// The codes are stored hashed only.
			const rows = await ctx.db.selectFrom('survey_codes').selectAll().where('wave_id', '=', waveId).execute();
			expect(rows).toHaveLength(10);
			for (const l of batch.letters) expect(JSON.stringify(rows)).not.toContain(l.code.replace('-', ''));

			const leiemeers = batch.letters[0];
			const typed = leiemeers.code.toLowerCase().replace('-', ' ');
			expect(await checkHouseholdCode(ctx.db, anonymous, typed, during)).toEqual({
				surveyId: survey.id,
				slug: survey.slug,
				waveId,
				estateId: world.leiemeersen.id
			});
			const answered = await submitAnswerSet(
				ctx.db,
				anonymous,
				survey.id,
				{ submissionId: newId(), channel: 'code', code: typed, estateId: world.vlashof.id, answers: { ...answers, remark: 'Graag meer groen' } },
				during
			);
			// The code brings its own estate.
			expect(answered.estateId).toBe(world.leiemeersen.id);
			expect(
				await refused(submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'code', code: leiemeers.code, answers }, during))
			).toEqual(['code_used']);
			expect(await refused(checkHouseholdCode(ctx.db, anonymous, leiemeers.code, during))).toEqual(['code_used']);
			expect(
				await refused(submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'code', code: 'AAAA-AAAA', answers }, during))
			).toEqual(['unknown_code']);
			expect(
				await refused(submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'code', code: 'not a code', answers }, during))
			).toEqual(['unknown_code']);
			expect(await refused(submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'code', answers }, during))).toEqual([
				'code_required'
			]);

			// The used code's row: its hash, survey, wave, print run, estate and "used" — no household, no time, no answer set.
			const used = await ctx.db.selectFrom('survey_codes').selectAll().where('status', '=', 'used').execute();
			expect(used).toHaveLength(1);
			expect(Object.keys(used[0]).sort()).toEqual(['batch_id', 'code_hash', 'estate_id', 'status', 'survey_id', 'wave_id']);
			expect(JSON.stringify(used[0])).not.toContain(answered.responseId);
			const set = await ctx.db.selectFrom('survey_responses').selectAll().where('id', '=', answered.responseId).executeTakeFirstOrThrow();
			expect(Object.values(set)).not.toContain(used[0].code_hash);
			expect(Object.values(set)).not.toContain(used[0].batch_id);
			expect(Object.keys(set).sort()).toEqual([
				'channel',
				'entered_by',
				'estate_id',
				'id',
				'language',
				'submission_fingerprint',
				'submission_id',
				'submitted_at',
				'survey_id',
				'version_id',
				'wave_id'
			]);
			// Only a tablet's set keeps a fingerprint of its answers (a resend check); one answered with a code keeps none, so
			// no hash over the code and the answers ties them together.
			expect(set.submission_fingerprint).toBeNull();
			// PostgreSQL stamps both rows with the transaction that wrote them (xmin): the sweep writes the code again, so its
			// stamp is the sweep's. SQLite keeps no such stamp.
			if (ctx.db.dialect === 'postgres') {
				const stamp = async () => ({
					code: (await sql<{ x: string }>`select xmin::text as x from survey_codes where status = 'used'`.execute(ctx.db)).rows[0].x,
					sets: (await sql<{ x: string }>`select xmin::text as x from survey_responses`.execute(ctx.db)).rows.map((r) => r.x)
				});
				const before = await stamp();
				expect(before.sets).toContain(before.code);
				expect(await unlinkUsedCodes(ctx.db)).toBe(1);
				const after = await stamp();
				expect(after.sets).not.toContain(after.code);
				expect(await unlinkUsedCodes(ctx.db)).toBe(0);
			} else expect(await unlinkUsedCodes(ctx.db)).toBe(0);
			expect((await ctx.db.selectFrom('survey_codes').select('status').where('status', '=', 'used').execute()).length).toBe(1);
			// The households that got a letter are kept apart, with nothing of the code or its use.
			const recipients = await ctx.db.selectFrom('survey_code_recipients').selectAll().execute();
			expect(Object.keys(recipients[0]).sort()).toEqual(['batch_id', 'household_id', 'wave_id']);
			expect((await codeOverview(ctx.db, world.worker, survey.id, waveId)).estates.find((e) => e.estateId === world.leiemeersen.id)).toEqual({
				estateId: world.leiemeersen.id,
				unused: 3,
				used: 1,
				void: 0
			});
		});

		it('a lost print run is voided: its unused codes stop working and its households can get new ones', async () => {
			survey = await openSurvey();
			await printLetters();
			const waveId = (await getSurvey(ctx.db, world.worker, survey.id)).waves[0].id;
			const extra = await buildHouseholds(ctx.db, world.vlashof.id, 2, 'Nieuwe rij');
			expect(extra).toHaveLength(2);
			const run = await generateHouseholdCodes(ctx.db, world.worker, { surveyId: survey.id, waveId, link: (c) => c }, during);
			expect(run.letters.map((l) => l.addressLabel)).toEqual(['Nieuwe rij 1\n8560 Wevelgem', 'Nieuwe rij 2\n8560 Wevelgem']);
			expect(await voidCodeBatch(ctx.db, world.worker, survey.id, run.batchId!)).toEqual({ voided: 2, used: 0 });
			expect(await refused(checkHouseholdCode(ctx.db, anonymous, run.letters[0].code, during))).toEqual(['code_void']);
			expect(await refused(voidCodeBatch(ctx.db, world.worker, survey.id, run.batchId!))).toEqual(['batch_voided']);
			const reprint = await generateHouseholdCodes(ctx.db, world.worker, { surveyId: survey.id, waveId, link: (c) => c }, during);
			expect(reprint.letters).toHaveLength(2);
			expect(normaliseHouseholdCode(reprint.letters[0].code)).toBe(reprint.letters[0].code);
			expect([...reprint.letters[0].code.replace('-', '')].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
		});

		it('Sara types in a paper form (audited, with her name) and answers on her tablet, even resent offline', async () => {
			survey = await openSurvey();
			const paper = await submitAnswerSet(
				ctx.db,
				world.worker,
				survey.id,
				{ submissionId: newId(), channel: 'paper', estateId: world.vlashof.id, answers: { ...answers, years: 30 } },
				during
			);
			const row = await ctx.db.selectFrom('survey_responses').select(['channel', 'entered_by']).where('id', '=', paper.responseId).executeTakeFirstOrThrow();
			expect(row).toEqual({ channel: 'paper', entered_by: world.worker.id });
			const entries = await ctx.db.selectFrom('audit_log').select(['action', 'resource_id', 'actor_id']).where('action', '=', 'survey_paper_entry').execute();
			expect(entries).toEqual([{ action: 'survey_paper_entry', resource_id: paper.responseId, actor_id: world.worker.id }]);

			const tabletId = newId();
			const tablet = await submitAnswerSet(
				ctx.db,
				world.worker,
				survey.id,
				{ submissionId: tabletId, channel: 'tablet', estateId: world.leiemeersen.id, answers },
				during
			);
			const resent = await submitAnswerSet(
				ctx.db,
				world.worker,
				survey.id,
				{ submissionId: tabletId, channel: 'tablet', estateId: world.leiemeersen.id, answers },
				new Date(during.getTime() + 3_600_000)
			);
			expect(resent).toEqual({ ...tablet, replayed: true });
			// Residents cannot pretend to be a worker; a partner who only reads cannot enter either.
			await expect(submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'paper', answers }, during)).rejects.toThrow(
				Unauthenticated
			);
			await expect(submitAnswerSet(ctx.db, world.landlord, survey.id, { submissionId: newId(), channel: 'tablet', answers }, during)).rejects.toThrow(
				Forbidden
			);
		});

		it('after answers, saving the structure makes version 2; old answers keep version 1', async () => {
			survey = await openSurvey();
			await answerByOpenLink(5);
			const changed = structuredClone(TENANT_SURVEY);
			changed.sections[1].questions.push({ key: 'safe', kind: 'scale', label: { nl: 'Voelt u zich veilig in de buurt?' } });
			const saved = await saveStructure(ctx.db, world.worker, survey.id, changed);
			expect(saved).toMatchObject({ number: 2, newVersion: true });
			// The same structure again makes no version 3.
			expect(await saveStructure(ctx.db, world.worker, survey.id, changed)).toEqual({ versionId: saved.versionId, number: 2, newVersion: false });
			const later = await submitAnswerSet(
				ctx.db,
				anonymous,
				survey.id,
				{ submissionId: newId(), channel: 'open_link', answers: { ...answers, safe: 5 } },
				during
			);
			expect(later.versionId).toBe(saved.versionId);
			// The new question was unknown to version 1 and is unknown to no one now.
			const view = await getSurvey(ctx.db, world.worker, survey.id);
			expect(view.versions.map((v) => [v.number, v.answerSets])).toEqual([
				[2, 1],
				[1, 5]
			]);
			// And a version with answers is never changed in place.
			const v1 = await ctx.db.selectFrom('survey_versions').select('structure').where('id', '=', survey.versionId).executeTakeFirstOrThrow();
			expect(JSON.stringify(v1.structure)).not.toContain('"safe"');
		});

		it('a resident saves progress on her phone and comes back; the draft goes when she sends', async () => {
			survey = await openSurvey();
			letters = await printLetters();
			const start = await saveDraft(ctx.db, anonymous, { surveyId: survey.id, language: 'fr', answers: { home_happy: 2 }, step: 0 }, during);
			const more = await saveDraft(
				ctx.db,
				anonymous,
				{ surveyId: survey.id, token: start.token, language: 'en', answers: { home_happy: 2, repair_asked: 'yes' }, step: 1 },
				during
			);
			expect(more.token).toBe(start.token);
			expect(await loadDraft(ctx.db, anonymous, survey.id, start.token, during)).toMatchObject({
				language: 'en',
				answers: { home_happy: 2, repair_asked: 'yes' },
				step: 1,
				hasCode: false
			});
			expect(await loadDraft(ctx.db, anonymous, survey.id, 'someone-elses-token', during)).toBeNull();
			// Thirty days later it is gone.
			expect(await loadDraft(ctx.db, anonymous, survey.id, start.token, new Date(during.getTime() + 31 * 86_400_000))).toBeNull();
			await submitAnswerSet(
				ctx.db,
				anonymous,
				survey.id,
				{
					submissionId: newId(),
					channel: 'open_link',
					draftToken: start.token,
					answers: { home_happy: 2, repair_asked: 'yes', repair_speed: 1 },
					language: 'en'
				},
				during
			);
			expect(await loadDraft(ctx.db, anonymous, survey.id, start.token, during)).toBeNull();
			// A draft keeps the code typed at the start, so sending needs no second typing of it.
			const withCode = await saveDraft(ctx.db, anonymous, { surveyId: survey.id, code: letters[1].code, answers: { home_happy: 5 } }, during);
			expect(await loadDraft(ctx.db, anonymous, survey.id, withCode.token, during)).toMatchObject({ hasCode: true });
			const sent = await submitAnswerSet(
				ctx.db,
				anonymous,
				survey.id,
				{ submissionId: newId(), channel: 'code', draftToken: withCode.token, answers: { home_happy: 5, repair_asked: 'no' } },
				during
			);
			expect(sent.estateId).toBe(world.leiemeersen.id);
			expect(await refused(checkHouseholdCode(ctx.db, anonymous, letters[1].code, during))).toEqual(['code_used']);
			expect(await refused(saveDraft(ctx.db, anonymous, { surveyId: survey.id, code: 'AAAA-AAAA', answers: {} }, during))).toEqual(['unknown_code']);
		});

		it('closes: residents are turned away, a worker still types in paper forms of the wave', async () => {
			survey = await openSurvey();
			await setSurveyStatus(ctx.db, world.worker, survey.id, 'closed', during);
			expect(await refused(submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'open_link', answers }, during))).toEqual([
				'survey_not_open'
			]);
			expect(await refused(setSurveyStatus(ctx.db, world.worker, survey.id, 'draft', during))).toEqual(['status_not_allowed']);
			const waveId = (await getSurvey(ctx.db, world.worker, survey.id)).waves[0].id;
			const late = await submitAnswerSet(
				ctx.db,
				world.worker,
				survey.id,
				{ submissionId: newId(), channel: 'paper', waveId, answers },
				new Date('2026-07-15T09:00:00Z')
			);
			expect(late.waveId).toBe(waveId);
			await expect(surveyForResident(ctx.db, anonymous, 'no-such-survey')).rejects.toThrow(NotFound);
		});

		it('refuses a way of answering the survey does not use, and a code in a survey without codes', async () => {
			const other = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id], { modes: ['open_link'] });
			const worker2 = await buildStaff(ctx.db, 'community_worker', world.institute, 'Tom');
			expect(await refused(submitAnswerSet(ctx.db, worker2, other.id, { submissionId: newId(), channel: 'paper', answers }, during))).toEqual([
				'mode_not_allowed'
			]);
			expect(await refused(generateHouseholdCodes(ctx.db, world.worker, { surveyId: other.id, waveId: other.waveId, link: (c) => c }, during))).toEqual([
				'codes_not_enabled'
			]);
			expect((await getSurvey(ctx.db, world.worker, other.id, during)).waves[0].households).toBe(6);
			await updateSurvey(
				ctx.db,
				world.worker,
				other.id,
				{ ...tenantSurveyInput([world.vlashof.id, world.leiemeersen.id]), modes: ['open_link', 'code'] },
				during
			);
			// Vlashof's 6 households and Leiemeersen's 4.
			const view = await getSurvey(ctx.db, world.worker, other.id, during);
			expect(view.waves[0].households).toBe(6 + 4);
		});
	},
	{ each: true }
);
