// A paper form typed in on one screen: fields "a.<question>" (a repeated name for a multiple choice),
// "a.<question>.other" for "other, namely" and "a.<question>.<part>" for a needs block, read into the answer map the
// answering rules check. Issues on "answers.<question>[.<part>]" come back to "a.<question>[.<part>]".
import type { AnswerMap, Structure } from '$core/surveys';
import { NEEDS_PARTS } from '$core/surveys/model';

const one = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').trim();
const many = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]).filter(Boolean);

export function answersFromForm(s: Structure, form: Record<string, unknown>): AnswerMap {
	const out: AnswerMap = {};
	for (const sec of s.sections)
		for (const q of sec.questions) {
			const name = `a.${q.key}`;
			switch (q.kind) {
				case 'single_choice': {
					const choice = one(form[name]);
					const other = one(form[`${name}.other`]);
					if (choice || other) out[q.key] = other ? { choice: choice || 'other', other } : choice;
					break;
				}
				case 'multiple_choice': {
					const choices = many(form[name]);
					const other = one(form[`${name}.other`]);
					if (choices.length || other) out[q.key] = other ? { choices: choices.includes('other') ? choices : [...choices, 'other'], other } : choices;
					break;
				}
				case 'needs_block': {
					const parts = Object.fromEntries(NEEDS_PARTS.map((p) => [p, one(form[`${name}.${p}`])]).filter(([, v]) => v));
					if (Object.keys(parts).length) out[q.key] = parts;
					break;
				}
				default: {
					const v = one(form[name]);
					if (v) out[q.key] = v;
				}
			}
		}
	return out;
}

/** "answers.home_happy" → "a.home_happy"; other fields keep their name. */
export const answerField = (path: string) => (path.startsWith('answers.') ? `a.${path.slice('answers.'.length)}` : path);
