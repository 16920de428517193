// Residents' photos on the way into a signal. The form has two steps (the nearby check, then send), and a file input
// cannot be carried over in a page without JavaScript: so the photos are checked and stored at the first step under
// the form's one-time token, and the second step picks them up by that token. Only re-encoded images are kept.
// A manifest per open form (intake-pending/<token>.json) lists them; the photos themselves keep their keys
// (intake/<token>/<random name>.jpg) when the signal takes them. A form never sent is swept after a day (sweeps.ts).
import { createHash, randomBytes } from 'node:crypto';
import { authorize, type Actor, type StaffActor } from '../../access';
import { linkedReporterIds } from './tracking-links';
import { inTransaction, type Db } from '../../db';
import { Invalid, NotFound, type FieldIssue } from '../../errors';
import { readImage, type ProcessedImage } from '../../files';
import type { FileStore } from '../../files';
import { loadForAction } from '../handling/handling';
import { staffOnly, storeOnce, storeRegistration, type IntakeOptions, type IntakeResult, type PhotoInput, type ValidStaffIntake } from './intake';
import { MAX_REPORT_PHOTOS, staffIntakeInput } from '../model';
import { fingerprint } from '../../idempotency';
import { parseInput } from '../../validation';

export { MAX_REPORT_PHOTOS };
/** A form token: 32 hex characters, so it is a safe file key and cannot be guessed. */
export const FORM_TOKEN = /^[0-9a-f]{32}$/;

const folder = (formToken: string) => {
	if (!FORM_TOKEN.test(formToken)) throw Invalid.field('formToken', 'invalid_input', 'Not a form token');
	return `intake/${formToken}`;
};
/** Where the manifests of open forms live: listed by the sweep of forms never sent. */
export const PENDING_PREFIX = 'intake-pending/';
const manifest = (formToken: string) => {
	folder(formToken);
	return `${PENDING_PREFIX}${formToken}.json`;
};
const extension = (mediaType: string) => (mediaType === 'image/webp' ? 'webp' : 'jpg');

/** Checks and re-encodes the photos sent with a form; an issue on `photos` names what is wrong with which one. */
export async function readReportPhotos(files: readonly Uint8Array[]): Promise<ProcessedImage[]> {
	const sent = files.filter((f) => f.byteLength > 0);
	if (sent.length > MAX_REPORT_PHOTOS) throw Invalid.field('photos', 'too_many_photos', `At most ${MAX_REPORT_PHOTOS} photos`, { max: MAX_REPORT_PHOTOS });
	const out: ProcessedImage[] = [];
	// One at a time: three 12 MP decodes at once would triple the memory a cheap server needs.
	for (const bytes of sent) out.push(await readImage(bytes, { field: 'photos' }));
	return out;
}

/** Stores checked photos under the form token, replacing any kept there before, and returns what the signal records. */
export async function keepPendingPhotos(store: FileStore, formToken: string, photos: readonly ProcessedImage[]): Promise<PhotoInput[]> {
	const dir = folder(formToken);
	const before = await pendingPhotos(store, formToken);
	const kept: PhotoInput[] = [];
	for (const p of photos) {
		const ext = extension(p.mediaType);
		// A new name each time: a form sent already and then used again (the back button) must never overwrite the
		// photos its signal holds.
		const name = randomBytes(8).toString('hex');
		const fileKey = `${dir}/${name}.${ext}`;
		const thumbnailKey = `${dir}/${name}-thumb.${ext}`;
		await store.put(fileKey, p.image, p.mediaType);
		await store.put(thumbnailKey, p.thumbnail, p.mediaType);
		kept.push({ fileKey, thumbnailKey, mediaType: p.mediaType, width: p.width, height: p.height, bytes: p.bytes, sha256: p.sha256 });
	}
	await store.put(manifest(formToken), Buffer.from(JSON.stringify(kept)), 'application/json');
	// Three photos replaced by one: the two left over go.
	const now = new Set(kept.flatMap((p) => [p.fileKey, p.thumbnailKey]));
	await deleteFiles(store, before, now);
	return kept;
}

