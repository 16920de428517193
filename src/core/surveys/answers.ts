// The answering rules, pure: which questions a resident sees (conditions on earlier answers), and whether an answer
// set fits the version it is given on. Each problem is a field issue with a stable code and a message key in the
// `surveys` namespace; a good set becomes the rows that are stored (one per option, number or text).
import type { FieldIssue } from '../errors';
import { surveyIssue } from './issues';
import {
	NEEDS_PARTS,
	OTHER,
	SCALE_MAX,
	SCALE_MIN,
	SHORT_TEXT_MAX,
	questionsInOrder,
	type AnswerMap,
	type Condition,
	type NeedsPart,
	type Question,
	type Structure,
	type TextVariant,
	type Wording
} from './model';

/** An answer after checking: what conditions test and what a page shows back. */
export type NormalisedValue =
	{ choice: string; other?: string } | { choices: string[]; other?: string } | number | boolean | string | Partial<Record<NeedsPart, string>>;
export type NormalisedAnswers = Record<string, NormalisedValue>;

/** A row of survey_answers: an option chosen ('yes'/'no' for yes/no) or a number (scale, number; option ''). */
export type AnswerRow = { questionKey: string; optionKey: string; numberValue: number | null };
/** A row of survey_open_answers: '' for a text question, 'other' for "other, namely", a needs block's part. */
export type OpenText = { questionKey: string; part: string; body: string };
export type CheckedAnswers = { values: NormalisedAnswers; rows: AnswerRow[]; texts: OpenText[]; issues: FieldIssue[] };

/** Does the condition hold for the answers so far? An unanswered (or hidden) question satisfies none. */
export function conditionHolds(c: Condition, values: NormalisedAnswers): boolean {
	const v = values[c.question];
	if (v === undefined) return false;
	if ('is' in c) return v === (c.is === 'yes');
	if ('equals' in c) return typeof v === 'object' && 'choice' in v && v.choice === c.equals;
	return typeof v === 'object' && 'choices' in v && (v.choices as string[]).includes(c.includes);
}

/** The keys of the questions shown for these answers, in order (a page without JavaScript asks the server). */
export function visibleQuestions(structure: Structure, answers: AnswerMap): string[] {
	const { values } = checkAnswers(structure, answers);
	const shown: string[] = [];
	for (const { question } of questionsInOrder(structure)) if (!question.condition || conditionHolds(question.condition, values)) shown.push(question.key);
	return shown;
}

/** The text to show in a language, in easy read when asked and written; Dutch when the language is missing. */
export function wordingFor(w: Wording | undefined, language: string, easyRead = false): string {
	if (!w) return '';
	const pick = (v: TextVariant | undefined) => (v ? (easyRead && v.easy ? v.easy : v.text) : undefined);
	return pick(w[language]) ?? pick(w.nl) ?? '';
}

const isEmpty = (v: unknown): boolean => {
	if (v === undefined || v === null) return true;
	if (typeof v === 'string') return v.trim() === '';
	if (Array.isArray(v)) return v.every(isEmpty);
	if (typeof v === 'object') return Object.values(v).every(isEmpty);
	return false;
};

/** Text as stored: trimmed, without NUL characters (PostgreSQL refuses them in text). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const clean = (s: string): string => s.replace(/\u0000/g, '').trim();
/** Length as a reader counts it: an emoji is one character. */
const lengthOf = (s: string): number => {
	let n = 0;
	for (const _ of s) n++;
	return n;
};

function numberOf(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
	if (typeof raw !== 'string') return null;
	const s = raw.trim().replace(',', '.');
	if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
	return Number(s);
}

/**
 * Checks an answer set against a structure. Unknown questions, answers to questions hidden by their condition,
 * missing required answers (only where the question is shown), values off the scale, options not in the list, numbers
 * out of range and texts over their limit are issues; an empty answer to an optional question is simply not stored.
 */
export function checkAnswers(structure: Structure, answers: AnswerMap): CheckedAnswers {
	const values: NormalisedAnswers = {};
	const rows: AnswerRow[] = [];
	const texts: OpenText[] = [];
	const issues: FieldIssue[] = [];
	const ordered = questionsInOrder(structure);
	const known = new Set(ordered.map((o) => o.question.key));
	for (const key of Object.keys(answers)) {
		if (!known.has(key)) issues.push(surveyIssue(`answers.${key}`, 'unknown_question', 'There is no such question in this survey'));
	}
	for (const { question: q } of ordered) {
		const path = `answers.${q.key}`;
		const raw = Object.prototype.hasOwnProperty.call(answers, q.key) ? answers[q.key] : undefined;
		const shown = !q.condition || conditionHolds(q.condition, values);
		const empty = isEmpty(raw);
		if (!shown) {
			if (!empty) issues.push(surveyIssue(path, 'hidden_question_answered', 'This question is not asked with the earlier answers', { question: q.key }));
			continue;
		}
		if (empty) {
			if (q.required) issues.push(surveyIssue(path, 'answer_required', 'This question needs an answer'));
			continue;
		}
		const before = issues.length;
		const value = normalise(q, raw, path, issues, texts);
		if (issues.length > before || value === undefined) continue;
		values[q.key] = value;
		rowsOf(q, value, rows);
	}
	return { values, rows, texts, issues };
}

