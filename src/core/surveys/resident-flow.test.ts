// A tenant answers the satisfaction survey on her phone, one screen at a time and without JavaScript: what the form
// posts becomes answers, a question that appears on the same screen is asked before moving on, going back and changing
// an answer drops the answers it hid, a forged answer to a hidden question is refused, and a double tap on "send"
// carries one submission id.
import { describe, expect, it } from 'vitest';
import { anonymous } from '../access';
import { describeOnDatabases } from '../db/testing';
import { buildOpenSurvey, buildSurveyWorld, TENANT_SURVEY } from './factories';
import { structure as structureSchema } from './model';
import { answerScreen, latestPublishedWave, nextStep, shownInSection, submissionIdFor, withoutHidden } from './resident-flow';
import { loadDraft, saveDraft, sweepSurveyDrafts } from './drafts';
import { publishWave } from './waves';
import { z } from 'zod';

const s = structureSchema.parse(TENANT_SURVEY);

describe('answering one screen at a time', () => {
	it('a screen gives its answers; "yes, I asked for a repair" brings up the repair question on the same screen', () => {
		const first = answerScreen(s, 0, {}, { 'a.home_happy': '4', 'a.repair_asked': 'yes' }, ['home_happy', 'repair_asked']);
		expect(first.issues).toEqual([]);
		expect(first.answers).toEqual({ home_happy: '4', repair_asked: 'yes' });
		expect(first.appeared).toEqual(['repair_speed']);
		const second = answerScreen(s, 0, first.answers, { 'a.home_happy': '4', 'a.repair_asked': 'yes', 'a.repair_speed': '2' }, [
			'home_happy',
			'repair_asked',
			'repair_speed'
		]);
		expect(second).toEqual({ answers: { home_happy: '4', repair_asked: 'yes', repair_speed: '2' }, issues: [], appeared: [] });
	});

	it('going back and changing "yes" into "no" drops the repair answer; a later answer it hid goes too', () => {
		const changed = answerScreen(
			s,
			0,
			{ home_happy: '4', repair_asked: 'yes', repair_speed: '2' },
			{ 'a.home_happy': '4', 'a.repair_asked': 'no', 'a.repair_speed': '2' },
			['home_happy', 'repair_asked', 'repair_speed']
		);
		expect(changed.issues).toEqual([]);
		expect(changed.answers).toEqual({ home_happy: '4', repair_asked: 'no' });
		expect(withoutHidden(s, { activities: { choices: ['homework'] }, drink_day: 'vrijdag' })).toEqual({ activities: { choices: ['homework'] } });
	});

	it('a forged answer to a question the screen did not show, a value off the scale and a missing answer are refused', () => {
		const forged = answerScreen(s, 0, {}, { 'a.home_happy': '4', 'a.repair_asked': 'no', 'a.repair_speed': '5' }, ['home_happy', 'repair_asked']);
		expect(forged.issues.map((i) => [i.path, i.code])).toEqual([['answers.repair_speed', 'hidden_question_answered']]);
		const off = answerScreen(s, 0, {}, { 'a.home_happy': '7', 'a.repair_asked': 'no' }, ['home_happy', 'repair_asked']);
		expect(off.issues.map((i) => [i.path, i.code])).toEqual([['answers.home_happy', 'value_off_scale']]);
		const missing = answerScreen(s, 0, {}, { 'a.repair_asked': 'no' }, ['home_happy', 'repair_asked']);
		expect(missing.issues.map((i) => [i.path, i.code])).toEqual([['answers.home_happy', 'answer_required']]);
		// Problems of later screens wait for those screens.
		expect(answerScreen(s, 1, {}, { 'a.contact': 'weekly' }, ['contact', 'activities', 'years', 'remark', 'ideas']).issues).toEqual([]);
	});

	it('choices, "other, namely" and the needs block come from their fields; a 100,000-character text is too long', () => {
		const r = answerScreen(
			s,
			1,
			{},
			{
				'a.contact': 'other',
				'a.contact.other': 'Op de markt',
				'a.activities': ['drink', 'plant_swap'],
				'a.years': '12',
				'a.ideas.needs': 'Een bank',
				'a.ideas.ideas': ''
			},
			['contact', 'activities', 'years', 'remark', 'ideas']
		);
		expect(r.issues).toEqual([]);
		expect(r.appeared).toEqual(['drink_day']);
		expect(r.answers).toEqual({
			contact: { choice: 'other', other: 'Op de markt' },
			activities: { choices: ['drink', 'plant_swap'], other: '' },
			years: '12',
			ideas: { needs: 'Een bank', expectations: '', ideas: '' }
		});
		const long = answerScreen(s, 1, {}, { 'a.remark': 'x'.repeat(100_000) }, ['contact', 'activities', 'years', 'remark', 'ideas']);
		expect(long.issues.map((i) => i.code)).toEqual(['text_too_long']);
	});

	it('steps run from the consent over the sections to the check page, skipping a section with nothing to ask', () => {
		expect(nextStep(s, {}, 0, 1)).toBe(1);
		expect(nextStep(s, {}, 2, 1)).toBe(3);
		expect(nextStep(s, {}, 3, -1)).toBe(2);
		const hidden = structureSchema.parse({
			sections: [
				{ key: 'a', title: { nl: 'A' }, questions: [{ key: 'q1', kind: 'yes_no', label: { nl: 'Q1' } }] },
				{ key: 'b', title: { nl: 'B' }, questions: [{ key: 'q2', kind: 'short_text', condition: { question: 'q1', is: 'yes' }, label: { nl: 'Q2' } }] },
				{ key: 'c', title: { nl: 'C' }, questions: [{ key: 'q3', kind: 'short_text', label: { nl: 'Q3' } }] }
			]
		});
		expect(nextStep(hidden, { q1: 'no' }, 1, 1)).toBe(3);
		expect(nextStep(hidden, { q1: 'no' }, 3, -1)).toBe(1);
		expect(nextStep(hidden, { q1: 'yes' }, 1, 1)).toBe(2);
		expect(shownInSection(hidden, hidden.sections[1], { q1: 'no' })).toEqual([]);
	});

	it('every post of one draft carries the same submission id, a valid UUID; another draft another one', () => {
		const id = submissionIdFor('token-a');
		expect(z.uuid().safeParse(id).success).toBe(true);
		expect(submissionIdFor('token-a')).toBe(id);
		expect(submissionIdFor('token-b')).not.toBe(id);
	});
});

