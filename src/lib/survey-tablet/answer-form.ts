// The answers of one set while the worker fills them in, and the answer map the server checks. Which questions show
// follows the surveys module's own rules (visibleQuestions), so the tablet asks exactly what the server expects.
import { checkAnswers, visibleQuestions } from '$core/surveys/model';
import { questionsInOrder, type AnswerMap, type NeedsPart, type Question, type Structure } from '$core/surveys/model';

export type ChoiceValue = { choice: string; other: string };
export type ChoicesValue = { choices: string[]; other: string };
export type NeedsValue = Record<NeedsPart, string>;
/** One question's value in the form: a choice, choices, a needs block's parts, or a string (scale, yes/no, number, text). */
export type FormValue = ChoiceValue | ChoicesValue | NeedsValue | string;
export type FormAnswers = Record<string, FormValue>;

export function emptyValue(q: Question): FormValue {
	switch (q.kind) {
		case 'single_choice':
			return { choice: '', other: '' };
		case 'multiple_choice':
			return { choices: [], other: '' };
		case 'needs_block':
			return { needs: '', expectations: '', ideas: '' };
		default:
			return '';
	}
}

export function emptyAnswers(structure: Structure): FormAnswers {
	return Object.fromEntries(questionsInOrder(structure).map(({ question }) => [question.key, emptyValue(question)]));
}

/** What the server takes for one question (empty parts left out). */
function answerOf(q: Question, v: FormValue | undefined): AnswerMap[string] {
	if (v === undefined) return undefined;
	switch (q.kind) {
		case 'single_choice': {
			const c = v as ChoiceValue;
			return c.choice === 'other' || (!c.choice && c.other.trim()) ? { choice: c.choice || 'other', other: c.other } : c.choice || undefined;
		}
		case 'multiple_choice': {
			const c = v as ChoicesValue;
			return c.choices.includes('other') ? { choices: c.choices, other: c.other } : c.choices.length ? [...c.choices] : undefined;
		}
		case 'scale':
		case 'number':
			return typeof v === 'string' && v.trim() ? v.trim() : undefined;
		case 'needs_block': {
			const n = v as NeedsValue;
			const parts = Object.fromEntries(Object.entries(n).filter(([, t]) => t.trim()));
			return Object.keys(parts).length ? parts : undefined;
		}
		default:
			return typeof v === 'string' && v.trim() ? v : undefined;
	}
}

/** The answers given to every question (hidden ones too): what conditions are tested on. */
function allAnswers(structure: Structure, form: FormAnswers): AnswerMap {
	const out: AnswerMap = {};
	for (const { question } of questionsInOrder(structure)) {
		const a = answerOf(question, form[question.key]);
		if (a !== undefined) out[question.key] = a;
	}
	return out;
}

/** The keys of the questions shown now. */
export function shownQuestions(structure: Structure, form: FormAnswers): Set<string> {
	return new Set(visibleQuestions(structure, allAnswers(structure, form)));
}

/** The answer set to keep: only shown questions (an answer left in a question hidden later is dropped), and its problems. */
export function answerSetOf(structure: Structure, form: FormAnswers): { answers: AnswerMap; issues: ReturnType<typeof checkAnswers>['issues'] } {
	const shown = shownQuestions(structure, form);
	const answers = Object.fromEntries(Object.entries(allAnswers(structure, form)).filter(([k]) => shown.has(k)));
	return { answers, issues: checkAnswers(structure, answers).issues };
}
