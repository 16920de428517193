// Residents' photos on the way into a signal. The form has two steps (the nearby check, then send), and a file input
// cannot be carried over in a page without JavaScript: so the photos are checked and stored at the first step under
// the form's one-time token, and the second step picks them up by that token. Only re-encoded images are kept.
import { authorize, type Actor } from '../access';
import { hashToken } from '../auth/tokens';
import type { Db } from '../db/database';
import { Invalid, NotFound } from '../errors';
import { readImage, type ProcessedImage } from '../files/images';
import type { FileStore } from '../files/storage';
import { loadForAction } from './handling';
import type { PhotoInput } from './intake';

export const MAX_REPORT_PHOTOS = 3;
/** A form token: 32 hex characters, so it is a safe file key and cannot be guessed. */
export const FORM_TOKEN = /^[0-9a-f]{32}$/;

const folder = (formToken: string) => {
	if (!FORM_TOKEN.test(formToken)) throw Invalid.field('formToken', 'invalid_input', 'Not a form token');
	return `intake/${formToken}`;
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
	const kept: PhotoInput[] = [];
	for (const [i, p] of photos.entries()) {
		const ext = extension(p.mediaType);
		const fileKey = `${dir}/${i + 1}.${ext}`;
		const thumbnailKey = `${dir}/${i + 1}-thumb.${ext}`;
		await store.put(fileKey, p.image, p.mediaType);
		await store.put(thumbnailKey, p.thumbnail, p.mediaType);
		kept.push({ fileKey, thumbnailKey, mediaType: p.mediaType, width: p.width, height: p.height, bytes: p.bytes, sha256: p.sha256 });
	}
	await store.put(`${dir}/photos.json`, Buffer.from(JSON.stringify(kept)), 'application/json');
	return kept;
}

/** The photos kept for this form token (none when there are none or the token is not one). */
export async function pendingPhotos(store: FileStore, formToken: string): Promise<PhotoInput[]> {
	if (!FORM_TOKEN.test(formToken)) return [];
	const manifest = await store.get(`${folder(formToken)}/photos.json`);
	if (!manifest) return [];
	const list = JSON.parse(Buffer.from(manifest).toString('utf8')) as PhotoInput[];
	return Array.isArray(list) ? list.slice(0, MAX_REPORT_PHOTOS) : [];
}

/** Forgets the photos of a form that will not become a signal (the resident joined another one, or was refused). */
export async function discardPendingPhotos(store: FileStore, formToken: string): Promise<void> {
	if (!FORM_TOKEN.test(formToken)) return;
	for (const p of await pendingPhotos(store, formToken)) {
		await store.delete(p.fileKey);
		if (p.thumbnailKey) await store.delete(p.thumbnailKey);
	}
	await store.delete(`${folder(formToken)}/photos.json`);
}

/** The manifest is the mark of a form still open; once the signal holds the photos, only the manifest goes. */
export async function closePendingPhotos(store: FileStore, formToken: string): Promise<void> {
	if (FORM_TOKEN.test(formToken)) await store.delete(`${folder(formToken)}/photos.json`);
}

/**
 * One of the photos a reporter sent, for their tracking page (trackByToken lists them; a neighbour who joined with
 * "me too" sees none: they may show the inside of someone else's home). The same answer for a wrong link and a
 * wrong photo, so neither can be probed.
 */
export async function trackingPhoto(db: Db, actor: Actor, token: string, photoId: string): Promise<{ fileKey: string; thumbnailKey: string | null; mediaType: string }> {
	authorize(actor, 'track', 'signal');
	const row = await ownPhotos(db, token).select(['a.file_key', 'a.thumbnail_key', 'a.media_type']).where('a.id', '=', photoId.slice(0, 64)).executeTakeFirst();
	if (!row) throw new NotFound('photo');
	return { fileKey: row.file_key, thumbnailKey: row.thumbnail_key, mediaType: row.media_type };
}

/** A photo of a signal, for staff who may read the signal (the policy decides through loadForAction). */
export async function staffPhoto(db: Db, actor: Actor, signalId: string, photoId: string): Promise<{ fileKey: string; thumbnailKey: string | null; mediaType: string }> {
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
		.where('r.token_hash', '=', hashToken(token))
		.where('r.is_original', '=', true)
		.where('a.is_public', '=', true);
}