describeOnDatabases('the thank-you page links to published results', (ctx) => {
	it('no link while no wave is published; the wave number once Sara publishes', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id]);
		expect(await latestPublishedWave(ctx.db, anonymous, survey.id)).toBeNull();
		await publishWave(ctx.db, world.worker, survey.id, survey.waveId, { published: true, feedback: { nl: 'We herstelden de bel.' } });
		expect(await latestPublishedWave(ctx.db, anonymous, survey.id)).toBe(1);
	});
});

describeOnDatabases('drafts nobody came back to are swept', (ctx) => {
	it('a draft saved today stays; 30 days after its last save the periodic sweep removes it', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id]);
		const at = new Date(survey.opensAt.getTime() + 86_400_000);
		const { token } = await saveDraft(ctx.db, anonymous, { surveyId: survey.id, answers: { home_happy: '4' }, step: 1 }, at);
		expect(await sweepSurveyDrafts(ctx.db, new Date(at.getTime() + 29 * 86_400_000))).toBe(0);
		expect(await loadDraft(ctx.db, anonymous, survey.id, token, new Date(at.getTime() + 29 * 86_400_000))).not.toBeNull();
		expect(await sweepSurveyDrafts(ctx.db, new Date(at.getTime() + 30 * 86_400_000 + 1))).toBe(1);
		expect(await loadDraft(ctx.db, anonymous, survey.id, token, at)).toBeNull();
	});
});
