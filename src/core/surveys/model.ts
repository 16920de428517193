// Surveys: the structure document (sections of questions with conditions and texts per language), the survey's
// settings, waves, answer sets as they come in, drafts and themes, as Zod schemas. The rules of the structure that
// span questions (unique keys, conditions only on earlier questions of the right kind) are checked here too, so a
// stored structure is always one the answering rules (answers.ts) can rely on.
import { z } from 'zod';
import type { SurveyChannel, SurveyStatus } from '../db/model';
import { formList, languageCode, omittableText, pageNumber, pageSize } from '../validation';

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const satisfies readonly SurveyStatus[];
/** How answers come in: an open link or QR poster (anonymous), a household's one-time code, paper typed in by a worker, a worker's tablet door to door. */
export const SURVEY_MODES = ['open_link', 'code', 'paper', 'tablet'] as const satisfies readonly SurveyChannel[];
export type SurveyMode = (typeof SURVEY_MODES)[number];
export const STAFF_CHANNELS = ['paper', 'tablet'] as const satisfies readonly SurveyChannel[];

export const QUESTION_KINDS = ['single_choice', 'multiple_choice', 'scale', 'yes_no', 'number', 'short_text', 'long_text', 'needs_block'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
/** The three free texts of an exploration phase (verkenningsfase): needs, expectations and ideas of residents. */
export const NEEDS_PARTS = ['needs', 'expectations', 'ideas'] as const;
export type NeedsPart = (typeof NEEDS_PARTS)[number];
/** The option key of "other, namely …" on a choice question that allows it. */
export const OTHER = 'other';
/** The scale: 1 (very unhappy) to 5 (very happy), shown as smileys. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
/** Longest texts a resident may type: a short answer, and a long one (or a needs block's part). */
export const SHORT_TEXT_MAX = 2_000;
export const LONG_TEXT_MAX = 10_000;
/** No breakdown cell on the public page rests on fewer answer sets than this. */
export const PUBLIC_MIN_GROUP = 5;
/** A resident's saved progress is kept this long after the last save. */
export const DRAFT_DAYS = 30;

// --- Texts per language -------------------------------------------------------------------------------------------

/** A language code: nl, fr, en, and other languages residents speak (ar, tr, pl, uk, …). */
export { languageCode };
export type TextVariant = { text: string; easy?: string };
/** A text in several languages: Dutch required, others optional, each with an optional easy-read variant. */
export type Wording = { nl: TextVariant } & Record<string, TextVariant>;

const isBlank = (v: unknown) =>
	v === undefined ||
	v === null ||
	(typeof v === 'string' && v.trim() === '') ||
	(typeof v === 'object' &&
		!Array.isArray(v) &&
		(v as { text?: unknown }).text !== undefined &&
		typeof (v as { text?: unknown }).text === 'string' &&
		(v as { text: string }).text.trim() === '');

/**
 * `{ nl: 'Hoe tevreden…', fr: { text: '…', easy: '…' } }`: a plain string is a text without an easy-read variant;
 * empty languages (a builder form's unused fields) are dropped.
 */
export function wording(max: number) {
	const text = z.string().trim().min(1).max(max);
	const variant = z.union([
		text.transform((t): TextVariant => ({ text: t })),
		z
			.object({ text, easy: z.string().trim().max(max).optional() })
			.strict()
			.transform((v): TextVariant => (v.easy ? { text: v.text, easy: v.easy } : { text: v.text }))
	]);
	return z.preprocess(
		(v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, t]) => !isBlank(t))) : v),
		z
			.record(languageCode, variant)
			.refine((w) => 'nl' in w, { error: 'dutch_required' })
			.refine((w) => Object.keys(w).length <= 20, { error: 'too_many_languages' })
			.transform((w) => w as Wording)
	);
}

// --- The structure ------------------------------------------------------------------------------------------------

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const questionKey = z.string().regex(KEY, { error: 'invalid_key' });
export const optionKey = z
	.string()
	.regex(/^[a-z0-9][a-z0-9_]{0,39}$/, { error: 'invalid_key' })
	.refine((k) => k !== OTHER, { error: 'reserved_option_key' });

