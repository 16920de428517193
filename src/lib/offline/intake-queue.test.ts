// Sara registers signals on a house visit without network: the phone keeps each with its own Idempotency-Key, the
// form's fields as the API takes them (the consent box a yes or no), and sends them when the network is back — the
// same key on every resend, so the server stores each once; another worker's signals wait for them. A photo taken
// with a signal waits with it (IndexedDB), goes with it as multipart under the same key, and leaves the phone with it.
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fieldMessage } from '$core/i18n/field-errors';
import { PHOTO_DB, readPhotos } from './device-photos';
import { addToQueue, newSubmissionId, readQueue, updateInQueue } from './device-queue';
import {
	chosenPhotos,
	forgetLeftoverPhotos,
	INTAKE_QUEUE,
	keepSignal,
	keepSignalWithPhotos,
	MAX_DEVICE_PHOTO_BYTES,
	photoIssue,
	readWaitingSignals,
	sendSignal,
	sendWaitingSignals,
	signalBody,
	wipeWaitingSignal,
	type WaitingSignal
} from './intake-queue';

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
const item = (n: number, workerId = SARA): WaitingSignal => ({
	submissionId: `00000000-0000-4000-8000-00000000000${n}`,
	workerId,
	savedAt: '2026-12-07T09:00:00Z',
	body: { kind: 'help', description: `Hulpvraag ${n}`, residentId: 'r1', channel: 'house_visit', consentGiven: true }
});

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
		for (const [k, v] of Object.entries({
			formToken: 'abc',
			residentId: 'r1',
			channel: 'house_visit',
			kind: 'help',
			categoryId: '',
			description: 'Hulp bij de huur',
			estateId: '',
			locationKind: 'dwelling',
			locationText: '  '
		}))
			form.set(k, v);
		expect(signalBody(form)).toEqual({
			residentId: 'r1',
			channel: 'house_visit',
			kind: 'help',
			description: 'Hulp bij de huur',
			locationKind: 'dwelling',
			consentGiven: false
		});
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
			return new Response(JSON.stringify({ id: 's', reference: 'ABCD-1234', replayed: posts.length === 2, url: '/staff/signals/s' }), {
				status: posts.length === 2 ? 200 : 201
			});
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
		const hanging = ((_url: string, init: RequestInit) =>
			new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch;
		expect(await sendSignal(item(1), { fetchFn: hanging, timeoutMs: 20 })).toEqual({ kind: 'retry' });
		expect(readWaitingSignals()).toHaveLength(1);
	});

	it("keeps a refused signal with the reason, and leaves another worker's for them", async () => {
		keepSignal(item(1, 'jonas'));
		keepSignal(item(2));
		const fetchFn = (async () =>
			new Response(
				JSON.stringify({ title: 'Kijk het formulier na', errors: [{ pointer: '/residentId', code: 'not_found', detail: 'Deze bewoner bestaat niet meer.' }] }),
				{ status: 422, headers: { 'content-type': 'application/problem+json' } }
			)) as typeof fetch;
		expect(await sendWaitingSignals(SARA, { fetchFn })).toEqual({ sent: 0, refused: 1, stopped: null });
		const [jonas, sara] = readWaitingSignals();
		expect(jonas.refused).toBeUndefined();
		expect(sara.refused?.errors).toEqual([{ pointer: '/residentId', detail: 'Deze bewoner bestaat niet meer.' }]);
		expect(localStorage.getItem(INTAKE_QUEUE)).toContain('jonas');
	});
});

