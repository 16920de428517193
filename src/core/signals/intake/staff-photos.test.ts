// Sara photographs a broken window on a house visit and registers it with the photo. Her phone may send the same
// signal twice (an answer lost on a weak network, two sends at once): the signal is stored once with its photo, and
// no copy of the photo is left behind on the server. A file that is no photo is refused with the signal, and nothing
// stays. On both databases.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeOnDatabases } from '../../db/testing';
import { Invalid } from '../../errors';
import { localFileStore, type FileStore } from '../../files/storage';
import { inTransaction } from '../../db';
import { IdempotencyKeyReused } from '../../idempotency';
import { buildPeopleWorld } from '../../people/factories';
import { ensureGeneralCategories } from '../routing/categories';
import { registerSignalWithPhotos, staffPhoto } from './photos';

const baseUrl = 'https://leefbaar.test';
const jpeg = (colour: string) =>
	sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
		.jpeg()
		.withExif({ IFD0: { Artist: 'Sara' } })
		.toBuffer();

describeOnDatabases('a worker registers a signal with photos', (ctx) => {
	let dir: string;
	let store: FileStore;
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	const signal = {
		kind: 'home_repair' as const,
		description: 'Het raam van de keuken is gebroken.',
		channel: 'house_visit' as const,
		locationKind: 'none' as const
	};
	const storedKeys = async () => {
		const keys: string[] = [];
		for await (const f of store.list('')) keys.push(f.key);
		return keys.sort();
	};
	const attachmentsOf = (signalId: string) =>
		ctx.db
			.selectFrom('signal_attachments')
			.select(['id', 'file_key', 'thumbnail_key', 'media_type', 'is_public', 'uploaded_by'])
			.where('signal_id', '=', signalId)
			.execute();
	const send = (key: string, files: Uint8Array[], description = signal.description) =>
		registerSignalWithPhotos(ctx.db, store, world.worker, { fields: { ...signal, description }, photos: files, idempotencyKey: key }, { baseUrl });

	// The worker and her organisation are only read; each test gets a file store of its own, so that what a test
	// finds in the store is what it sent itself.
	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
	});
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'leefbaar-staff-photos-'));
		store = localFileStore(dir);
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('a resend with the same key stores one signal with its photo, and leaves no second copy of the photo', async () => {
		const photo = await jpeg('#336699');
		const first = await send('photo-key-0001', [photo]);
		expect(first.replayed).toBe(false);
		const again = await send('photo-key-0001', [photo]);
		expect(again).toMatchObject({ id: first.id, replayed: true });

		const rows = await attachmentsOf(first.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ media_type: 'image/jpeg', is_public: false, uploaded_by: world.worker.id });
		// Only the signal's photo and its thumbnail: no manifest of an open form, no copy from the resend.
		expect(await storedKeys()).toEqual([rows[0].file_key, rows[0].thumbnail_key].sort());
		// Re-encoded: what the worker's phone wrote into the file (here the photographer) is gone.
		const kept = await staffPhoto(ctx.db, world.worker, first.id, rows[0].id);
		const bytes = await store.get(kept.fileKey);
		expect((await sharp(bytes!).metadata()).exif).toBeUndefined();
	});

	it('two sends of one signal at the same moment: one signal, one photo', async () => {
		const photo = await jpeg('#993366');
		const before = await storedKeys();
		const [a, b] = await Promise.all([send('photo-key-0002', [photo]), send('photo-key-0002', [photo])]);
		expect(a.id).toBe(b.id);
		expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
		const rows = await attachmentsOf(a.id);
		expect(rows).toHaveLength(1);
		expect(await storedKeys()).toEqual([...before, rows[0].file_key, rows[0].thumbnail_key!].sort());
	});

	it('the same key with another photo is refused, and the other photo is not kept', async () => {
		const first = await send('photo-key-0008', [await jpeg('#0000ff')]);
		const before = await storedKeys();
		await expect(send('photo-key-0008', [await jpeg('#ff0000')])).rejects.toThrow(IdempotencyKeyReused);
		expect(await storedKeys()).toEqual(before);
		expect(await attachmentsOf(first.id)).toHaveLength(1);
	});

	it('a file that is no photo, and a missing description, are told at once; nothing is stored', async () => {
		const before = await storedKeys();
		const refused = send('photo-key-0003', [await jpeg('#00ff00'), new TextEncoder().encode('%PDF-1.7 not a photo')], 'kort');
		await expect(refused).rejects.toThrow(Invalid);
		const issues = await refused.catch((e: Invalid) => e.issues.map((i) => [i.path, i.code]));
		expect(issues).toEqual([
			['photos', 'not_an_image'],
			['description', 'too_small']
		]);
		expect(await ctx.db.selectFrom('signals').select('id').where('idempotency_key', '=', 'photo-key-0003').execute()).toEqual([]);
		expect(await storedKeys()).toEqual(before);
	});

	it('more photos than a resident may send are refused', async () => {
		const photos = await Promise.all(['#111111', '#222222', '#333333', '#444444'].map(jpeg));
		await expect(send('photo-key-0004', photos)).rejects.toMatchObject({ issues: [{ path: 'photos', code: 'too_many_photos' }] });
	});

	it('without photos it is the signal as before', async () => {
		const plain = await send('photo-key-0005', []);
		expect(await attachmentsOf(plain.id)).toEqual([]);
	});

	it('a post whose transaction fails leaves no photo file and no row; the files are written only once it commits', async () => {
		const before = await storedKeys();
		const photo = await jpeg('#445566');
		// Sent inside a transaction that then fails: its work joins it, and its photos wait for a commit that never comes.
		await expect(
			inTransaction(ctx.db, async (tx) => {
				const stored = await registerSignalWithPhotos(
					tx,
					store,
					world.worker,
					{ fields: signal, photos: [photo], idempotencyKey: 'photo-key-0006' },
					{ baseUrl }
				);
				expect(await tx.selectFrom('signal_attachments').select('id').where('signal_id', '=', stored.id).execute()).toHaveLength(1);
				expect(await storedKeys()).toEqual(before);
				throw new Error('the outer work fails');
			})
		).rejects.toThrow('the outer work fails');
		expect(await ctx.db.selectFrom('signals').select('id').where('idempotency_key', '=', 'photo-key-0006').execute()).toEqual([]);
		expect(await storedKeys()).toEqual(before);

		// The same inside a transaction that commits: the row and both files are there once it has.
		const kept = await inTransaction(ctx.db, (tx) =>
			registerSignalWithPhotos(tx, store, world.worker, { fields: signal, photos: [photo], idempotencyKey: 'photo-key-0007' }, { baseUrl })
		);
		const rows = await attachmentsOf(kept.id);
		expect(rows).toHaveLength(1);
		expect(await storedKeys()).toEqual([...before, rows[0].file_key, rows[0].thumbnail_key!].sort());
	});
});