/** "Show when question K is yes / equals option X / includes option X"; only earlier questions may be named. */
export const condition = z.union([
	z.object({ question: questionKey, is: z.enum(['yes', 'no']) }).strict(),
	z.object({ question: questionKey, equals: z.string().max(40) }).strict(),
	z.object({ question: questionKey, includes: z.string().max(40) }).strict()
]);
export type Condition = z.output<typeof condition>;

const option = z.object({ key: optionKey, label: wording(300) }).strict();
export type Option = z.output<typeof option>;

const base = {
	key: questionKey,
	required: z.boolean().default(false),
	condition: condition.optional(),
	label: wording(500),
	help: wording(1000).optional()
};

const singleChoice = z
	.object({ ...base, kind: z.literal('single_choice'), options: z.array(option).min(2).max(30), allowOther: z.boolean().default(false) })
	.strict();
const multipleChoice = z
	.object({
		...base,
		kind: z.literal('multiple_choice'),
		options: z.array(option).min(2).max(30),
		allowOther: z.boolean().default(false),
		maxChoices: z.number().int().min(1).max(30).optional()
	})
	.strict();
const scale = z.object({ ...base, kind: z.literal('scale'), lowLabel: wording(100).optional(), highLabel: wording(100).optional() }).strict();
const yesNo = z.object({ ...base, kind: z.literal('yes_no') }).strict();
const numberQuestion = z
	.object({
		...base,
		kind: z.literal('number'),
		min: z.number().finite().optional(),
		max: z.number().finite().optional(),
		integer: z.boolean().default(true),
		unit: wording(50).optional()
	})
	.strict()
	.refine((q) => q.min === undefined || q.max === undefined || q.min <= q.max, { error: 'min_above_max', path: ['max'] });
const shortText = z.object({ ...base, kind: z.literal('short_text'), maxLength: z.number().int().min(1).max(SHORT_TEXT_MAX).default(SHORT_TEXT_MAX) }).strict();
const longText = z.object({ ...base, kind: z.literal('long_text'), maxLength: z.number().int().min(1).max(LONG_TEXT_MAX).default(LONG_TEXT_MAX) }).strict();
const needsBlock = z
	.object({
		...base,
		kind: z.literal('needs_block'),
		/** Own wording for a part; without it the page uses the surveys namespace's (surveys.needs_label …). */
		needsLabel: wording(300).optional(),
		expectationsLabel: wording(300).optional(),
		ideasLabel: wording(300).optional(),
		maxLength: z.number().int().min(1).max(LONG_TEXT_MAX).default(LONG_TEXT_MAX)
	})
	.strict();

export const question = z.discriminatedUnion('kind', [singleChoice, multipleChoice, scale, yesNo, numberQuestion, shortText, longText, needsBlock]);
export type Question = z.output<typeof question>;
export type ChoiceQuestion = Extract<Question, { kind: 'single_choice' | 'multiple_choice' }>;

export const section = z.object({ key: questionKey, title: wording(200), intro: wording(2000).optional(), questions: z.array(question).max(60) }).strict();
export type Section = z.output<typeof section>;

/** The questions of a structure in answering order, with where they stand (for issue paths). */
export function questionsInOrder(s: { sections: readonly Section[] }): Array<{ question: Question; section: number; index: number }> {
	return s.sections.flatMap((sec, si) => sec.questions.map((q, qi) => ({ question: q, section: si, index: qi })));
}