/** Removes these photos and their thumbnails, except the keys in `keep`. */
async function deleteFiles(store: FileStore, photos: readonly PhotoInput[], keep: ReadonlySet<string | null> = new Set()): Promise<void> {
	for (const p of photos) {
		if (!keep.has(p.fileKey)) await store.delete(p.fileKey);
		if (p.thumbnailKey && !keep.has(p.thumbnailKey)) await store.delete(p.thumbnailKey);
	}
}

/** The photos kept for this form token (none when there are none or the token is not one). */
export async function pendingPhotos(store: FileStore, formToken: string): Promise<PhotoInput[]> {
	if (!FORM_TOKEN.test(formToken)) return [];
	const bytes = await store.get(manifest(formToken));
	if (!bytes) return [];
	let list: unknown;
	try {
		list = JSON.parse(Buffer.from(bytes).toString('utf8'));
	} catch {
		return []; // a manifest cut short (a full disk): the photos are lost, the form still works, the sweep clears it
	}
	return Array.isArray(list) ? (list as PhotoInput[]).slice(0, MAX_REPORT_PHOTOS) : [];
}

/** Forgets the photos of a form that will not become a signal (the resident joined another one, or was refused). */
export async function discardPendingPhotos(store: FileStore, formToken: string): Promise<void> {
	if (!FORM_TOKEN.test(formToken)) return;
	await deleteFiles(store, await pendingPhotos(store, formToken));
	await store.delete(manifest(formToken));
}

/** The manifest is the mark of a form still open; once the signal holds the photos, only the manifest goes. */
export async function closePendingPhotos(store: FileStore, formToken: string): Promise<void> {
	if (FORM_TOKEN.test(formToken)) await store.delete(manifest(formToken));
}

/**
 * Forgets the photos of a form last touched before `before`: the manifest goes first (a late send then finds no
 * photos rather than missing ones), then every photo no signal holds. A photo a signal holds stays: the send that
 * stored it stopped before it could remove the manifest. Returns the number of forms cleared. Two servers sweeping
 * at once remove the same files twice, which is harmless.
 */
export async function forgetPendingPhotos(db: Db, store: FileStore, before: Date): Promise<number> {
	let forms = 0;
	for await (const entry of store.list(PENDING_PREFIX)) {
		const formToken = entry.key.slice(PENDING_PREFIX.length).replace(/\.json$/, '');
		if (!FORM_TOKEN.test(formToken) || entry.modifiedAt >= before) continue;
		const photos = await pendingPhotos(store, formToken);
		await store.delete(entry.key);
		// A photo and its thumbnail are one attachment row: the photo's key tells whether a signal holds both.
		const held =
			photos.length === 0
				? []
				: await db
						.selectFrom('signal_attachments')
						.select(['file_key', 'thumbnail_key'])
						.where(
							'file_key',
							'in',
							photos.map((p) => p.fileKey)
						)
						.execute();
		await deleteFiles(store, photos, new Set(held.flatMap((h) => [h.file_key, h.thumbnail_key])));
		forms++;
	}
	return forms;
}

/** The SHA-256 of each photo as sent, in order: with the fields, the fingerprint of a post under an Idempotency-Key. */
export function photoDigests(files: readonly Uint8Array[]): string[] {
	return files.filter((f) => f.byteLength > 0).map((f) => createHash('sha256').update(f).digest('hex'));
}

/**
 * A worker's post: the fields, the photos as sent, and its key. The API's Idempotency-Key is kept with a fingerprint
 * of the post (the same key with another body is refused); the staff page's one-time form token is not (going back
 * and sending the form again answers with the signal it stored).
 */
export type RegistrationPost = { fields: Record<string, unknown>; photos: readonly Uint8Array[]; idempotencyKey?: string; formToken?: string };

