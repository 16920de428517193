// Signals a worker registered on the intake form while the phone had no network (a house visit, the street): kept on
// the phone under one `.sets` key (kept at sign-out, like the tablet's answer sets), each with the fields as the form
// gave them and the Idempotency-Key made when it was saved, and sent to POST /api/v1/signals when the network is back.
// Photos taken with a signal wait with it in IndexedDB (device-photos.ts) and go with it as multipart/form-data.
import type { FieldIssue } from '$core/errors';
import { MAX_IMAGE_BYTES } from '$core/files/model';
import { MAX_REPORT_PHOTOS } from '$core/signals/model';
import { addToQueue, readQueue, updateInQueue, type Queued } from './device-queue';
import { forgetPhotos, forgetPhotosExcept, keepPhotos, readPhotos } from './device-photos';
import { postForm, postJson, sendQueue, type SendOutcome, type SendReport } from './sending';

export const INTAKE_QUEUE = 'leefbaar.intake.sets';
/**
 * The most photo bytes one signal may keep on the phone: below what the server takes (three photos of 15 MB), so a
 * few signals with photos cannot fill a cheap phone, and one still uploads on a mobile network.
 */
export const MAX_DEVICE_PHOTO_BYTES = 30 * 1024 * 1024;

/** The intake form's fields, as JSON: empty ones left out, the consent box a yes or no. */
export type SignalBody = Record<string, string | boolean>;
/** `photos`: how many photos wait with it in IndexedDB (none when left out). */
export type WaitingSignal = Queued & { savedAt: string; body: SignalBody; photos?: number };

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

/** The photos chosen in the form's file input (an empty input posts one empty file). */
export function chosenPhotos(form: FormData): File[] {
	return form.getAll('photos').filter((f): f is File => typeof f !== 'string' && f.size > 0);
}

/**
 * What the phone can tell about the chosen photos before keeping them, with the codes the server uses (so the message
 * is the same): too many, one too large, one that is no image by its type. Whether it really is a readable photo only
 * the server knows. null when they may be kept.
 */
export function photoIssue(files: readonly Blob[]): FieldIssue | null {
	const issue = (code: string, params?: Record<string, unknown>, messageKey?: string): FieldIssue => ({
		path: 'photos',
		code,
		message: code,
		params,
		messageKey
	});
	if (files.length > MAX_REPORT_PHOTOS) return issue('too_many_photos', { max: MAX_REPORT_PHOTOS });
	if (files.some((f) => f.size > MAX_IMAGE_BYTES)) return issue('file_too_large', { maxMb: MAX_IMAGE_BYTES / 1024 / 1024 });
	// An empty type is a file the phone could not name (some HEIC photos): the server decides.
	if (files.some((f) => f.type !== '' && !f.type.startsWith('image/'))) return issue('not_an_image');
	const total = files.reduce((sum, f) => sum + f.size, 0);
	if (total > MAX_DEVICE_PHOTO_BYTES)
		return issue('photos_too_big_for_device', { maxMb: MAX_DEVICE_PHOTO_BYTES / 1024 / 1024 }, 'signal_offline.photos_too_big_for_device');
	return null;
}

export const readWaitingSignals = (): WaitingSignal[] => readQueue<WaitingSignal>(INTAKE_QUEUE);
export const keepSignal = (item: WaitingSignal): boolean => addToQueue(INTAKE_QUEUE, item);
export const updateWaitingSignal = (submissionId: string, next: WaitingSignal | null): void => updateInQueue(INTAKE_QUEUE, submissionId, next);

/**
 * Keeps a signal and its photos on the phone: the photos first, so a signal never waits without the photos it
 * names. 'photos_refused' when the device will not keep the photos, 'full' when it will not keep the signal; either
 * way nothing is kept.
 */
export async function keepSignalWithPhotos(item: WaitingSignal, photos: readonly Blob[]): Promise<'kept' | 'photos_refused' | 'full'> {
	if (photos.length === 0) return keepSignal(item) ? 'kept' : 'full';
	if (!(await keepPhotos(item.submissionId, photos))) return 'photos_refused';
	if (keepSignal({ ...item, photos: photos.length })) return 'kept';
	await forgetPhotos(item.submissionId);
	return 'full';
}

/** Wipes a signal from the phone (stored, or the worker wipes it), then its photos. */
export async function wipeWaitingSignal(submissionId: string): Promise<void> {
	updateWaitingSignal(submissionId, null);
	await forgetPhotos(submissionId);
}

/** Clears photos that no waiting signal holds any more (a page closed half-way, a signal wiped in another tab). */
export const forgetLeftoverPhotos = (now = new Date()): Promise<void> => forgetPhotosExcept(new Set(readWaitingSignals().map((i) => i.submissionId)), now);

/** The stored signal, as the API answers. */
export type StoredSignal = { id: string; reference: string; replayed: boolean; url: string };

/** A photo takes longer on a weak network: a second more to wait for each 250 KB (2 Mbit/s). */
const uploadTime = (bytes: number) => Math.ceil(bytes / 250_000) * 1000;

export async function sendSignal(
	item: WaitingSignal,
	options: { fetchFn?: typeof fetch; onStored?: (signal: StoredSignal) => void; timeoutMs?: number } = {}
): Promise<SendOutcome> {
	const headers = { 'idempotency-key': item.submissionId };
	const onStored = (a: unknown) => options.onStored?.(a as StoredSignal);
	if (!item.photos) return postJson('/api/v1/signals', item.body, { headers, fetchFn: options.fetchFn, timeoutMs: options.timeoutMs, onStored });
	const photos = await readPhotos(item.submissionId);
	// The phone cannot read its photos now: try again later rather than send the signal without them.
	if (photos === null) return { kind: 'retry' };
	const form = new FormData();
	form.set('signal', JSON.stringify(item.body));
	for (const p of photos) form.append('photos', p.blob, p.name);
	const bytes = photos.reduce((sum, p) => sum + p.blob.size, 0);
	return postForm('/api/v1/signals', form, { headers, fetchFn: options.fetchFn, timeoutMs: (options.timeoutMs ?? 30_000) + uploadTime(bytes), onStored });
}

/** Sends the worker's signals waiting on the phone (those refused before only when `retryRefused` names them). */
export function sendWaitingSignals(
	workerId: string,
	options: { retryRefused?: readonly string[]; fetchFn?: typeof fetch; onProgress?: () => void } = {}
): Promise<SendReport> {
	return sendQueue<WaitingSignal>(INTAKE_QUEUE, workerId, (item) => sendSignal(item, options), {
		...options,
		afterStored: (item) => forgetPhotos(item.submissionId)
	});
}
