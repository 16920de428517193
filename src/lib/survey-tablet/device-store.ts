// What the tablet keeps on the device, per survey, in localStorage: the survey as last loaded (questions, estates,
// languages), the set being filled in, and the answer sets waiting to be sent. A set holds only the answers, the
// estate, the language, when it was finished and the worker's account id, with a submission id made here; it is wiped
// once the server has it. Nothing names a resident.
import type { AnswerMap } from '$core/surveys/model';
import type { TabletSurvey } from '$core/surveys/tablet';

/** Why the server refused a set: the problem document's title and its field messages (pointer → message). */
export type Refusal = { title: string; errors: Array<{ pointer: string; detail: string }>; at: string };
/** `workerId`: the worker who took the set; only they send it, so the stored set names the right worker. */
export type WaitingSet = { submissionId: string; workerId: string; estateId: string; language: string; answers: AnswerMap; finishedAt: string; refused?: Refusal };

const surveyKey = (surveyId: string) => `leefbaar.tablet.${surveyId}.survey`;
const setsKey = (surveyId: string) => `leefbaar.tablet.${surveyId}.sets`;
const currentKey = (surveyId: string) => `leefbaar.tablet.${surveyId}.current`;

function read<T>(key: string, fallback: T): T {
	try {
		const raw = localStorage.getItem(key);
		return raw ? (JSON.parse(raw) as T) : fallback;
	} catch {
		return fallback;
	}
}

/** false when the device has no room left (the caller tells the worker). */
function write(key: string, value: unknown): boolean {
	try {
		localStorage.setItem(key, JSON.stringify(value));
		return true;
	} catch {
		return false;
	}
}

export const readSurvey = (surveyId: string): TabletSurvey | null => read<TabletSurvey | null>(surveyKey(surveyId), null);
export const writeSurvey = (survey: TabletSurvey): boolean => write(surveyKey(survey.id), survey);

export const readSets = (surveyId: string): WaitingSet[] => read<WaitingSet[]>(setsKey(surveyId), []);

/** Adds a finished set; read again first, so another tab's sets are kept. */
export function addSet(surveyId: string, set: WaitingSet): boolean {
	return write(setsKey(surveyId), [...readSets(surveyId).filter((s) => s.submissionId !== set.submissionId), set]);
}

/** Changes one set (refused with a reason, or the reason cleared); removes it when `next` is null. */
export function updateSet(surveyId: string, submissionId: string, next: WaitingSet | null): void {
	const sets = readSets(surveyId);
	write(setsKey(surveyId), next ? sets.map((s) => (s.submissionId === submissionId ? next : s)) : sets.filter((s) => s.submissionId !== submissionId));
}

/** A random (version 4) uuid: the set's submission id, made on the device so a resend is recognised. */
export function newSubmissionId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The set being filled in right now, so a reload (or a tablet closing the tab in the background) loses nothing. */
export type CurrentSet<F> = { versionId: string; estateId: string; language: string; easy: boolean; form: F };
export const readCurrent = <F>(surveyId: string): CurrentSet<F> | null => read<CurrentSet<F> | null>(currentKey(surveyId), null);
export const writeCurrent = <F>(surveyId: string, current: CurrentSet<F>): boolean => write(currentKey(surveyId), current);
