// Sending the waiting sets when the network is back: one by one, each as it was kept. What the server says decides
// what happens to the set on the device: stored (or stored before: a resend) → wiped; refused → kept with the reason;
// not logged in → stop and ask the worker to log in; no network or a server fault → kept for the next try.
import { readSets, updateSet, type Refusal, type WaitingSet } from './device-store';

export type SendOutcome = { kind: 'stored' } | { kind: 'refused'; refusal: Refusal } | { kind: 'login' } | { kind: 'retry' };

/** What a response to POST /api/v1/surveys/{id}/answer-sets means for the set on the device. */
export async function outcomeOf(res: Response, now = new Date()): Promise<SendOutcome> {
	if (res.ok) return { kind: 'stored' };
	if (res.status === 401) return { kind: 'login' };
	// A login page instead of JSON (an expired session sent through a redirect) also means: log in again.
	if (res.redirected || res.type === 'opaqueredirect') return { kind: 'login' };
	if (res.status >= 500 || res.status === 408 || res.status === 429) return { kind: 'retry' };
	let body: { title?: unknown; errors?: unknown } = {};
	try {
		body = (await res.json()) as typeof body;
	} catch {
		return { kind: 'retry' };
	}
	const errors = (Array.isArray(body.errors) ? body.errors : [])
		.filter((e): e is { pointer: string; detail: string } => !!e && typeof e.pointer === 'string' && typeof e.detail === 'string')
		.map((e) => ({ pointer: e.pointer, detail: e.detail }));
	return { kind: 'refused', refusal: { title: typeof body.title === 'string' ? body.title : String(res.status), errors, at: now.toISOString() } };
}

export async function sendSet(surveyId: string, set: WaitingSet, fetchFn: typeof fetch = fetch): Promise<SendOutcome> {
	const body = { submissionId: set.submissionId, estateId: set.estateId, language: set.language, answers: set.answers, finishedAt: set.finishedAt };
	try {
		const res = await fetchFn(`/api/v1/surveys/${encodeURIComponent(surveyId)}/answer-sets`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
			credentials: 'same-origin',
			redirect: 'manual',
			body: JSON.stringify(body)
		});
		return await outcomeOf(res);
	} catch {
		return { kind: 'retry' };
	}
}

export type SendReport = { sent: number; refused: number; stopped: 'login' | 'retry' | null };

/**
 * Sends the worker's sets waiting on the device (those refused before only when `retryRefused` names them). Each outcome is
 * written to the device at once, so a page closed halfway loses nothing and sends nothing twice (the server
 * recognises a resend by its submission id anyway).
 */
export async function sendWaiting(surveyId: string, workerId: string, options: { retryRefused?: readonly string[]; fetchFn?: typeof fetch; onProgress?: () => void } = {}): Promise<SendReport> {
	const report: SendReport = { sent: 0, refused: 0, stopped: null };
	const retry = new Set(options.retryRefused ?? []);
	for (const set of readSets(surveyId)) {
		// Another worker's sets wait for them: sent now, they would be stored as taken by whoever is logged in.
		if (set.workerId !== workerId) continue;
		if (set.refused && !retry.has(set.submissionId)) continue;
		const outcome = await sendSet(surveyId, set, options.fetchFn);
		if (outcome.kind === 'stored') {
			updateSet(surveyId, set.submissionId, null);
			report.sent++;
		} else if (outcome.kind === 'refused') {
			updateSet(surveyId, set.submissionId, { ...set, refused: outcome.refusal });
			report.refused++;
		} else {
			report.stopped = outcome.kind;
			break;
		}
		options.onProgress?.();
	}
	return report;
}
