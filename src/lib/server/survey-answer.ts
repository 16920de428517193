// The resident's answering pages (src/routes/enquete): the draft cookie, the easy-read cookie, the limit on codes
// tried per client, and the screens shaped for the page (texts picked in the resident's language and easy read).
import { createHash } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '$core/db';
import { translate, type Locale } from '$core/i18n';
import { takeSlot } from '$core/limits';
import { wordingFor, type AnswerMap, type Question, type Structure } from '$core/surveys';
import { DRAFT_DAYS, NEEDS_PARTS, SCALE_MAX, SCALE_MIN, type Wording } from '$core/surveys/model';

/** The draft token of this device for one survey: under /enquete, so the code page can add a code to a draft begun on the open link. */
export const draftCookieName = (surveyId: string): string => `enquete_${surveyId}`;
export const EASY_COOKIE = 'enquete_eenvoudig';

export function draftCookieOptions(url: URL) {
	return { path: '/enquete', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', maxAge: DRAFT_DAYS * 86_400 };
}

export function easyCookieOptions(url: URL) {
	return { path: '/enquete', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', maxAge: 365 * 86_400 };
}

export function readDraftToken(cookies: Cookies, surveyId: string, form?: Record<string, unknown>): string | undefined {
	const fromCookie = cookies.get(draftCookieName(surveyId));
	if (fromCookie) return fromCookie;
	const fromForm = form?.draft;
	return typeof fromForm === 'string' && /^[\w-]{16,100}$/.test(fromForm) ? fromForm : undefined;
}

/**
 * Counts a household code tried by this client (typed, from a letter's QR code, or sent with answers), against the
 * same hourly limit as the report form, in its own count: guessing codes is slow. Only a day-salted hash of the address.
 */
export async function takeCodeSlot(db: Db, address: string, limit: number, now = new Date()) {
	const day = now.toISOString().slice(0, 10);
	const key = `intake:survey-code:${createHash('sha256').update(`leefbaar-survey-code|${day}|${address}`).digest('hex').slice(0, 32)}`;
	return takeSlot(db, key, { limit, windowSeconds: 3600, now });
}

// --- Screens as the page shows them ---------------------------------------------------------------------------------

export type OptionView = { key: string; label: string };
export type QuestionView = {
	key: string;
	kind: Question['kind'];
	label: string;
	help: string;
	required: boolean;
	conditional: boolean;
	/**
	 * A condition on a question of the same screen, for the small script that shows and hides the question as the
	 * resident answers (with JavaScript); without it, the server asks the question after the screen is sent.
	 */
	when: { question: string; op: 'is' | 'equals' | 'includes'; value: string } | null;
	/** Hidden by the answers so far (only shown by the script when an answer on this screen brings it up). */
	pending: boolean;
	options: OptionView[];
	allowOther: boolean;
	maxChoices: number | null;
	min: number | null;
	max: number | null;
	integer: boolean;
	unit: string;
	maxLength: number | null;
	/** The 1–5 scale: each point's words (for screen readers and for those who do not read smileys). */
	scale: OptionView[];
	/** A needs block's three parts. */
	parts: OptionView[];
};

export type TextPicker = (w: Wording | undefined) => string;

export function textPicker(language: string, easy: boolean): TextPicker {
	return (w) => wordingFor(w, language, easy);
}

/** Words of the app (yes, no, the smileys) in the survey's language when the app speaks it, else the page's. */
export function appLocale(language: string, fallback: Locale): Locale {
	return language === 'nl' || language === 'fr' || language === 'en' ? language : fallback;
}

export function questionView(q: Question, pick: TextPicker, locale: Locale): QuestionView {
	const t = (key: string) => translate(locale, key);
	const base: QuestionView = {
		key: q.key,
		kind: q.kind,
		label: pick(q.label),
		help: pick(q.help),
		required: q.required,
		conditional: !!q.condition,
		when: null,
		pending: false,
		options: [],
		allowOther: false,
		maxChoices: null,
		min: null,
		max: null,
		integer: true,
		unit: '',
		maxLength: null,
		scale: [],
		parts: []
	};
	switch (q.kind) {
		case 'single_choice':
		case 'multiple_choice':
			return {
				...base,
				options: q.options.map((o) => ({ key: o.key, label: pick(o.label) })),
				allowOther: q.allowOther,
				maxChoices: q.kind === 'multiple_choice' ? (q.maxChoices ?? null) : null
			};
		case 'scale': {
			const scale: OptionView[] = [];
			for (let n = SCALE_MIN; n <= SCALE_MAX; n++) scale.push({ key: String(n), label: t(`surveys.scale_${n}`) });
			if (q.lowLabel) scale[0].label = pick(q.lowLabel);
			if (q.highLabel) scale[scale.length - 1].label = pick(q.highLabel);
			return { ...base, scale };
		}
		case 'yes_no':
			return {
				...base,
				options: [
					{ key: 'yes', label: t('surveys.answer_yes') },
					{ key: 'no', label: t('surveys.answer_no') }
				]
			};
		case 'number':
			return { ...base, min: q.min ?? null, max: q.max ?? null, integer: q.integer, unit: pick(q.unit) };
		case 'short_text':
		case 'long_text':
			return { ...base, maxLength: q.maxLength };
		case 'needs_block': {
			const own = { needs: q.needsLabel, expectations: q.expectationsLabel, ideas: q.ideasLabel };
			return { ...base, maxLength: q.maxLength, parts: NEEDS_PARTS.map((p) => ({ key: p, label: own[p] ? pick(own[p]) : t(`surveys.${p}_label`) })) };
		}
	}
}

/** An answer as words, for the check page. */
export function answerText(q: Question, value: AnswerMap[string], pick: TextPicker, locale: Locale): string {
	if (value === undefined || value === null || value === '') return '';
	const t = (key: string) => translate(locale, key);
	const optionLabel = (key: string) =>
		key === 'other' ? t('surveys.option_other') : pick((q as { options?: { key: string; label: Wording }[] }).options?.find((o) => o.key === key)?.label);
	switch (q.kind) {
		case 'single_choice': {
			const v = typeof value === 'string' ? { choice: value } : (value as { choice?: string; other?: string });
			const choice = v.choice || (v.other ? 'other' : '');
			return choice === 'other' ? `${t('surveys.option_other')}: ${v.other ?? ''}` : optionLabel(choice);
		}
		case 'multiple_choice': {
			const v = Array.isArray(value) ? { choices: value as string[] } : (value as { choices?: string[]; other?: string });
			const labels = (v.choices ?? []).filter((c) => c !== 'other').map(optionLabel);
			if (v.other) labels.push(`${t('surveys.option_other')}: ${v.other}`);
			return labels.join(', ');
		}
		case 'scale':
			return `${value} – ${t(`surveys.scale_${value}`)}`;
		case 'yes_no':
			return value === 'yes' || value === true ? t('surveys.answer_yes') : t('surveys.answer_no');
		case 'needs_block': {
			const v = value as Record<string, string>;
			return NEEDS_PARTS.filter((p) => v[p]?.trim())
				.map((p) => `${t(`surveys.${p}_label`)} ${v[p]}`)
				.join('\n');
		}
		default:
			return String(value);
	}
}

/** The step a problem's question is asked on (for "change" links next to a refusal on the check page). */
export function stepOfQuestion(structure: Structure, key: string): number | null {
	const i = structure.sections.findIndex((s) => s.questions.some((q) => q.key === key));
	return i < 0 ? null : i + 1;
}

/** A text posted back into the form after a refusal, cut so a forged 100,000-character post is not sent back whole. */
export function echoAnswers(answers: AnswerMap, max = 12_000): AnswerMap {
	const cut = (v: unknown): unknown =>
		typeof v === 'string'
			? v.slice(0, max)
			: Array.isArray(v)
				? v.slice(0, 50).map(cut)
				: v && typeof v === 'object'
					? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cut(x)]))
					: v;
	return cut(answers) as AnswerMap;
}
