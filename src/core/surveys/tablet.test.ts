// Sara goes door to door on Vlashof with her tablet: it loads the tenant survey once (version, wave, estates,
// languages), she takes answers offline, and sends them later. A set sent twice (the first answer got lost) is
// stored once, with channel 'tablet' and Sara as the worker; a set the server refuses says why; a partner who only
// reads the results cannot load the tablet, and a survey without the tablet mode says so.
import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { Forbidden, Invalid } from '../errors';
import { buildOpenSurvey, buildSurveyWorld } from './factories';
import { setSurveyStatus } from './builder';
import { submitTabletAnswerSet, surveyForTablet } from './tablet';

const opensAt = new Date('2026-03-01T08:00:00Z');
const during = new Date('2026-03-10T12:00:00Z');
const answers = { home_happy: 4, repair_asked: 'yes', repair_speed: 2, contact: { choice: 'other', other: 'Op de markt' }, ideas: { ideas: 'Een moestuin' } };
const codesOf = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (e) {
		if (e instanceof Invalid) return e.issues.map((i) => i.code);
		throw e;
	}
	throw new Error('expected a refusal');
};

describeOnDatabases(
	'a worker answers door to door on a tablet',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildSurveyWorld>>;
		let survey: Awaited<ReturnType<typeof buildOpenSurvey>>;

		// Each test starts from the open survey on a database of its own: closing it in one leaves the others open.
		beforeEach(async () => {
			world = await buildSurveyWorld(ctx.db);
			survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id, world.leiemeersen.id], { opensAt, partners: [world.shm.id] });
		});

		it('the tablet loads the current version, the open wave, the estates of the wave and the complete languages', async () => {
			const t = await surveyForTablet(ctx.db, world.worker, survey.id, during);
			expect(t).toMatchObject({
				id: survey.id,
				status: 'open',
				tabletMode: true,
				isOpen: true,
				wave: { id: survey.waveId, number: 1 },
				version: { id: survey.versionId, number: 1 }
			});
			expect(t.estates.map((e) => e.name)).toEqual(['Leiemeersen', 'Vlashof']);
			expect(t.languages).toEqual(['nl', 'en', 'fr']);
			expect(t.version.structure.sections.map((s) => s.key)).toEqual(['home', 'neighbourhood']);
			// After the wave: loaded, but not taking answers.
			expect((await surveyForTablet(ctx.db, world.worker, survey.id, new Date('2027-04-01T00:00:00Z'))).isOpen).toBe(false);
		});

		it('only the organisation that runs the survey enters answers: the partner reading the results cannot', async () => {
			await expect(surveyForTablet(ctx.db, world.landlord, survey.id, during)).rejects.toThrow(Forbidden);
			await expect(surveyForTablet(ctx.db, world.otherLandlord, survey.id, during)).rejects.toThrow(Forbidden);
			await expect(
				submitTabletAnswerSet(ctx.db, world.landlord, survey.id, { submissionId: randomUUID(), estateId: world.vlashof.id, answers }, during)
			).rejects.toThrow(Forbidden);
		});

		it('a set sent twice (the answer was lost) is stored once, with channel tablet and the worker recorded', async () => {
			const submissionId = randomUUID();
			const set = { submissionId, estateId: world.vlashof.id, language: 'fr', answers, finishedAt: '2026-03-10T09:00:00Z' };
			const first = await submitTabletAnswerSet(ctx.db, world.worker, survey.id, set, during);
			const again = await submitTabletAnswerSet(ctx.db, world.worker, survey.id, set, during);
			expect(first).toMatchObject({ replayed: false, channel: 'tablet', estateId: world.vlashof.id });
			expect(again).toEqual({ ...first, replayed: true });
			const rows = await ctx.db
				.selectFrom('survey_responses')
				.select(['channel', 'entered_by', 'language', 'estate_id'])
				.where('survey_id', '=', survey.id)
				.execute();
			expect(rows).toEqual([{ channel: 'tablet', entered_by: world.worker.id, language: 'fr', estate_id: world.vlashof.id }]);
			const texts = await ctx.db.selectFrom('survey_open_answers').select(['question_key', 'part', 'body']).orderBy('question_key').execute();
			expect(texts).toEqual([
				{ question_key: 'contact', part: 'other', body: 'Op de markt' },
				{ question_key: 'ideas', part: 'ideas', body: 'Een moestuin' }
			]);
			const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'survey_tablet_entry').execute();
			expect(audit).toHaveLength(1);
		});

		it('bad sets are refused with the reason, and nothing is stored: estate out of scope, hidden question, no id', async () => {
			expect(
				await codesOf(submitTabletAnswerSet(ctx.db, world.worker, survey.id, { submissionId: randomUUID(), estateId: world.elsewhere.id, answers }, during))
			).toEqual(['estate_not_in_scope']);
			expect(
				await codesOf(
					submitTabletAnswerSet(
						ctx.db,
						world.worker,
						survey.id,
						{ submissionId: randomUUID(), estateId: world.vlashof.id, answers: { ...answers, repair_asked: 'no' } },
						during
					)
				)
			).toEqual(['hidden_question_answered']);
			expect(
				await codesOf(submitTabletAnswerSet(ctx.db, world.worker, survey.id, { submissionId: 'not-a-uuid', estateId: world.vlashof.id, answers }, during))
			).toEqual(['invalid_submission_id']);
			// A household code is not taken on the tablet.
			expect(
				await codesOf(
					submitTabletAnswerSet(
						ctx.db,
						world.worker,
						survey.id,
						{ submissionId: randomUUID(), estateId: world.vlashof.id, answers, code: 'KM7XP3RA' } as never,
						during
					)
				)
			).toEqual(['unrecognized_keys']);
			const n = await ctx.db
				.selectFrom('survey_responses')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(n.n)).toBe(0);
		});

		it('a set that waited on the tablet while the survey closed is refused with survey_not_open; a resend of a stored one still answers', async () => {
			const stored = randomUUID();
			await submitTabletAnswerSet(ctx.db, world.worker, survey.id, { submissionId: stored, estateId: world.leiemeersen.id, answers }, during);
			await setSurveyStatus(ctx.db, world.worker, survey.id, 'closed', during);
			expect(
				await codesOf(submitTabletAnswerSet(ctx.db, world.worker, survey.id, { submissionId: randomUUID(), estateId: world.vlashof.id, answers }, during))
			).toEqual(['survey_not_open']);
			expect(
				(await submitTabletAnswerSet(ctx.db, world.worker, survey.id, { submissionId: stored, estateId: world.leiemeersen.id, answers }, during)).replayed
			).toBe(true);
			expect((await surveyForTablet(ctx.db, world.worker, survey.id, during)).isOpen).toBe(false);
		});
	},
	{ each: true }
);
