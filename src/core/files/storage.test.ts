// The photos of a signal are stored, read back and removed; a crafted key never reaches outside the upload directory,
// and a reader never sees half a file while another request replaces it.
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Invalid } from '../errors';
import { isValidFileKey, localFileStore, type FileStore } from './storage';

let dir: string;
let store: FileStore;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'leefbaar-uploads-'));
	store = localFileStore(join(dir, 'uploads'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

async function filesUnder(root: string): Promise<string[]> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

describe('the local file store', () => {
	it('stores a photo and its thumbnail, reads them back and removes them', async () => {
		const photo = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
		const thumb = new Uint8Array([0xff, 0xd8, 0xff, 9]);
		await store.put('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.jpg', photo, 'image/jpeg');
		await store.put('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.thumb.jpg', thumb, 'image/jpeg');

		expect(await store.get('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.jpg')).toEqual(Buffer.from(photo));
		expect(await store.get('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.thumb.jpg')).toEqual(Buffer.from(thumb));
		expect(await store.get('signals/0191d3a2-7c4e-7a00-8000-000000000001/2.jpg')).toBeNull();

		await store.delete('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.jpg');
		expect(await store.get('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.jpg')).toBeNull();
		await store.delete('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.jpg'); // already gone: no error
		expect(await store.get('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.thumb.jpg')).not.toBeNull();
	});

	it('spreads keys over two levels of directories, and a key may also be the "folder" of another, as on S3', async () => {
		const keys = Array.from({ length: 40 }, (_, i) => `signals/0191d3a2-7c4e-7a00-8000-${String(i).padStart(12, '0')}.jpg`);
		for (const key of keys) await store.put(key, new Uint8Array([1]), 'image/jpeg');
		await store.put('a/b', new Uint8Array([1]), 'application/octet-stream');
		await store.put('a/b/c', new Uint8Array([2]), 'application/octet-stream');
		expect(await store.get('a/b')).toEqual(Buffer.from([1]));
		expect(await store.get('a/b/c')).toEqual(Buffer.from([2]));

		const files = await filesUnder(join(dir, 'uploads'));
		expect(files).toHaveLength(42);
		for (const file of files) expect(file.split(sep)).toHaveLength(3);
		// Time-ordered ids that share a long prefix still land in many different directories.
		expect(new Set(files.map((f) => f.split(sep)[0])).size).toBeGreaterThan(20);
	});

	it('refuses keys that could reach outside the upload directory or are not plain names', async () => {
		await writeFile(join(dir, 'secret.txt'), 'do not read');
		const bad = [
			'../secret.txt',
			'signals/../../secret.txt',
			'..',
			'/etc/passwd',
			'C:\\Windows\\win.ini',
			'signals\\..\\x',
			'Photo.JPG',
			'signals//1.jpg',
			'signals/',
			'',
			'.tmp-x',
			'a/.hidden',
			'sig nals/1.jpg',
			'signals/1.jpg\0',
			'x'.repeat(201),
			'é.jpg'
		];
		for (const key of bad) {
			expect(isValidFileKey(key), key).toBe(false);
			await expect(store.put(key, new Uint8Array([1]), 'image/jpeg'), key).rejects.toBeInstanceOf(Invalid);
			await expect(store.get(key), key).rejects.toMatchObject({ code: 'invalid_input', issues: [{ code: 'invalid_file_key' }] });
			await expect(store.delete(key), key).rejects.toBeInstanceOf(Invalid);
		}
		expect(isValidFileKey('signals/0191d3a2-7c4e-7a00-8000-000000000001/1.thumb.jpg')).toBe(true);
		expect(await filesUnder(dir)).toEqual(['secret.txt']);
	});

	it('replaces a photo atomically: concurrent readers see the old or the new one, never half, and no temp file stays', async () => {
		const key = 'signals/0191d3a2-7c4e-7a00-8000-000000000001/1.jpg';
		const old = Buffer.alloc(512 * 1024, 0x61);
		const replacement = Buffer.alloc(768 * 1024, 0x62);
		await store.put(key, old, 'image/jpeg');

		const seen: string[] = [];
		let writing = true;
		const reader = (async () => {
			while (writing) {
				const bytes = await store.get(key);
				if (!bytes) throw new Error('the file vanished during the replacement');
				seen.push(old.equals(bytes) ? 'old' : replacement.equals(bytes) ? 'new' : 'torn');
			}
		})();
		for (let i = 0; i < 5; i++) await store.put(key, i % 2 === 0 ? replacement : old, 'image/jpeg');
		writing = false;
		await reader;

		expect(seen.length).toBeGreaterThan(0);
		expect(seen).not.toContain('torn');
		expect(replacement.equals((await store.get(key)) ?? Buffer.alloc(0))).toBe(true);
		const files = await filesUnder(join(dir, 'uploads'));
		expect(files).toHaveLength(1);
		expect(files[0].endsWith('signals~0191d3a2-7c4e-7a00-8000-000000000001~1.jpg')).toBe(true);
	});

	it('lists the keys under a prefix with when they were written, and nothing else', async () => {
		await store.put('intake-pending/aa.json', new Uint8Array([1]), 'application/json');
		await store.put('intake-pending/bb.json', new Uint8Array([2]), 'application/json');
		await store.put('intake/aa/1.jpg', new Uint8Array([3]), 'image/jpeg');
		await store.put('intake-pendingx', new Uint8Array([4]), 'image/jpeg');
		// A temp file of a write in progress is never listed.
		const [shard] = await readdir(join(dir, 'uploads'));
		const [inner] = await readdir(join(dir, 'uploads', shard));
		await writeFile(join(dir, 'uploads', shard, inner, '.tmp-intake-pending~cc.json'), 'x');
		const listed = [];
		for await (const f of store.list('intake-pending/')) listed.push(f);
		expect(listed.map((f) => f.key).sort()).toEqual(['intake-pending/aa.json', 'intake-pending/bb.json']);
		// The time of the last write, as the file system keeps it.
		const written = new Date('2026-01-05T08:00:00Z');
		const aa = (await filesUnder(join(dir, 'uploads'))).find((f) => f.endsWith('intake-pending~aa.json'))!;
		await utimes(join(dir, 'uploads', aa), written, written);
		const one = [];
		for await (const f of store.list('intake-pending/aa')) one.push(f);
		expect(one).toEqual([{ key: 'intake-pending/aa.json', modifiedAt: written }]);
		await store.delete('intake-pending/aa.json');
		const after = [];
		for await (const f of store.list('intake-pending/')) after.push(f.key);
		expect(after).toEqual(['intake-pending/bb.json']);
		// An empty store lists nothing; a crafted prefix is refused.
		const empty = [];
		for await (const f of localFileStore(join(dir, 'nothing-yet')).list('intake-pending/')) empty.push(f);
		expect(empty).toEqual([]);
		await expect(async () => {
			for await (const f of store.list('../')) void f;
		}).rejects.toMatchObject({ issues: [{ code: 'invalid_file_key' }] });
	});

	it('two servers writing the same key at once leave one whole file', async () => {
		const key = 'signals/x/1.jpg';
		const a = new Uint8Array(1024 * 1024).fill(1);
		const b = new Uint8Array(1024 * 1024).fill(2);
		await Promise.all([store.put(key, a, 'image/jpeg'), store.put(key, b, 'image/jpeg'), localFileStore(join(dir, 'uploads')).put(key, a, 'image/jpeg')]);
		const stored = await store.get(key);
		expect(stored?.length).toBe(1024 * 1024);
		expect(new Set(stored).size).toBe(1);
		expect(await filesUnder(join(dir, 'uploads'))).toHaveLength(1);
	});

	it('whatever key it is given, writes only inside its directory or refuses with invalid_file_key', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', 'b', '0', '.', '/', '\\', '-', '_', '~', ':', 'A', ' ', '%'), maxLength: 12 }), async (key) => {
				const accepted = await store.put(key, new Uint8Array([7]), 'image/jpeg').then(
					() => true,
					(error: unknown) => {
						expect(error).toMatchObject({ issues: [{ code: 'invalid_file_key' }] });
						return false;
					}
				);
				expect(accepted).toBe(isValidFileKey(key));
				if (accepted) expect(await store.get(key)).toEqual(Buffer.from([7]));
			}),
			{ numRuns: 300 }
		);
		// Nothing landed beside the upload directory.
		expect((await readdir(dir)).filter((name) => name !== 'uploads')).toEqual([]);
	});
});
