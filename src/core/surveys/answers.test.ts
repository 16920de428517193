// The answering rules without a database: a tenant fills in the satisfaction survey, and every way an answer can be
// wrong gets a clear message in her language; a builder cannot make a condition that points forward or at the wrong
// kind of question.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors';
import { fieldMessage } from '../i18n/field-errors';
import { checkAnswers, conditionHolds, visibleQuestions, wordingFor } from './answers';
import { TENANT_SURVEY } from './factories';
import { parseSurveyInput } from './issues';
import { structure as structureSchema, toInstant, type Structure } from './model';

const s: Structure = structureSchema.parse(TENANT_SURVEY);
const good = {
	home_happy: 4,
	repair_asked: 'yes',
	repair_speed: '2',
	contact: 'weekly',
	activities: ['drink', 'homework'],
	drink_day: 'Zaterdag',
	years: '12',
	remark: 'Fijne buren!',
	ideas: { needs: 'Een bank op het plein', ideas: 'Samen koken' }
};
const codes = (answers: Record<string, unknown>) => checkAnswers(s, answers as never).issues.map((i) => [i.path, i.code]);

describe('an answer set checked against its version', () => {
	it('turns a good set into one row per option or number and one per text', () => {
		const r = checkAnswers(s, good);
		expect(r.issues).toEqual([]);
		expect(r.rows).toEqual([
			{ questionKey: 'home_happy', optionKey: '', numberValue: 4 },
			{ questionKey: 'repair_asked', optionKey: 'yes', numberValue: null },
			{ questionKey: 'repair_speed', optionKey: '', numberValue: 2 },
			{ questionKey: 'contact', optionKey: 'weekly', numberValue: null },
			{ questionKey: 'activities', optionKey: 'drink', numberValue: null },
			{ questionKey: 'activities', optionKey: 'homework', numberValue: null },
			{ questionKey: 'activities', optionKey: '', numberValue: 2 },
			{ questionKey: 'years', optionKey: '', numberValue: 12 }
		]);
		expect(r.texts).toEqual([
			{ questionKey: 'drink_day', part: '', body: 'Zaterdag' },
			{ questionKey: 'remark', part: '', body: 'Fijne buren!' },
			{ questionKey: 'ideas', part: 'needs', body: 'Een bank op het plein' },
			{ questionKey: 'ideas', part: 'ideas', body: 'Samen koken' }
		]);
	});

	it('refuses an answer to a question hidden by its condition, and does not ask a hidden required one', () => {
		// repair_speed is required, but only shown after "yes": after "no" it is hidden, so leaving it out is fine...
		expect(codes({ home_happy: 3, repair_asked: 'no' })).toEqual([]);
		// ...and answering it anyway is refused.
		expect(codes({ home_happy: 3, repair_asked: 'no', repair_speed: 5 })).toEqual([['answers.repair_speed', 'hidden_question_answered']]);
		// Shown after "yes", it is required.
		expect(codes({ home_happy: 3, repair_asked: 'yes' })).toEqual([['answers.repair_speed', 'answer_required']]);
		// A multiple choice condition: the drink day is asked only of who ticks the drink.
		expect(codes({ home_happy: 3, repair_asked: 'no', activities: ['plant_swap'], drink_day: 'maandag' })).toEqual([
			['answers.drink_day', 'hidden_question_answered']
		]);
		expect(visibleQuestions(s, { repair_asked: 'no', activities: ['drink'] })).toEqual([
			'home_happy',
			'repair_asked',
			'contact',
			'activities',
			'drink_day',
			'years',
			'remark',
			'ideas'
		]);
	});

	it('gives each bad input its own code', () => {
		const base = { home_happy: 3, repair_asked: 'no' };
		expect(codes({ ...base, shoe_size: 42 })).toEqual([['answers.shoe_size', 'unknown_question']]);
		expect(codes({ repair_asked: 'no' })).toEqual([['answers.home_happy', 'answer_required']]);
		expect(codes({ ...base, home_happy: 6 })).toEqual([['answers.home_happy', 'value_off_scale']]);
		expect(codes({ ...base, home_happy: 2.5 })).toEqual([['answers.home_happy', 'value_off_scale']]);
		expect(codes({ ...base, contact: 'daily' })).toEqual([['answers.contact', 'unknown_option']]);
		expect(codes({ ...base, activities: ['drink', 'karaoke'] })).toEqual([['answers.activities', 'unknown_option']]);
		expect(codes({ ...base, activities: { choices: ['drink', 'plant_swap', 'homework'], other: 'Voetbal' } })).toEqual([
			['answers.activities', 'too_many_choices']
		]);
		expect(codes({ ...base, contact: { choice: 'other' } })).toEqual([['answers.contact.other', 'other_text_required']]);
		expect(codes({ ...base, years: 81 })).toEqual([['answers.years', 'number_out_of_range']]);
		expect(codes({ ...base, years: -1 })).toEqual([['answers.years', 'number_out_of_range']]);
		expect(codes({ ...base, years: 'veel' })).toEqual([['answers.years', 'not_a_number']]);
		expect(codes({ ...base, years: '2,5' })).toEqual([['answers.years', 'not_whole_number']]);
		expect(codes({ ...base, repair_asked: 'misschien' })).toEqual([['answers.repair_asked', 'invalid_answer']]);
		expect(codes({ ...base, remark: 'x'.repeat(10_001) })).toEqual([['answers.remark', 'text_too_long']]);
		expect(codes({ ...base, ideas: { needs: 'ok', wishes: 'iets' } })).toEqual([['answers.ideas.wishes', 'unknown_question']]);
	});

	it('answers a 100,000-character text with a clear message naming the limit', () => {
		const r = checkAnswers(s, { home_happy: 3, repair_asked: 'no', remark: 'a'.repeat(100_000) });
		expect(r.issues).toHaveLength(1);
		const [issue] = r.issues;
		expect(issue).toMatchObject({
			path: 'answers.remark',
			code: 'text_too_long',
			messageKey: 'surveys.text_too_long',
			params: { maximum: 10_000, length: 100_000 }
		});
		expect(fieldMessage('nl', issue)).toBe('Je tekst is te lang: 100000 tekens. Hier passen er 10000. Maak hem wat korter.');
		expect(fieldMessage('fr', issue)).toMatch(/^Votre texte est trop long/);
		expect(fieldMessage('en', issue)).toMatch(/^Your text is too long/);
	});

	it('reads "other, namely" typed without ticking it as other, and keeps it as an open text', () => {
		const r = checkAnswers(s, {
			home_happy: 3,
			repair_asked: 'no',
			contact: { other: 'Alleen in de lift' },
			activities: { choices: ['drink'], other: 'Petanque' }
		});
		expect(r.issues).toEqual([]);
		expect(r.values.contact).toEqual({ choice: 'other', other: 'Alleen in de lift' });
		expect(r.values.activities).toEqual({ choices: ['drink', 'other'], other: 'Petanque' });
		expect(r.texts.filter((t) => t.part === 'other').map((t) => t.body)).toEqual(['Alleen in de lift', 'Petanque']);
	});

	it('treats empty answers as not answered, and strips NUL characters PostgreSQL refuses', () => {
		const r = checkAnswers(s, {
			home_happy: '3',
			repair_asked: false,
			contact: '',
			activities: [],
			years: ' ',
			remark: '  hallo\u0000 ',
			ideas: { needs: '', ideas: '' }
		});
		expect(r.issues).toEqual([]);
		expect(Object.keys(r.values)).toEqual(['home_happy', 'repair_asked', 'remark']);
		expect(r.texts).toEqual([{ questionKey: 'remark', part: '', body: 'hallo' }]);
	});

	it('accepts exactly the whole numbers 1 to 5 on the scale', () => {
		expect(() =>
			fc.assert(
				fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double(), fc.integer({ min: -10, max: 10 }).map(String)), (value) => {
					const r = checkAnswers(s, { home_happy: value, repair_asked: 'no' });
					const n = Number(value);
					return Number.isInteger(n) && n >= 1 && n <= 5
						? r.issues.length === 0 && r.rows[0].numberValue === n
						: r.issues.map((i) => i.code).join() === 'value_off_scale';
				})
			)
		).not.toThrow();
	});

	it('accepts texts up to their limit and refuses one character more, counting an emoji as one', () => {
		expect(() =>
			fc.assert(
				fc.property(fc.integer({ min: 0, max: 400 }), fc.constantFrom('a', 'é', '😀'), (length, ch) => {
					const r = checkAnswers(s, { home_happy: 3, repair_asked: 'yes', repair_speed: 3, activities: 'drink', drink_day: ch.repeat(length) });
					return length <= 200 ? r.issues.length === 0 : r.issues.map((i) => i.code).join() === 'text_too_long';
				})
			)
		).not.toThrow();
	});

	it('keeps numbers within their range, whatever comes in', () => {
		expect(() =>
			fc.assert(
				fc.property(fc.integer({ min: -200, max: 200 }), (years) => {
					const r = checkAnswers(s, { home_happy: 3, repair_asked: 'no', years });
					return years >= 0 && years <= 80 ? r.issues.length === 0 : r.issues[0].code === 'number_out_of_range';
				})
			)
		).not.toThrow();
	});
});

