// Sending the tablet's waiting sets when the network is back ($lib/offline/sending decides what each answer means).
import { postJson, sendQueue, type SendOutcome, type SendReport } from '$lib/offline/sending';
import { setsKey, type WaitingSet } from './device-store';

export { outcomeOf, type SendOutcome, type SendReport } from '$lib/offline/sending';

export function sendSet(surveyId: string, set: WaitingSet, fetchFn: typeof fetch = fetch): Promise<SendOutcome> {
	const body = { submissionId: set.submissionId, estateId: set.estateId, language: set.language, answers: set.answers, finishedAt: set.finishedAt };
	return postJson(`/api/v1/surveys/${encodeURIComponent(surveyId)}/answer-sets`, body, { fetchFn });
}

/** Sends the worker's sets waiting for this survey (those refused before only when `retryRefused` names them). */
export function sendWaiting(
	surveyId: string,
	workerId: string,
	options: { retryRefused?: readonly string[]; fetchFn?: typeof fetch; onProgress?: () => void } = {}
): Promise<SendReport> {
	return sendQueue<WaitingSet>(setsKey(surveyId), workerId, (set) => sendSet(surveyId, set, options.fetchFn), options);
}
