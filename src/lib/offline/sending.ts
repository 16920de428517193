// Sending what waits on the device when the network is back: one item at a time, each as it was kept. What the server
// says decides what happens to the item: stored (or stored before: a resend) → wiped; refused → kept with the reason;
// not logged in → stop and ask the worker to log in; no network or a server fault → kept for the next try.
import { readQueue, updateInQueue, type Queued, type Refusal } from './device-queue';

export type SendOutcome = { kind: 'stored' } | { kind: 'refused'; refusal: Refusal } | { kind: 'login' } | { kind: 'retry' };

/** What a response to one item's POST means for the item on the device. */
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

type PostOptions = { headers?: Record<string, string>; fetchFn?: typeof fetch; onStored?: (answer: unknown) => void; timeoutMs?: number };

/**
 * POSTs one item as JSON with the session cookie and reads the outcome; a network error is a retry, and so is no
 * answer within `timeoutMs` (a phone on a weak signal: the item stays, and a resend is recognised by its key).
 * `onStored` gets the server's answer (the stored signal's id, say) when it is stored.
 */
export function postJson(url: string, body: unknown, options: PostOptions = {}): Promise<SendOutcome> {
	return post(url, JSON.stringify(body), { ...options, headers: { 'content-type': 'application/json', ...options.headers } });
}

/** The same as postJson for an item with files (multipart/form-data; the browser writes its Content-Type). */
export function postForm(url: string, form: FormData, options: PostOptions = {}): Promise<SendOutcome> {
	return post(url, form, options);
}

async function post(url: string, body: BodyInit, options: PostOptions): Promise<SendOutcome> {
	try {
		const res = await (options.fetchFn ?? fetch)(url, {
			method: 'POST',
			signal: typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(options.timeoutMs ?? 30_000) : undefined,
			headers: { accept: 'application/json, application/problem+json', ...options.headers },
			credentials: 'same-origin',
			redirect: 'manual',
			body
		});
		const outcome = await outcomeOf(res);
		if (outcome.kind === 'stored' && options.onStored) options.onStored(await res.json().catch(() => null));
		return outcome;
	} catch {
		return { kind: 'retry' };
	}
}

export type SendReport = { sent: number; refused: number; stopped: 'login' | 'retry' | null };

/**
 * Sends the worker's items waiting under `key` (those refused before only when `retryRefused` names them). Each
 * outcome is written to the device at once, so a page closed halfway loses nothing and sends nothing twice (the server
 * recognises a resend by its submission id anyway).
 */
export async function sendQueue<T extends Queued>(
	key: string,
	workerId: string,
	send: (item: T) => Promise<SendOutcome>,
	options: { retryRefused?: readonly string[]; onProgress?: () => void; afterStored?: (item: T) => Promise<void> } = {}
): Promise<SendReport> {
	const report: SendReport = { sent: 0, refused: 0, stopped: null };
	const retry = new Set(options.retryRefused ?? []);
	for (const item of readQueue<T>(key)) {
		// Another worker's items wait for them: sent now, they would be stored as taken by whoever is logged in.
		if (item.workerId !== workerId) continue;
		if (item.refused && !retry.has(item.submissionId)) continue;
		const outcome = await send(item);
		if (outcome.kind === 'stored') {
			updateInQueue(key, item.submissionId, null);
			// What belongs to the item elsewhere (its photos) goes after it: never an item left without its photos.
			await options.afterStored?.(item);
			report.sent++;
		} else if (outcome.kind === 'refused') {
			updateInQueue(key, item.submissionId, { ...item, refused: outcome.refusal });
			report.refused++;
		} else {
			report.stopped = outcome.kind;
			break;
		}
		options.onProgress?.();
	}
	return report;
}