export const structure = z
	.object({ sections: z.array(section).max(30) })
	.strict()
	.superRefine((s, ctx) => {
		const seenSections = new Set<string>();
		s.sections.forEach((sec, si) => {
			if (seenSections.has(sec.key)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'key'], message: 'duplicate_key' });
			seenSections.add(sec.key);
		});
		const earlier = new Map<string, Question>();
		const all = questionsInOrder(s);
		if (all.length > 200) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'too_many_questions' });
		for (const { question: q, section: si, index: qi } of all) {
			const at = ['sections', si, 'questions', qi];
			if (earlier.has(q.key)) ctx.addIssue({ code: 'custom', path: [...at, 'key'], message: 'duplicate_key' });
			if (q.kind === 'single_choice' || q.kind === 'multiple_choice') {
				const keys = new Set<string>();
				q.options.forEach((o, oi) => {
					if (keys.has(o.key)) ctx.addIssue({ code: 'custom', path: [...at, 'options', oi, 'key'], message: 'duplicate_key' });
					keys.add(o.key);
				});
			}
			if (q.condition) {
				const c = q.condition;
				const target = earlier.get(c.question);
				const later = !target && all.some((o) => o.question.key === c.question);
				if (!target)
					ctx.addIssue({
						code: 'custom',
						path: [...at, 'condition', 'question'],
						message: later || c.question === q.key ? 'condition_not_earlier' : 'condition_unknown_question'
					});
				else if ('is' in c ? target.kind !== 'yes_no' : 'equals' in c ? target.kind !== 'single_choice' : target.kind !== 'multiple_choice') {
					ctx.addIssue({ code: 'custom', path: [...at, 'condition'], message: 'condition_kind_mismatch' });
				} else if (!('is' in c)) {
					const wanted = 'equals' in c ? c.equals : c.includes;
					const choice = target as ChoiceQuestion;
					if (!choice.options.some((o) => o.key === wanted) && !(choice.allowOther && wanted === OTHER)) {
						ctx.addIssue({ code: 'custom', path: [...at, 'condition'], message: 'condition_unknown_option' });
					}
				}
			}
			if (!earlier.has(q.key)) earlier.set(q.key, q);
		}
	});
export type Structure = z.output<typeof structure>;
export type StructureInput = z.input<typeof structure>;

// --- Surveys and waves --------------------------------------------------------------------------------------------

/** One value or several from a form (a repeated field name gives an array). */
const list = <T extends z.ZodType>(item: T, max: number) => formList(z.array(item).max(max));
const id = z.string().min(1).max(64);

/** 3 to 40 of a–z and 0–9, words joined by single dashes: what a resident can type from a poster. */
export const SURVEY_SLUG = /^(?=.{3,40}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export const surveyInput = z
	.object({
		title: wording(200),
		intro: wording(2000)
			.nullish()
			.transform((v) => v ?? undefined),
		consent: wording(4000),
		modes: list(z.enum(SURVEY_MODES), 4)
			.refine((m) => m.length > 0, { error: 'mode_required' })
			.transform((m) => SURVEY_MODES.filter((x) => m.includes(x))),
		areaIds: list(id, 100).transform((a) => [...new Set(a)]),
		estateIds: list(id, 500).transform((a) => [...new Set(a)]),
		/** Organisations that read the results besides the owner (the housing company of a tenant survey). */
		partnerOrganisationIds: list(id, 20).transform((a) => [...new Set(a)]),
		/** The open link's name (…/e/<slug>), short enough to type from a poster; made from the Dutch title when empty. */
		slug: z.preprocess(
			(v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : (v ?? undefined)),
			z.string().regex(SURVEY_SLUG, { error: 'slug_format' }).optional()
		)
	})
	.superRefine((v, ctx) => {
		if (v.areaIds.length + v.estateIds.length === 0) ctx.addIssue({ code: 'custom', path: ['estateIds'], message: 'scope_required' });
	});
/** A text per language as a builder's form or a caller gives it: a string, or a text with its easy-read variant. */
export type WordingInput = Record<string, string | { text: string; easy?: string }>;
/** What createSurvey and updateSurvey take (a form's single values count as lists of one). */
export type SurveyInput = {
	title: WordingInput;
	intro?: WordingInput | null;
	consent: WordingInput;
	modes: readonly SurveyMode[] | readonly string[] | string;
	areaIds?: readonly string[] | string;
	estateIds?: readonly string[] | string;
	partnerOrganisationIds?: readonly string[] | string;
	slug?: string | null;
};

/** An instant, or a day ('YYYY-MM-DD') in Europe/Brussels: a wave opens at the start of its first day and closes at the end of its last. */
const instantOrDay = z.union([z.date(), z.iso.datetime({ offset: true }), z.iso.date()]);
export const waveInput = z
	.object({
		opensAt: instantOrDay.transform((v) => toInstant(v, 'start')),
		closesAt: z
			.union([instantOrDay, z.literal(''), z.null()])
			.optional()
			.transform((v) => (v === undefined || v === null || v === '' ? null : toInstant(v, 'end')))
	})
	.superRefine((v, ctx) => {
		if (v.closesAt && v.closesAt <= v.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'closes_before_opens' });
	});
export type WaveInput = z.input<typeof waveInput>;

