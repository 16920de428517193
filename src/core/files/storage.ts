// Where uploaded files live. Core sees only FileStore, so the local directory of one server can become S3-compatible
// storage shared by several server processes without touching the modules that store photos.
import { existsSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Invalid } from '../errors';

export interface FileStore {
	/** Stores the bytes under the key, replacing what was there; readers see the old or the new file, never half. */
	put(key: string, bytes: Uint8Array, mediaType: string): Promise<void>;
	/** The bytes stored under the key, or null when there are none. */
	get(key: string): Promise<Uint8Array | null>;
	/** Removes the file; removing a missing file is not an error. */
	delete(key: string): Promise<void>;
	/**
	 * The keys that start with `prefix` (e.g. "intake-pending/") and when each was last written, in no set order; for
	 * sweeps that clear what was left behind. A file removed meanwhile may or may not be listed.
	 */
	list(prefix: string): AsyncIterable<StoredFile>;
}

export type StoredFile = { key: string; modifiedAt: Date };

const KEY = /^[a-z0-9_.-]+(\/[a-z0-9_.-]+)*$/;
const MAX_KEY_LENGTH = 200;

/**
 * True for keys every store can hold: lower-case letters, digits, `_ - .` and `/` between non-empty segments, no
 * segment starting with a dot (so no `.`, `..` or hidden files), no leading slash. The same rule makes keys safe as
 * S3 object names.
 */
export function isValidFileKey(key: string): boolean {
	return key.length <= MAX_KEY_LENGTH && KEY.test(key) && key.split('/').every((segment) => !segment.startsWith('.'));
}

export function assertValidFileKey(key: string): void {
	if (!isValidFileKey(key))
		throw Invalid.field('key', 'invalid_file_key', 'A file key may hold only a-z, 0-9, _ - . and / between names, and no name may start with a dot');
}

/**
 * Files under `dir` (the app passes `<DATA_DIR>/uploads`). Each key is one file, its slashes written as `~` (a
 * character keys cannot hold), inside two directory levels named after the SHA-256 of the key: `signals/0191…/1.jpg`
 * lands in `3f/a2/signals~0191…~1.jpg`. Keys that begin alike, such as time-ordered UUIDv7s, still spread evenly, no
 * directory grows to millions of entries, and as on S3 both `a/b` and `a/b/c` can exist. The media type is not kept:
 * callers record it next to the key in their own rows (an S3 store would also send it as Content-Type).
 */
export function localFileStore(dir: string): FileStore {
	const root = resolve(dir);

	function pathOf(key: string): string {
		assertValidFileKey(key);
		const hash = createHash('sha256').update(key).digest('hex');
		const path = join(root, hash.slice(0, 2), hash.slice(2, 4), key.replaceAll('/', '~'));
		// The key rule already keeps paths inside the root; this guards the rule.
		if (!path.startsWith(root + sep)) throw Invalid.field('key', 'invalid_file_key', 'A file key must stay inside the store');
		return path;
	}

	return {
		async put(key, bytes) {
			const path = pathOf(key);
			await mkdir(dirname(path), { recursive: true });
			// Temp names start with a dot, which no key segment may, so they can never collide with a stored file.
			const temp = join(dirname(path), `.tmp-${randomUUID()}`);
			try {
				const handle = await open(temp, 'wx');
				try {
					await handle.writeFile(bytes);
					// On disk before the rename, so a crash cannot leave an empty file under the key.
					await handle.sync();
				} finally {
					await handle.close();
				}
				await rename(temp, path);
			} catch (error) {
				await rm(temp, { force: true });
				throw error;
			}
		},

		async get(key) {
			const path = pathOf(key);
			// Most reads ask for a file that is not there (a report form without photos): a quick look first is far
			// cheaper than a failed open on the thread pool.
			if (!existsSync(path)) return null;
			try {
				return await readFile(path);
			} catch (error) {
				if (isMissing(error)) return null;
				throw error;
			}
		},

		async delete(key) {
			try {
				await unlink(pathOf(key));
			} catch (error) {
				if (!isMissing(error)) throw error;
			}
		},

		// The directories are named after hashes, so a prefix is found by reading them all: at most 256 × 256 of them
		// whatever the number of files, which a sweep once an hour can afford. An S3 store lists by prefix natively.
		async *list(prefix) {
			if (prefix !== '') assertValidFileKey(prefix.replace(/\/$/, ''));
			const wanted = prefix.replaceAll('/', '~');
			const shard = /^[0-9a-f]{2}$/;
			for (const a of (await namesIn(root)).filter((n) => shard.test(n))) {
				for (const b of (await namesIn(join(root, a))).filter((n) => shard.test(n))) {
					for (const name of await namesIn(join(root, a, b))) {
						// Temp files start with a dot; a key's file name never does.
						if (name.startsWith('.') || !name.startsWith(wanted)) continue;
						try {
							const { mtime } = await stat(join(root, a, b, name));
							yield { key: name.replaceAll('~', '/'), modifiedAt: mtime };
						} catch (error) {
							if (!isMissing(error)) throw error;
						}
					}
				}
			}
		}
	};
}

/** The names in a directory; none when it does not exist (yet, or any more). */
async function namesIn(dir: string): Promise<string[]> {
	try {
		return await readdir(dir);
	} catch (error) {
		if (isMissing(error)) return [];
		throw error;
	}
}

function isMissing(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	return code === 'ENOENT' || code === 'ENOTDIR';
}