/**
 * A worker's signal with the photos they took (the intake form, sent at once or later from the phone's waiting list),
 * in one call. The photos are checked and re-encoded as a resident's are, the fields parsed once; a wrong photo and a
 * wrong field are told at once, so the worker fixes both in one go. The signal's rows and its photos' rows are written
 * in one transaction and the photo files only once it commits (onCommit): a refused or failed post leaves no file.
 * Stored once per Idempotency-Key: a resend answers with the signal stored before (`replayed`), and writes nothing;
 * the same key with other fields or other photos is refused (IdempotencyKeyReused).
 */
export async function registerSignalWithPhotos(
	db: Db,
	store: FileStore,
	actor: StaffActor | Actor,
	post: RegistrationPost,
	options: Pick<IntakeOptions, 'baseUrl' | 'now'>
): Promise<IntakeResult> {
	// Refused before a photo is decoded: reading three photos costs a second or more.
	const staff = staffOnly(actor);
	const body = { ...post.fields, idempotencyKey: undefined };
	const issues: FieldIssue[] = [];
	let images: ProcessedImage[] = [];
	try {
		images = await readReportPhotos(post.photos);
	} catch (error) {
		if (!(error instanceof Invalid)) throw error;
		issues.push(...error.issues);
	}
	let v: ValidStaffIntake | undefined;
	try {
		v = parseInput(staffIntakeInput, { ...body, idempotencyKey: post.idempotencyKey ?? post.formToken });
	} catch (error) {
		if (!(error instanceof Invalid)) throw error;
		issues.push(...error.issues);
	}
	if (issues.length > 0 || !v) throw new Invalid(issues);
	const valid = v;
	// Without photos the fingerprint is the one of a JSON post, so either form of the same signal is the same post.
	const digests = photoDigests(post.photos);
	const idempotencyFingerprint = post.idempotencyKey ? fingerprint(digests.length > 0 ? { ...body, photos: digests } : body) : undefined;
	return storeOnce(
		db,
		valid.idempotencyKey,
		idempotencyFingerprint,
		(insertFirst) =>
			inTransaction(db, (tx) => storeRegistration(tx, staff, valid, { ...options, idempotencyFingerprint, insertFirst, newPhotos: { store, images } })),
		(earlier) => earlier
	);
}

/**
 * One of the photos a reporter sent, for their tracking page (trackByToken lists them; a neighbour who joined with
 * "me too" sees none: they may show the inside of someone else's home). The same answer for a wrong link and a
 * wrong photo, so neither can be probed.
 */
export async function trackingPhoto(
	db: Db,
	actor: Actor,
	token: string,
	photoId: string
): Promise<{ fileKey: string; thumbnailKey: string | null; mediaType: string }> {
	authorize(actor, 'track', 'signal');
	const row = await ownPhotos(db, token).select(['a.file_key', 'a.thumbnail_key', 'a.media_type']).where('a.id', '=', photoId.slice(0, 64)).executeTakeFirst();
	if (!row) throw new NotFound('photo');
	return { fileKey: row.file_key, thumbnailKey: row.thumbnail_key, mediaType: row.media_type };
}

/** A photo of a signal, for staff who may read the signal (the policy decides through loadForAction). */
export async function staffPhoto(
	db: Db,
	actor: Actor,
	signalId: string,
	photoId: string
): Promise<{ fileKey: string; thumbnailKey: string | null; mediaType: string }> {
	await loadForAction(db, actor, signalId.slice(0, 64), 'read');
	const row = await db
		.selectFrom('signal_attachments')
		.select(['file_key', 'thumbnail_key', 'media_type'])
		.where('id', '=', photoId.slice(0, 64))
		.where('signal_id', '=', signalId.slice(0, 64))
		.executeTakeFirst();
	if (!row) throw new NotFound('photo');
	return { fileKey: row.file_key, thumbnailKey: row.thumbnail_key, mediaType: row.media_type };
}

function ownPhotos(db: Db, token: string) {
	return db
		.selectFrom('signal_reporters as r')
		.innerJoin('signal_attachments as a', 'a.signal_id', 'r.signal_id')
		.where('r.id', 'in', linkedReporterIds(db, token))
		.where('r.is_original', '=', true)
		.where('a.is_public', '=', true);
}