export const feedbackInput = z.object({ feedback: z.union([wording(4000), z.null()]).optional() });

/** The first instant of a day in Europe/Brussels ('start'), or the first of the next day ('end': the day is included). */
export function toInstant(value: Date | string, edge: 'start' | 'end'): string {
	if (value instanceof Date) return value.toISOString();
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value).toISOString();
	const day = edge === 'end' ? new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : value;
	return brusselsMidnight(day).toISOString();
}

const brusselsHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', hourCycle: 'h23' });
function brusselsMidnight(day: string): Date {
	const utcMidnight = Date.parse(`${day}T00:00:00Z`);
	// Brussels is one hour ahead of UTC in winter and two in summer; clocks change at night, never at midnight.
	for (const hours of [1, 2]) {
		const candidate = new Date(utcMidnight - hours * 3_600_000);
		if (brusselsHour.format(candidate) === '00') return candidate;
	}
	return new Date(utcMidnight - 3_600_000);
}

// --- Answers ------------------------------------------------------------------------------------------------------

/**
 * What a resident (or a worker for them) gives per question key, before it is checked against the version:
 * single choice: 'option' or { choice, other }; multiple choice: ['a', 'b'] or { choices, other }; scale and number:
 * a number (a numeric string from a form too); yes/no: true/false or 'yes'/'no'; texts: a string; a needs block:
 * { needs, expectations, ideas }. Empty values count as not answered.
 */
export type AnswerValue =
	| string
	| number
	| boolean
	| readonly string[]
	| { choice?: string; choices?: readonly string[]; other?: string }
	| Partial<Record<NeedsPart, string>>
	| null
	| undefined;
export type AnswerMap = Record<string, AnswerValue>;

/** Loose on the shape (answers.ts checks each value against its question), strict on size, so nothing huge is parsed. */
export const answerMap = z
	.record(z.string().max(64), z.unknown())
	.refine((m) => Object.keys(m).length <= 400, { error: 'too_many_answers' })
	.transform((m) => m as AnswerMap);

export const submissionInput = z.object({
	/** Made by the client (a uuid per answer set, kept through resends). */
	submissionId: z.uuid({ error: 'invalid_submission_id' }),
	channel: z.enum(SURVEY_MODES),
	/** The household's one-time code: required for the code channel, optional on a paper form or tablet that carries one. */
	code: omittableText(40),
	/** The estate from the poster's link or the worker's choice; a code brings its own. */
	estateId: id.optional().or(z.literal('').transform(() => undefined)),
	/** The wave for a paper form typed in after the wave closed; otherwise the open wave. */
	waveId: id.optional(),
	language: languageCode.default('nl'),
	answers: answerMap,
	/** The resident's saved progress, removed when the set is stored. */
	draftToken: z.string().max(100).optional()
});
export type SubmissionInput = z.input<typeof submissionInput>;

export const draftInput = z.object({
	surveyId: id,
	token: z.string().max(100).optional(),
	language: languageCode.default('nl'),
	answers: answerMap.refine((m) => JSON.stringify(m).length <= 200_000, { error: 'draft_too_large' }),
	step: z.number().int().min(0).max(100).default(0),
	code: z.string().trim().max(40).optional(),
	estateId: id.optional()
});
export type DraftInput = z.input<typeof draftInput>;

export const themeName = z.string().trim().min(1).max(80);
export const openAnswerFilter = z.object({
	waveId: id.optional(),
	questionKey: questionKey,
	themeId: id.optional(),
	/** Only the answers from this estate (the results pages' breakdown). */
	estateId: id.optional(),
	untagged: z.boolean().default(false),
	page: pageNumber,
	pageSize: pageSize(10, 500, 100)
});
export type OpenAnswerFilter = z.input<typeof openAnswerFilter>;

/** Choice questions and yes/no count options; scale and number average numbers; the rest is typed text. */
export const isChoice = (q: Question): q is ChoiceQuestion => q.kind === 'single_choice' || q.kind === 'multiple_choice';
export const isText = (q: Question): boolean => q.kind === 'short_text' || q.kind === 'long_text' || q.kind === 'needs_block';
export { checkAnswers, visibleQuestions, wordingFor } from './answers';
export type { PublicSurveys } from './public-list';
export { conditionToForm } from './structure-edits';
export type { TabletSurvey } from './tablet';
