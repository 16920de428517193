// What the tablet keeps on the device, per survey, in localStorage: the survey as last loaded (questions, estates,
// languages), the set being filled in, and the answer sets waiting to be sent (a queue of $lib/offline/device-queue). A set holds only the answers, the
// estate, the language, when it was finished and the worker's account id, with a submission id made here; it is wiped
// once the server has it. Nothing names a resident.
import type { AnswerMap } from '$core/surveys/model';
import type { TabletSurvey } from '$core/surveys/model';
import { addToQueue, readQueue, readStored as read, updateInQueue, writeStored as write, type Queued, type Refusal } from '$lib/offline/device-queue';
export { newSubmissionId } from '$lib/offline/device-queue';

/** `workerId`: the worker who took the set; only they send it, so the stored set names the right worker. */
export type WaitingSet = Queued & { estateId: string; language: string; answers: AnswerMap; finishedAt: string };
export type { Refusal };

const surveyKey = (surveyId: string) => `leefbaar.tablet.${surveyId}.survey`;
/** The survey's waiting sets (a `.sets` key: kept at sign-out, see $lib/offline/device-queue). */
export const setsKey = (surveyId: string) => `leefbaar.tablet.${surveyId}.sets`;
const currentKey = (surveyId: string) => `leefbaar.tablet.${surveyId}.current`;

export const readSurvey = (surveyId: string): TabletSurvey | null => read<TabletSurvey | null>(surveyKey(surveyId), null);
export const writeSurvey = (survey: TabletSurvey): boolean => write(surveyKey(survey.id), survey);

export const readSets = (surveyId: string): WaitingSet[] => readQueue<WaitingSet>(setsKey(surveyId));

/** Adds a finished set; read again first, so another tab's sets are kept. */
export const addSet = (surveyId: string, set: WaitingSet): boolean => addToQueue(setsKey(surveyId), set);

/** Changes one set (refused with a reason, or the reason cleared); removes it when `next` is null. */
export const updateSet = (surveyId: string, submissionId: string, next: WaitingSet | null): void => updateInQueue(setsKey(surveyId), submissionId, next);

/** The set being filled in right now, so a reload (or a tablet closing the tab in the background) loses nothing. */
export type CurrentSet<F> = { versionId: string; estateId: string; language: string; easy: boolean; form: F };
export const readCurrent = <F>(surveyId: string): CurrentSet<F> | null => read<CurrentSet<F> | null>(currentKey(surveyId), null);
export const writeCurrent = <F>(surveyId: string, current: CurrentSet<F>): boolean => write(currentKey(surveyId), current);
