// The resident's answering pages, one question group per screen without JavaScript: what a screen's form gives for its
// questions, which answers fall away when an earlier answer changes, the problems of one screen, the steps a resident
// walks (sections with nothing to show are skipped), the submission id of a draft, and whether results are out.
import { createHash } from 'node:crypto';
import { authorize, type Actor } from '../access';
import type { Db } from '../db';
import type { FieldIssue } from '../errors';
import { checkAnswers, visibleQuestions } from './answers';
import { surveyIssue } from './issues';
import { NEEDS_PARTS, type AnswerMap, type AnswerValue, type Question, type Section, type Structure } from './model';

/** The form field of a question's answer: `a.<key>` (and `a.<key>.other`, `a.<key>.needs`, … for its parts). */
export const answerField = (key: string, part?: string): string => (part ? `a.${key}.${part}` : `a.${key}`);

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);
const texts = (v: unknown): string[] =>
	v === undefined ? [] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/** One question's answer as the screen's form posted it (fields as formObject gives them); undefined when left empty. */
export function answerFromForm(q: Question, form: Record<string, unknown>): AnswerValue {
	const at = (part?: string) => form[answerField(q.key, part)];
	switch (q.kind) {
		case 'single_choice': {
			const choice = text(at());
			const other = text(at('other'));
			return choice || other ? { choice: choice ?? '', other: other ?? '' } : undefined;
		}
		case 'multiple_choice': {
			const choices = texts(at());
			const other = text(at('other'));
			return choices.length || other ? { choices, other: other ?? '' } : undefined;
		}
		case 'needs_block': {
			const parts = Object.fromEntries(NEEDS_PARTS.map((p) => [p, text(at(p)) ?? '']));
			return Object.values(parts).some((v) => v.trim()) ? parts : undefined;
		}
		default: {
			const v = text(at());
			return v === undefined || v.trim() === '' ? undefined : v;
		}
	}
}

/** Did the form post anything for this question (a forged post can send a value for a question the screen never showed)? */
export function formHasAnswer(q: Question, form: Record<string, unknown>): boolean {
	const v = answerFromForm(q, form);
	if (v === undefined) return false;
	if (typeof v === 'object' && v !== null && !Array.isArray(v))
		return Object.values(v).some((x) => (Array.isArray(x) ? x.length > 0 : typeof x === 'string' ? x.trim() !== '' : x !== undefined));
	return true;
}

/** The answers without those to questions their condition now hides (after a resident went back and changed one). */
export function withoutHidden(structure: Structure, answers: AnswerMap): AnswerMap {
	const shown = new Set(visibleQuestions(structure, answers));
	return Object.fromEntries(Object.entries(answers).filter(([key]) => shown.has(key)));
}

export type ScreenResult = { answers: AnswerMap; issues: FieldIssue[]; /** Questions of this screen that showed up with these answers. */ appeared: string[] };

/**
 * A screen's post merged into the saved answers. `shown` are the questions the screen showed: an answer to one of them
 * that an answer on the same screen now hides is dropped; a value for a question the screen did not show is a forged
 * post and refused. Problems are those of this screen's questions only (later screens are not filled in yet).
 */
export function answerScreen(
	structure: Structure,
	sectionIndex: number,
	saved: AnswerMap,
	form: Record<string, unknown>,
	shown: readonly string[]
): ScreenResult {
	const section = structure.sections[sectionIndex];
	const issues: FieldIssue[] = [];
	const merged: AnswerMap = { ...saved };
	for (const q of section?.questions ?? []) {
		if (!shown.includes(q.key)) {
			if (formHasAnswer(q, form))
				issues.push(surveyIssue(`answers.${q.key}`, 'hidden_question_answered', 'This question is not asked with the earlier answers', { question: q.key }));
			continue;
		}
		const v = answerFromForm(q, form);
		if (v === undefined) delete merged[q.key];
		else merged[q.key] = v;
	}
	const answers = withoutHidden(structure, merged);
	const mine = new Set((section?.questions ?? []).map((q) => q.key));
	const visible = new Set(visibleQuestions(structure, answers));
	const appeared = [...mine].filter((k) => visible.has(k) && !shown.includes(k));
	if (issues.length === 0) {
		for (const issue of checkAnswers(structure, answers).issues) {
			const key = issue.path.split('.')[1] ?? '';
			// A question that just showed up is asked next, not refused unanswered.
			if (mine.has(key) && !appeared.includes(key)) issues.push(issue);
		}
	}
	return { answers, issues, appeared };
}

/** The questions of a section a resident sees with these answers. */
export function shownInSection(structure: Structure, section: Section, answers: AnswerMap): Question[] {
	const visible = new Set(visibleQuestions(structure, answers));
	return section.questions.filter((q) => visible.has(q.key));
}

/**
 * The steps of the answering pages: 0 the consent, 1..n the sections (n = number of sections), n + 1 the check page.
 * Going on or back skips a section whose questions are all hidden by the answers so far.
 */
export function nextStep(structure: Structure, answers: AnswerMap, step: number, direction: 1 | -1): number {
	const n = structure.sections.length;
	const visible = new Set(visibleQuestions(structure, answers));
	let s = Math.min(Math.max(step, 0), n + 1) + direction;
	while (s >= 1 && s <= n && !structure.sections[s - 1].questions.some((q) => visible.has(q.key))) s += direction;
	return Math.min(Math.max(s, 0), n + 1);
}

/**
 * The submission id of the answer set a draft becomes: the same for every post of the same draft (a double tap on
 * "send", a second tab), so the set is stored once. Made from the draft's token, which only the resident's device
 * holds; the stored draft keeps a different hash of it and is removed with the submit, so nothing links the two.
 */
export function submissionIdFor(draftToken: string): string {
	const h = createHash('sha256').update(`survey-submission:${draftToken}`).digest('hex');
	// A version 4 UUID's layout: version nibble 4, variant 8-b.
	const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The number of the latest wave whose results were published (for "see what others said"), or null. */
export async function latestPublishedWave(db: Db, actor: Actor, surveyId: string): Promise<number | null> {
	authorize(actor, 'read-public', 'survey');
	const row = await db
		.selectFrom('survey_waves')
		.select('number')
		.where('survey_id', '=', surveyId)
		.where('published_at', 'is not', null)
		.orderBy('number', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? row.number : null;
}
