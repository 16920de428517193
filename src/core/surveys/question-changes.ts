// Which questions changed between the versions of a survey's structure: added or dropped in a later version, or asked
// differently (another kind, other options, other wording, another condition). The wave comparison marks them, since
// wave 2 may have answered another question than wave 1 under the same key.
import type { Actor } from '../access';
import type { Db } from '../db';
import type { Question, Structure } from './model';
import { allVersions, surveyFor } from './records';

/** A question's definition with object keys sorted, so equal definitions compare equal whatever their key order. */
function canonical(q: Question): string {
	const sort = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(sort)
			: v && typeof v === 'object'
				? Object.fromEntries(
						Object.entries(v)
							.sort(([a], [b]) => a.localeCompare(b))
							.map(([k, x]) => [k, sort(x)])
					)
				: v;
	return JSON.stringify(sort(q));
}

/** Pure: the keys of questions that are not the same in every structure given (absent from one counts as changed). */
export function changedQuestionKeys(structures: readonly Structure[]): string[] {
	if (structures.length < 2) return [];
	const perVersion = structures.map((s) => new Map(s.sections.flatMap((sec) => sec.questions.map((q) => [q.key, canonical(q)] as const))));
	const keys = new Set(perVersion.flatMap((m) => [...m.keys()]));
	return [...keys].filter((k) => new Set(perVersion.map((m) => m.get(k) ?? '')).size > 1);
}

/** The keys of the survey's questions that changed between its versions, for those who read its results. */
export async function changedQuestions(db: Db, actor: Actor, surveyId: string): Promise<string[]> {
	await surveyFor(db, actor, surveyId, 'read-results');
	return changedQuestionKeys((await allVersions(db, surveyId)).map((v) => v.structure));
}
