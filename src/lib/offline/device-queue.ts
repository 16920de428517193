// What a worker's device keeps until the network is back — the survey tablet's answer sets, signals registered on a
// house visit — as one list per key in localStorage. Every item carries a submission id made here (the server's
// Idempotency-Key: a resend stores nothing twice) and the worker who took it (only they send it). An item is wiped
// once the server has it; a refused one stays with the reason. Keys ending in `.sets` are what waits to be sent: the
// sign-out script (sign-out.js) counts and keeps those, and clears the rest of a `leefbaar.tablet.` or
// `leefbaar.intake.` prefix.

/** Why the server refused an item: the problem document's title and its field messages (pointer → message). */
export type Refusal = { title: string; errors: Array<{ pointer: string; detail: string }>; at: string };
/** What every waiting item has. */
export type Queued = { submissionId: string; workerId: string; refused?: Refusal };

export function readStored<T>(key: string, fallback: T): T {
	try {
		const raw = localStorage.getItem(key);
		return raw ? (JSON.parse(raw) as T) : fallback;
	} catch {
		return fallback;
	}
}

/** false when the device has no room left (the caller tells the worker). */
export function writeStored(key: string, value: unknown): boolean {
	try {
		localStorage.setItem(key, JSON.stringify(value));
		return true;
	} catch {
		return false;
	}
}

export const readQueue = <T extends Queued>(key: string): T[] => readStored<T[]>(key, []);

/** Adds an item (or replaces the one with its submission id); read again first, so another tab's items are kept. */
export function addToQueue<T extends Queued>(key: string, item: T): boolean {
	return writeStored(key, [...readQueue<T>(key).filter((i) => i.submissionId !== item.submissionId), item]);
}

/** Changes one item (refused with a reason, or the reason cleared); removes it when `next` is null. */
export function updateInQueue<T extends Queued>(key: string, submissionId: string, next: T | null): void {
	const items = readQueue<T>(key);
	writeStored(key, next ? items.map((i) => (i.submissionId === submissionId ? next : i)) : items.filter((i) => i.submissionId !== submissionId));
}

/** A random (version 4) uuid: an item's submission id, made on the device so a resend is recognised. */
export function newSubmissionId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