describe('photos of signals registered offline', () => {
	const MB = 1024 * 1024;
	const photo = (bytes: number | string, type = 'image/jpeg', name = 'raam.jpg') =>
		new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type });
	/** A Blob that says it is this large without holding the bytes (the checks read the size only). */
	const sized = (size: number, type = 'image/jpeg') => ({ size, type }) as Blob;
	type Post = { key: string | null; contentType: string | null; signal: unknown; photos: Array<{ name: string; type: string; text: string }> };
	async function readPost(init: RequestInit): Promise<Post> {
		const headers = new Headers(init.headers);
		if (!(init.body instanceof FormData))
			return { key: headers.get('idempotency-key'), contentType: headers.get('content-type'), signal: JSON.parse(String(init.body)), photos: [] };
		const photos = await Promise.all(
			init.body.getAll('photos').map(async (f) => ({ name: (f as File).name, type: (f as File).type, text: await (f as File).text() }))
		);
		return { key: headers.get('idempotency-key'), contentType: headers.get('content-type'), signal: JSON.parse(String(init.body.get('signal'))), photos };
	}

	beforeEach(() => {
		(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
		(globalThis as { indexedDB?: unknown }).indexedDB = new IDBFactory();
	});

	it('the phone refuses what the server would refuse, in the same words, before keeping anything', () => {
		expect(photoIssue([])).toBeNull();
		expect(photoIssue([sized(3 * MB), sized(4 * MB, 'image/png'), sized(2 * MB, '')])).toBeNull();
		const say = (files: Blob[]) => {
			const issue = photoIssue(files);
			return issue && [issue.path, issue.code, fieldMessage('nl', issue)];
		};
		expect(say([sized(MB), sized(MB), sized(MB), sized(MB)])).toEqual(['photos', 'too_many_photos', "Je kan hoogstens 3 foto's sturen."]);
		expect(say([sized(16 * MB)])).toEqual(['photos', 'file_too_large', 'Deze foto is te groot. Een foto mag hoogstens 15 MB zijn.']);
		expect(say([sized(MB, 'application/pdf')])).toEqual(['photos', 'not_an_image', 'Dit bestand is geen foto, of het is kapot. Kies een andere foto.']);
		// Each one fits, together they are more than one signal may keep on the phone.
		const [path, code, message] = say([sized(14 * MB), sized(14 * MB), sized(14 * MB)])!;
		expect([path, code]).toEqual(['photos', 'photos_too_big_for_device']);
		expect(message).toContain(`${MAX_DEVICE_PHOTO_BYTES / MB} MB`);
		expect(fieldMessage('fr', photoIssue([sized(14 * MB), sized(14 * MB), sized(14 * MB)])!)).not.toBe(message);
	});

	it('takes the chosen photos from the form, not the empty file an input posts when none is chosen', () => {
		const form = new FormData();
		form.append('photos', new File([], ''));
		expect(chosenPhotos(form)).toEqual([]);
		form.append('photos', photo('jpeg'));
		expect(chosenPhotos(form).map((f) => f.name)).toEqual(['raam.jpg']);
	});

	it('a photo waits with its signal, goes with it under the same key on every resend, and leaves the phone once stored', async () => {
		const signal: WaitingSignal = {
			...item(1),
			body: { kind: 'home_repair', description: 'Het keukenraam is gebroken', channel: 'street', consentGiven: false }
		};
		expect(await keepSignalWithPhotos(signal, [photo('pixels of a broken window')])).toBe('kept');
		expect(readWaitingSignals()).toEqual([{ ...signal, photos: 1 }]);
		// Only text in localStorage: the photo itself is in IndexedDB.
		expect(localStorage.getItem(INTAKE_QUEUE)).not.toContain('pixels');

		const posts: Post[] = [];
		let lose = true;
		const fetchFn = (async (_url: string, init: RequestInit) => {
			posts.push(await readPost(init));
			if (lose) {
				lose = false;
				throw new TypeError('Failed to fetch');
			}
			return new Response(JSON.stringify({ id: 's', reference: 'ABCD-1234', replayed: true, url: '/staff/signals/s' }), { status: 200 });
		}) as typeof fetch;
		expect(await sendWaitingSignals(SARA, { fetchFn })).toMatchObject({ sent: 0, stopped: 'retry' });
		expect(await readPhotos(signal.submissionId)).toHaveLength(1);
		expect(await sendWaitingSignals(SARA, { fetchFn })).toEqual({ sent: 1, refused: 0, stopped: null });
		const sent: Post = {
			key: signal.submissionId,
			contentType: null,
			signal: signal.body,
			photos: [{ name: 'raam.jpg', type: 'image/jpeg', text: 'pixels of a broken window' }]
		};
		expect(posts).toEqual([sent, sent]);
		expect(readWaitingSignals()).toEqual([]);
		expect(await readPhotos(signal.submissionId)).toEqual([]);
	});

	it('a signal without photos still goes as JSON', async () => {
		expect(await keepSignalWithPhotos(item(2), [])).toBe('kept');
		const posts: Post[] = [];
		const fetchFn = (async (_url: string, init: RequestInit) => (posts.push(await readPost(init)), new Response('{}', { status: 201 }))) as typeof fetch;
		expect(await sendWaitingSignals(SARA, { fetchFn })).toMatchObject({ sent: 1 });
		expect(posts).toEqual([{ key: item(2).submissionId, contentType: 'application/json', signal: item(2).body, photos: [] }]);
	});

	it('a refused photo keeps the signal and its photo on the phone with the reason; wiped, both go', async () => {
		await keepSignalWithPhotos(item(3), [photo('%PDF', 'image/jpeg', 'scan.jpg')]);
		const fetchFn = (async () =>
			new Response(
				JSON.stringify({
					title: 'Kijk het formulier na',
					errors: [{ pointer: '/photos', code: 'not_an_image', detail: 'Dit bestand is geen foto, of het is kapot. Kies een andere foto.' }]
				}),
				{ status: 422, headers: { 'content-type': 'application/problem+json' } }
			)) as typeof fetch;
		expect(await sendWaitingSignals(SARA, { fetchFn })).toMatchObject({ refused: 1 });
		expect(readWaitingSignals()[0].refused?.errors).toEqual([
			{ pointer: '/photos', detail: 'Dit bestand is geen foto, of het is kapot. Kies een andere foto.' }
		]);
		expect(await readPhotos(item(3).submissionId)).toHaveLength(1);
		await wipeWaitingSignal(item(3).submissionId);
		expect(readWaitingSignals()).toEqual([]);
		expect(await readPhotos(item(3).submissionId)).toEqual([]);
	});

	it('when the phone will not keep the photos, or the signal, nothing is kept', async () => {
		(globalThis as { indexedDB?: unknown }).indexedDB = undefined;
		expect(await keepSignalWithPhotos(item(4), [photo('jpeg')])).toBe('photos_refused');
		expect(readWaitingSignals()).toEqual([]);

		(globalThis as { indexedDB?: unknown }).indexedDB = new IDBFactory();
		// localStorage is full (the MemoryStorage above takes 2000 characters): the photo kept a moment ago goes again.
		expect(await keepSignalWithPhotos({ ...item(5), body: { description: 'x'.repeat(3000) } }, [photo('jpeg')])).toBe('full');
		expect(readWaitingSignals()).toEqual([]);
		expect(await readPhotos(item(5).submissionId)).toEqual([]);
	});

	it('the phone cannot read a waiting photo now: the signal stays for later rather than going without it', async () => {
		keepSignal({ ...item(6), photos: 1 });
		(globalThis as { indexedDB?: unknown }).indexedDB = undefined;
		let posted = 0;
		const fetchFn = (async () => (posted++, new Response('{}', { status: 201 }))) as typeof fetch;
		expect(await sendSignal(readWaitingSignals()[0], { fetchFn })).toEqual({ kind: 'retry' });
		expect(posted).toBe(0);
	});

	it('photos no waiting signal holds are cleared, once they are older than a moment', async () => {
		await keepSignalWithPhotos(item(7), [photo('kept')]);
		await keepSignalWithPhotos(item(8), [photo('left behind')]);
		updateInQueue(INTAKE_QUEUE, item(8).submissionId, null); // wiped in another tab, which could not clear the photo
		await forgetLeftoverPhotos(new Date(Date.now() + 60_000));
		expect(await readPhotos(item(8).submissionId)).toHaveLength(1);
		await forgetLeftoverPhotos(new Date(Date.now() + 11 * 60_000));
		expect(await readPhotos(item(8).submissionId)).toEqual([]);
		expect(await readPhotos(item(7).submissionId)).toHaveLength(1);
		expect((await indexedDB.databases()).map((d) => d.name)).toEqual([PHOTO_DB]);
	});
});
