// A resident taps "send" twice, or her phone sends again after a time-out: with a code from the letter too, she must
// hear that her answers are in, not that her code was used. And one refused set must not undo the others sent at the
// same moment (they share a commit on SQLite).
import { expect, it } from 'vitest';
import { anonymous } from '../access';
import { newId } from '../db/ids';
import { describeOnDatabases } from '../db/testing';
import { buildOpenSurvey, buildSurveyWorld } from './factories';
import { generateHouseholdCodes } from './codes';
import { submitAnswerSet } from './submission';

const answers = { home_happy: 4, repair_asked: 'no' } as const;
const count = async (db: Parameters<typeof submitAnswerSet>[0], table: 'survey_responses' | 'survey_answers') =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);
const codeOf = (error: unknown) => (error as { issues?: Array<{ code: string }> }).issues?.map((i) => i.code) ?? [String(error)];

// Each test gets its own database (each: true): the counts below are of every set stored.
describeOnDatabases(
	'sending an answer set again',
	(ctx) => {
		it('a set with a household code sent twice, one after the other and both at once, is stored once and answered as stored', async () => {
			const world = await buildSurveyWorld(ctx.db);
			const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id]);
			const at = new Date('2026-03-10T12:00:00Z');
			const { letters } = await generateHouseholdCodes(ctx.db, world.worker, { surveyId: survey.id, waveId: survey.waveId, link: (c) => c }, at);
			const send = (code: string, submissionId: string) => submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId, channel: 'code', code, answers }, at);

			const first = newId();
			const stored = await send(letters[0].code, first);
			expect(await send(letters[0].code, first)).toEqual({ ...stored, replayed: true });

			const racing = newId();
			const both = await Promise.all([send(letters[1].code, racing), send(letters[1].code, racing)]);
			expect(new Set(both.map((b) => b.responseId)).size).toBe(1);
			expect(both.map((b) => b.replayed).sort()).toEqual([false, true]);

			// Another set with a used code is still refused.
			await expect(send(letters[0].code, newId()).catch(codeOf)).resolves.toEqual(['code_used']);
			// Two households' sets at once with the same code: one is stored, the other hears the code was used.
			const same = await Promise.allSettled([send(letters[2].code, newId()), send(letters[2].code, newId())]);
			expect(same.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
			expect(codeOf(same.find((s) => s.status === 'rejected')!.reason)).toEqual(['code_used']);
			expect(await count(ctx.db, 'survey_responses')).toBe(3);
		});

		it('a second tap on "send" after the first removed the saved answers still answers as stored', async () => {
			const world = await buildSurveyWorld(ctx.db);
			const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id]);
			const at = new Date('2026-03-10T12:00:00Z');
			const before = await count(ctx.db, 'survey_responses');
			const submissionId = newId();
			const stored = await submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId, channel: 'open_link', answers }, at);
			// The page read no answers any more (the draft went with the first send): same submission id, nothing in it.
			expect(await submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId, channel: 'open_link', answers: {} }, at)).toEqual({
				...stored,
				replayed: true
			});
			// A new set with nothing in it is refused as before.
			await expect(
				submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'open_link', answers: {} }, at).catch(codeOf)
			).resolves.toContain('answer_required');
			expect(await count(ctx.db, 'survey_responses')).toBe(before + 1);
		});

		it('sets refused at the same moment (an unknown survey, a bad answer, a used code) leave the others stored', async () => {
			const world = await buildSurveyWorld(ctx.db);
			const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id]);
			const at = new Date('2026-03-10T12:00:00Z');
			const { letters } = await generateHouseholdCodes(ctx.db, world.worker, { surveyId: survey.id, waveId: survey.waveId, link: (c) => c }, at);
			await submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'code', code: letters[0].code, answers }, at);
			const before = await count(ctx.db, 'survey_responses');
			const good = () =>
				submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'open_link', estateId: world.vlashof.id, answers }, at);
			const outcomes = await Promise.allSettled([
				good(),
				submitAnswerSet(ctx.db, anonymous, 'no-such-survey', { submissionId: newId(), channel: 'open_link', answers }, at),
				good(),
				submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'open_link', answers: { home_happy: 9, repair_asked: 'no' } }, at),
				submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'code', code: letters[0].code, answers }, at),
				good()
			]);
			expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
			expect(await count(ctx.db, 'survey_responses')).toBe(before + 3);
			// Each stored set has its answer rows; nothing of the refused ones.
			expect(await count(ctx.db, 'survey_answers')).toBe((before + 3) * 2);
		});
	},
	{ each: true }
);