function otherText(q: Question & { allowOther: boolean }, raw: unknown, path: string, issues: FieldIssue[]): string | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw !== 'string') {
		issues.push(surveyIssue(`${path}.other`, 'invalid_answer', 'This answer does not fit the question'));
		return undefined;
	}
	const text = clean(raw);
	if (!text) return undefined;
	if (!q.allowOther) {
		issues.push(surveyIssue(`${path}.other`, 'other_not_allowed', 'This question has no "other" option'));
		return undefined;
	}
	if (lengthOf(text) > SHORT_TEXT_MAX) {
		issues.push(surveyIssue(`${path}.other`, 'text_too_long', 'This text is too long', { maximum: SHORT_TEXT_MAX, length: lengthOf(text) }));
		return undefined;
	}
	return text;
}

function checkOption(
	q: Question & { options: readonly { key: string }[]; allowOther: boolean },
	key: unknown,
	path: string,
	issues: FieldIssue[]
): key is string {
	if (typeof key !== 'string') {
		issues.push(surveyIssue(path, 'invalid_answer', 'This answer does not fit the question'));
		return false;
	}
	if (q.options.some((o) => o.key === key) || (key === OTHER && q.allowOther)) return true;
	issues.push(surveyIssue(path, 'unknown_option', 'Pick one of the options', { option: key.slice(0, 40) }));
	return false;
}

/** What a normaliser gets besides the question and the raw answer: where to report issues and keep open texts. */
type Normalising = { path: string; issues: FieldIssue[]; texts: OpenText[] };
type Normaliser<K extends Question['kind']> = (q: Extract<Question, { kind: K }>, raw: unknown, n: Normalising) => NormalisedValue | undefined;

const doesNotFit = (n: Normalising) => void n.issues.push(surveyIssue(n.path, 'invalid_answer', 'This answer does not fit the question'));
const otherTextRequired = (n: Normalising) => void n.issues.push(surveyIssue(`${n.path}.other`, 'other_text_required', 'Write what "other" is'));

const singleChoice: Normaliser<'single_choice'> = (q, raw, n) => {
	const given =
		typeof raw === 'string' ? { choice: raw } : raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { choice?: unknown; other?: unknown }) : null;
	if (!given) return doesNotFit(n);
	const other = otherText(q, given.other, n.path, n.issues);
	// Typing in "other, namely" without ticking it still means "other"; with another option ticked the text is not used.
	const choice = isEmpty(given.choice) ? (other ? OTHER : undefined) : typeof given.choice === 'string' ? given.choice.trim() : given.choice;
	if (choice === undefined || !checkOption(q, choice, n.path, n.issues)) return;
	if (choice === OTHER && !other) return otherTextRequired(n);
	if (choice === OTHER) n.texts.push({ questionKey: q.key, part: OTHER, body: other! });
	return choice === OTHER ? { choice, other } : { choice };
};

const multipleChoice: Normaliser<'multiple_choice'> = (q, raw, n) => {
	const given =
		typeof raw === 'string' || Array.isArray(raw) ? { choices: raw } : raw && typeof raw === 'object' ? (raw as { choices?: unknown; other?: unknown }) : null;
	if (!given) return doesNotFit(n);
	const list = given.choices === undefined || given.choices === null ? [] : typeof given.choices === 'string' ? [given.choices] : given.choices;
	if (!Array.isArray(list) || list.length > 100) return doesNotFit(n);
	const other = otherText(q, given.other, n.path, n.issues);
	const choices: string[] = [];
	for (const c of list) {
		if (isEmpty(c)) continue;
		const key = typeof c === 'string' ? c.trim() : c;
		if (!checkOption(q, key, n.path, n.issues)) return;
		if (!choices.includes(key)) choices.push(key);
	}
	if (other && !choices.includes(OTHER)) choices.push(OTHER);
	if (choices.includes(OTHER) && !other) return otherTextRequired(n);
	if (choices.length === 0) return q.required ? void n.issues.push(surveyIssue(n.path, 'answer_required', 'This question needs an answer')) : undefined;
	if (q.maxChoices !== undefined && choices.length > q.maxChoices)
		return void n.issues.push(surveyIssue(n.path, 'too_many_choices', 'Too many options ticked', { maximum: q.maxChoices }));
	if (other) n.texts.push({ questionKey: q.key, part: OTHER, body: other });
	return other ? { choices, other } : { choices };
};

