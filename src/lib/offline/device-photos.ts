// The photos of signals waiting on a worker's phone. localStorage holds text only and a few MB at most, so the photos
// go to IndexedDB as Blobs, one record per waiting item under its submission id; the item itself stays in the device
// queue (device-queue.ts) and says how many photos it has. A record goes when its item is stored or wiped; at sign-out
// the records of items that wait stay with them and every other goes (sign-out.js, which knows this database's name).

/** Named in sign-out.js too: keep the two the same. */
export const PHOTO_DB = 'leefbaar-intake-photos';
const STORE = 'photos';

export type KeptPhoto = { name: string; type: string; blob: Blob };
type PhotoRecord = { submissionId: string; savedAt: string; photos: KeptPhoto[] };

function openPhotos(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		if (typeof indexedDB === 'undefined') return reject(new Error('no IndexedDB'));
		const request = indexedDB.open(PHOTO_DB, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'submissionId' });
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
		request.onblocked = () => reject(new Error('blocked'));
	});
}

/** Runs `work` in one transaction and resolves once it is written (or rejects when the device refuses it). */
async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
	const db = await openPhotos();
	try {
		return await new Promise<T | undefined>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const request = work(tx.objectStore(STORE));
			tx.oncomplete = () => resolve(request ? request.result : undefined);
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error ?? new Error('aborted'));
		});
	} finally {
		db.close();
	}
}

/**
 * Keeps the photos of one waiting item. Their bytes are copied first: a File from the camera may point at a file the
 * phone removes later. false when the device refuses (no room, private browsing without IndexedDB): the caller tells
 * the worker and keeps nothing.
 */
export async function keepPhotos(submissionId: string, files: readonly Blob[], now = new Date()): Promise<boolean> {
	try {
		const photos: KeptPhoto[] = [];
		for (const f of files)
			photos.push({ name: 'name' in f ? String(f.name) : 'photo', type: f.type, blob: new Blob([await f.arrayBuffer()], { type: f.type }) });
		const record: PhotoRecord = { submissionId, savedAt: now.toISOString(), photos };
		await inStore('readwrite', (store) => store.put(record));
		return true;
	} catch {
		return false;
	}
}

/** The photos kept for an item: none when it has none; null when the device cannot read them now (try again later). */
export async function readPhotos(submissionId: string): Promise<KeptPhoto[] | null> {
	try {
		const record = (await inStore<PhotoRecord | undefined>('readonly', (store) => store.get(submissionId))) as PhotoRecord | undefined;
		return record?.photos ?? [];
	} catch {
		return null;
	}
}

/** Removes an item's photos (it was stored, or the worker wiped it). */
export async function forgetPhotos(submissionId: string): Promise<void> {
	await inStore('readwrite', (store) => store.delete(submissionId)).catch(() => undefined);
}

/**
 * Removes the photos no waiting item holds any more (an item wiped in another tab, a page closed between keeping the
 * photos and the item). Records younger than `graceMs` stay: their item may be about to be kept.
 */
export async function forgetPhotosExcept(waiting: ReadonlySet<string>, now = new Date(), graceMs = 10 * 60_000): Promise<void> {
	try {
		const keys = ((await inStore<IDBValidKey[]>('readonly', (store) => store.getAllKeys())) ?? []) as string[];
		const stale: string[] = [];
		for (const key of keys) {
			if (waiting.has(key)) continue;
			const record = (await inStore<PhotoRecord | undefined>('readonly', (store) => store.get(key))) as PhotoRecord | undefined;
			if (record && now.getTime() - Date.parse(record.savedAt) >= graceMs) stale.push(key);
		}
		if (stale.length > 0) await inStore('readwrite', (store) => void stale.forEach((key) => store.delete(key)));
	} catch {
		// No IndexedDB here: nothing was kept in it.
	}
}
