// Sara registers signals on a house visit without network: the phone keeps each with its own Idempotency-Key, the
// form's fields as the API takes them (the consent box a yes or no), and sends them when the network is back — the
// same key on every resend, so the server stores each once; another worker's signals wait for them.
import { beforeEach, describe, expect, it } from 'vitest';
import { addToQueue, newSubmissionId, readQueue, updateInQueue } from './device-queue';
import { INTAKE_QUEUE, keepSignal, readWaitingSignals, sendSignal, sendWaitingSignals, signalBody, type WaitingSignal } from './intake-queue';

class MemoryStorage {
	private items = new Map<string, string>();
	getItem = (k: string) => this.items.get(k) ?? null;
	setItem = (k: string, v: string) => {
		if (v.length > 2000) throw new DOMException('full', 'QuotaExceededError');
		this.items.set(k, v);
	};
	removeItem = (k: string) => void this.items.delete(k);
}

const SARA = 'sara';
const item = (n: number, workerId = SARA): WaitingSignal => ({ submissionId: `00000000-0000-4000-8000-00000000000${n}`, workerId, savedAt: '2026-12-07T09:00:00Z', body: { kind: 'help', description: `Hulpvraag ${n}`, residentId: 'r1', channel: 'house_visit', consentGiven: true } });

describe('the queue a device keeps', () => {
	beforeEach(() => {
		(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
	});

	it('keeps items by submission id, replaces one kept twice, and wipes one', () => {
		expect(addToQueue('k.sets', item(1))).toBe(true);
		expect(addToQueue('k.sets', item(2))).toBe(true);
		expect(addToQueue('k.sets', { ...item(1), savedAt: 'later' })).toBe(true);
		expect(readQueue<WaitingSignal>('k.sets').map((i) => [i.submissionId.slice(-1), i.savedAt])).toEqual([
			['2', '2026-12-07T09:00:00Z'],
			['1', 'later']
		]);
		updateInQueue('k.sets', item(2).submissionId, null);
		expect(readQueue('k.sets')).toHaveLength(1);
	});

	it('says so when the device is full, and reads nonsense as an empty queue', () => {
		expect(addToQueue('k.sets', { ...item(1), body: { description: 'x'.repeat(3000) } })).toBe(false);
		localStorage.setItem('k.sets', '{not json');
		expect(readQueue('k.sets')).toEqual([]);
	});

	it('makes a version 4 uuid as the submission id', () => {
		expect(newSubmissionId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(newSubmissionId()).not.toBe(newSubmissionId());
	});
});

describe('signals registered offline', () => {
	beforeEach(() => {
		(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
	});

	it("takes the form's fields: empty ones left out, no form token, the consent box a yes or no", () => {
		const form = new FormData();
		for (const [k, v] of Object.entries({ formToken: 'abc', residentId: 'r1', channel: 'house_visit', kind: 'help', categoryId: '', description: 'Hulp bij de huur', estateId: '', locationKind: 'dwelling', locationText: '  ' })) form.set(k, v);
		expect(signalBody(form)).toEqual({ residentId: 'r1', channel: 'house_visit', kind: 'help', description: 'Hulp bij de huur', locationKind: 'dwelling', consentGiven: false });
		form.set('consentGiven', 'on');
		expect(signalBody(form).consentGiven).toBe(true);
	});

	it('sends each with its own Idempotency-Key, the same on a resend, and wipes what the server stored', async () => {
		keepSignal(item(1));
		keepSignal(item(2));
		const posts: Array<{ url: string; key: string | null; body: unknown }> = [];
		let lose = true;
		const fetchFn = (async (url: string, init: RequestInit) => {
			posts.push({ url, key: new Headers(init.headers).get('idempotency-key'), body: JSON.parse(String(init.body)) });
			// The first answer is lost on the way (the server stored it): the signal stays and goes again.
			if (lose) {
				lose = false;
				throw new TypeError('Failed to fetch');
			}
			return new Response(JSON.stringify({ id: 's', reference: 'ABCD-1234', replayed: posts.length === 2, url: '/staff/signals/s' }), { status: posts.length === 2 ? 200 : 201 });
		}) as typeof fetch;
		expect(await sendWaitingSignals(SARA, { fetchFn })).toEqual({ sent: 0, refused: 0, stopped: 'retry' });
		expect(readWaitingSignals()).toHaveLength(2);
		expect(await sendWaitingSignals(SARA, { fetchFn })).toEqual({ sent: 2, refused: 0, stopped: null });
		expect(readWaitingSignals()).toEqual([]);
		expect(posts.map((p) => [p.url, p.key])).toEqual([
			['/api/v1/signals', item(1).submissionId],
			['/api/v1/signals', item(1).submissionId],
			['/api/v1/signals', item(2).submissionId]
		]);
		expect(posts[0].body).toEqual(item(1).body);
	});

	it('a server that does not answer on a weak signal: the signal stays to be sent again', async () => {
		keepSignal(item(1));
		const hanging = ((_url: string, init: RequestInit) => new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch;
		expect(await sendSignal(item(1), { fetchFn: hanging, timeoutMs: 20 })).toEqual({ kind: 'retry' });
		expect(readWaitingSignals()).toHaveLength(1);
	});

	it("keeps a refused signal with the reason, and leaves another worker's for them", async () => {
		keepSignal(item(1, 'jonas'));
		keepSignal(item(2));
		const fetchFn = (async () => new Response(JSON.stringify({ title: 'Kijk het formulier na', errors: [{ pointer: '/residentId', code: 'not_found', detail: 'Deze bewoner bestaat niet meer.' }] }), { status: 422, headers: { 'content-type': 'application/problem+json' } })) as typeof fetch;
		expect(await sendWaitingSignals(SARA, { fetchFn })).toEqual({ sent: 0, refused: 1, stopped: null });
		const [jonas, sara] = readWaitingSignals();
		expect(jonas.refused).toBeUndefined();
		expect(sara.refused?.errors).toEqual([{ pointer: '/residentId', detail: 'Deze bewoner bestaat niet meer.' }]);
		expect(localStorage.getItem(INTAKE_QUEUE)).toContain('jonas');
	});
});