const scale: Normaliser<'scale'> = (_q, raw, n) => {
	const value = numberOf(raw);
	if (value === null || !Number.isInteger(value) || value < SCALE_MIN || value > SCALE_MAX)
		return void n.issues.push(surveyIssue(n.path, 'value_off_scale', 'Pick a value on the scale', { minimum: SCALE_MIN, maximum: SCALE_MAX }));
	return value;
};

const yesNo: Normaliser<'yes_no'> = (_q, raw, n) => {
	if (raw === true || raw === 'yes' || raw === 'true') return true;
	if (raw === false || raw === 'no' || raw === 'false') return false;
	return doesNotFit(n);
};

const number: Normaliser<'number'> = (q, raw, n) => {
	const value = numberOf(raw);
	if (value === null || Math.abs(value) > 1e12) return void n.issues.push(surveyIssue(n.path, 'not_a_number', 'Fill in a number'));
	if (q.integer && !Number.isInteger(value)) return void n.issues.push(surveyIssue(n.path, 'not_whole_number', 'Fill in a whole number'));
	if ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max)) {
		return void n.issues.push(
			surveyIssue(n.path, 'number_out_of_range', 'This number is too small or too large', { minimum: q.min ?? '', maximum: q.max ?? '' })
		);
	}
	return value;
};

const text = (q: Extract<Question, { kind: 'short_text' | 'long_text' }>, raw: unknown, n: Normalising): NormalisedValue | undefined => {
	if (typeof raw !== 'string') return doesNotFit(n);
	const body = clean(raw);
	const length = lengthOf(body);
	if (length > q.maxLength) return void n.issues.push(surveyIssue(n.path, 'text_too_long', 'This text is too long', { maximum: q.maxLength, length }));
	n.texts.push({ questionKey: q.key, part: '', body });
	return body;
};

const needsBlock: Normaliser<'needs_block'> = (q, raw, n) => {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return doesNotFit(n);
	const before = n.issues.length;
	const given = raw as Record<string, unknown>;
	const out: Partial<Record<NeedsPart, string>> = {};
	for (const key of Object.keys(given))
		if (!(NEEDS_PARTS as readonly string[]).includes(key))
			n.issues.push(surveyIssue(`${n.path}.${key}`, 'unknown_question', 'There is no such question in this survey'));
	for (const part of NEEDS_PARTS) {
		const v = given[part];
		if (isEmpty(v)) continue;
		if (typeof v !== 'string') {
			n.issues.push(surveyIssue(`${n.path}.${part}`, 'invalid_answer', 'This answer does not fit the question'));
			continue;
		}
		const body = clean(v);
		const length = lengthOf(body);
		if (length > q.maxLength) n.issues.push(surveyIssue(`${n.path}.${part}`, 'text_too_long', 'This text is too long', { maximum: q.maxLength, length }));
		else out[part] = body;
	}
	if (n.issues.length > before) return;
	for (const part of NEEDS_PARTS) if (out[part]) n.texts.push({ questionKey: q.key, part, body: out[part]! });
	return out;
};

/** One normaliser per question kind: the raw answer checked and brought to its stored form, or undefined with an issue. */
const NORMALISERS: { [K in Question['kind']]: Normaliser<K> } = {
	single_choice: singleChoice,
	multiple_choice: multipleChoice,
	scale,
	yes_no: yesNo,
	number,
	short_text: text,
	long_text: text,
	needs_block: needsBlock
};

function normalise(q: Question, raw: unknown, path: string, issues: FieldIssue[], texts: OpenText[]): NormalisedValue | undefined {
	return (NORMALISERS[q.kind] as Normaliser<Question['kind']>)(q, raw, { path, issues, texts });
}

function rowsOf(q: Question, v: NormalisedValue, rows: AnswerRow[]): void {
	switch (q.kind) {
		case 'single_choice':
			rows.push({ questionKey: q.key, optionKey: (v as { choice: string }).choice, numberValue: null });
			return;
		case 'multiple_choice': {
			const { choices } = v as { choices: string[] };
			for (const c of choices) rows.push({ questionKey: q.key, optionKey: c, numberValue: null });
			// One row per answer set that answered, with how many it ticked: results count answer sets without a join.
			rows.push({ questionKey: q.key, optionKey: '', numberValue: choices.length });
			return;
		}
		case 'yes_no':
			rows.push({ questionKey: q.key, optionKey: v ? 'yes' : 'no', numberValue: null });
			return;
		case 'scale':
		case 'number':
			rows.push({ questionKey: q.key, optionKey: '', numberValue: v as number });
			return;
		default:
			// Texts are stored as open answers only.
			return;
	}
}