describe('the structure a worker builds', () => {
	const issues = (input: unknown) => {
		try {
			parseSurveyInput(structureSchema, input);
			return [];
		} catch (error) {
			return (error as Invalid).issues.map((i) => [i.path, i.code, i.messageKey]);
		}
	};
	const q = (key: string, extra: Record<string, unknown> = {}) => ({ key, kind: 'yes_no', label: { nl: key }, ...extra });

	it('lets a condition name only an earlier question of the right kind, with an option it has', () => {
		expect(issues({ sections: [{ key: 'a', title: { nl: 'A' }, questions: [q('q1', { condition: { question: 'q2', is: 'yes' } }), q('q2')] }] })).toEqual([
			['sections.0.questions.0.condition.question', 'condition_not_earlier', 'surveys.condition_not_earlier']
		]);
		expect(issues({ sections: [{ key: 'a', title: { nl: 'A' }, questions: [q('q1', { condition: { question: 'nope', is: 'yes' } })] }] })).toEqual([
			['sections.0.questions.0.condition.question', 'condition_unknown_question', 'surveys.condition_unknown_question']
		]);
		expect(issues({ sections: [{ key: 'a', title: { nl: 'A' }, questions: [q('q1'), q('q2', { condition: { question: 'q1', equals: 'x' } })] }] })).toEqual([
			['sections.0.questions.1.condition', 'condition_kind_mismatch', 'surveys.condition_kind_mismatch']
		]);
		const choice = {
			key: 'c',
			kind: 'single_choice',
			label: { nl: 'C' },
			options: [
				{ key: 'a', label: { nl: 'A' } },
				{ key: 'b', label: { nl: 'B' } }
			]
		};
		expect(
			issues({
				sections: [
					{ key: 'a', title: { nl: 'A' }, questions: [choice] },
					{ key: 'b', title: { nl: 'B' }, questions: [q('q2', { condition: { question: 'c', equals: 'z' } })] }
				]
			})
		).toEqual([['sections.1.questions.0.condition', 'condition_unknown_option', 'surveys.condition_unknown_option']]);
		expect(
			issues({
				sections: [
					{ key: 'a', title: { nl: 'A' }, questions: [choice] },
					{ key: 'b', title: { nl: 'B' }, questions: [q('q2', { condition: { question: 'c', equals: 'b' } })] }
				]
			})
		).toEqual([]);
	});

	it('wants Dutch texts, unique keys, and a range that is not upside down', () => {
		expect(issues({ sections: [{ key: 'a', title: { fr: 'A' }, questions: [] }] })).toEqual([['sections.0.title', 'dutch_required', 'surveys.dutch_required']]);
		expect(issues({ sections: [{ key: 'a', title: { nl: 'A' }, questions: [q('q1'), q('q1')] }] })).toEqual([
			['sections.0.questions.1.key', 'duplicate_key', 'surveys.duplicate_key']
		]);
		expect(issues({ sections: [{ key: 'a', title: { nl: 'A' }, questions: [{ key: 'n', kind: 'number', label: { nl: 'N' }, min: 5, max: 1 }] }] })).toEqual([
			['sections.0.questions.0.max', 'min_above_max', 'surveys.min_above_max']
		]);
		expect(
			issues({
				sections: [
					{
						key: 'a',
						title: { nl: 'A' },
						questions: [
							{
								key: 'c',
								kind: 'single_choice',
								label: { nl: 'C' },
								options: [
									{ key: 'other', label: { nl: 'x' } },
									{ key: 'b', label: { nl: 'B' } }
								]
							}
						]
					}
				]
			})
		).toEqual([['sections.0.questions.0.options.0.key', 'reserved_option_key', 'surveys.reserved_option_key']]);
		expect(
			issues({ sections: [{ key: 'a', title: { nl: 'A' }, questions: [{ key: 't', kind: 'short_text', label: { nl: 'T' }, maxLength: 2001 }] }] }).map(
				(i) => i[1]
			)
		).toEqual(['too_big']);
	});

	it("shows a text in the resident's language and easy read when written, else Dutch", () => {
		const label = s.sections[0].questions[0].label;
		expect(wordingFor(label, 'fr')).toBe('Êtes-vous satisfait de votre logement ?');
		expect(wordingFor(label, 'nl', true)).toBe('Bent u blij met uw huis?');
		expect(wordingFor(label, 'fr', true)).toBe('Êtes-vous satisfait de votre logement ?');
		expect(wordingFor(label, 'ar')).toBe('Hoe tevreden bent u over uw woning?');
		// An empty French field from the builder's form is no translation.
		expect(
			parseSurveyInput(structureSchema, { sections: [{ key: 'a', title: { nl: 'A', fr: '', en: { text: ' ' } }, questions: [] }] }).sections[0].title
		).toEqual({ nl: { text: 'A' } });
	});

	it('reads a condition on an unanswered question as not holding', () => {
		expect(conditionHolds({ question: 'repair_asked', is: 'yes' }, {})).toBe(false);
		expect(conditionHolds({ question: 'repair_asked', is: 'no' }, { repair_asked: false })).toBe(true);
	});

	it("takes a wave's days in Brussels time: from the first day's start to the last day's end", () => {
		expect(toInstant('2026-03-01', 'start')).toBe('2026-02-28T23:00:00.000Z');
		expect(toInstant('2026-07-31', 'end')).toBe('2026-07-31T22:00:00.000Z');
		expect(toInstant('2026-03-29', 'end')).toBe('2026-03-29T22:00:00.000Z');
	});
});
