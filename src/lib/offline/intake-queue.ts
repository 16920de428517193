// Signals a worker registered on the intake form while the phone had no network (a house visit, the street): kept on
// the phone under one `.sets` key (kept at sign-out, like the tablet's answer sets), each with the fields as the form
// gave them and the Idempotency-Key made when it was saved, and sent to POST /api/v1/signals when the network is back.
import { addToQueue, readQueue, updateInQueue, type Queued } from './device-queue';
import { postJson, sendQueue, type SendOutcome, type SendReport } from './sending';

export const INTAKE_QUEUE = 'leefbaar.intake.sets';

/** The intake form's fields, as JSON: empty ones left out, the consent box a yes or no. */
export type SignalBody = Record<string, string | boolean>;
export type WaitingSignal = Queued & { savedAt: string; body: SignalBody };

/** The fields of the intake form (without its no-JavaScript form token) as the body the API takes. */
export function signalBody(form: FormData): SignalBody {
	const body: SignalBody = {};
	for (const [name, value] of form.entries()) {
		if (typeof value !== 'string' || name === 'formToken' || name === 'consentGiven') continue;
		if (value.trim() !== '') body[name] = value;
	}
	body.consentGiven = form.get('consentGiven') === 'on';
	return body;
}

export const readWaitingSignals = (): WaitingSignal[] => readQueue<WaitingSignal>(INTAKE_QUEUE);
export const keepSignal = (item: WaitingSignal): boolean => addToQueue(INTAKE_QUEUE, item);
export const updateWaitingSignal = (submissionId: string, next: WaitingSignal | null): void => updateInQueue(INTAKE_QUEUE, submissionId, next);

/** The stored signal, as the API answers. */
export type StoredSignal = { id: string; reference: string; replayed: boolean; url: string };

export function sendSignal(item: WaitingSignal, options: { fetchFn?: typeof fetch; onStored?: (signal: StoredSignal) => void; timeoutMs?: number } = {}): Promise<SendOutcome> {
	return postJson('/api/v1/signals', item.body, { headers: { 'idempotency-key': item.submissionId }, fetchFn: options.fetchFn, timeoutMs: options.timeoutMs, onStored: (a) => options.onStored?.(a as StoredSignal) });
}

/** Sends the worker's signals waiting on the phone (those refused before only when `retryRefused` names them). */
export function sendWaitingSignals(workerId: string, options: { retryRefused?: readonly string[]; fetchFn?: typeof fetch; onProgress?: () => void } = {}): Promise<SendReport> {
	return sendQueue<WaitingSignal>(INTAKE_QUEUE, workerId, (item) => sendSignal(item, options), options);
}
