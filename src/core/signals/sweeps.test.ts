// A leak passes its deadline: whoever handles it hears of it once, in their daily digest, however often the sweep runs
// and however many server processes run it (the digest itself is told in overdue.test.ts). A year after a signal ended, the reporter's contact details are gone; the figures stay.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous } from '../access';
import { openDatabase, type Db } from '../db/database';
import { describeOnDatabases, freshDatabase, testDialects } from '../db/testing';
import { localFileStore, type FileStore } from '../files/storage';
import { buildPeopleWorld } from '../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from './routing/categories';
import { mergeSignals } from './handling/duplicates';
import { closePendingPhotos, keepPendingPhotos, pendingPhotos, readReportPhotos } from './intake/photos';
import { referSignal } from './referrals/referrals';
import { reportPlace } from './intake/report-form';
import { assignSignal, changeStatus, joinSignal, registerSignal, reportSignal, trackByToken } from '.';
import { PENDING_PHOTOS_HOURS, sweepAnonymise, sweepClassifier, sweepOverdue, sweepPendingPhotos } from './sweeps';

const baseUrl = 'https://leefbaar.test';
type Mail = { to: string; subject: string; text: string };
const mails = async (db: Db) => (await db.selectFrom('outbox').select('payload').orderBy('id').execute()).map((r) => r.payload as Mail);

async function leakWorld(db: Db) {
	const world = await buildPeopleWorld(db);
	await ensureGeneralCategories(db);
	const leak = await createCategory(db, world.coordinator, { key: 'leak', kind: 'home_repair', name: 'Lek', isActive: true });
	await setRoutingRule(db, world.coordinator, { categoryId: leak.id, organisationId: world.shm.id, deadlineDays: 2 });
	return { world, leak };
}

describeOnDatabases(
	'sweeps of the signals module',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let leakId: string;
		const received = new Date('2026-11-02T09:00:00Z'); // a Monday; deadline two working days later
		const late = new Date('2026-11-06T12:00:00Z');

		// Each test gets its own database with the housing company's leak category, as the sweeps change what they find.
		beforeEach(async () => {
			({
				world,
				leak: { id: leakId }
			} = await leakWorld(ctx.db));
		});

		const reportLeak = async () =>
			(
				await reportSignal(
					ctx.db,
					anonymous,
					{ kind: 'home_repair', categoryId: leakId, description: 'Lek in de keuken', estateId: world.estate.id },
					{ baseUrl, now: received }
				)
			).id;

		it('an open signal past its deadline warns the housing company once per deadline', async () => {
			const signalId = await reportLeak();
			expect(await sweepOverdue(ctx.db, { baseUrl, now: new Date('2026-11-03T12:00:00Z') })).toBe(0);
			expect(await sweepOverdue(ctx.db, { baseUrl, now: late })).toBe(1);
			expect(await sweepOverdue(ctx.db, { baseUrl, now: new Date(late.getTime() + 3_600_000) })).toBe(0);
			const warnings = (await mails(ctx.db)).filter((m) => m.subject.includes('over tijd'));
			expect(warnings.map((m) => m.to)).toEqual([world.landlord.email]);
			expect(warnings[0].text).toContain(`${baseUrl}/staff/signals/${signalId}`);
		});

		it('a new deadline warns again, the assignee this time; a resolved signal never', async () => {
			// Past its first deadline the housing company was warned.
			const signalId = await reportLeak();
			expect(await sweepOverdue(ctx.db, { baseUrl, now: late })).toBe(1);
			await assignSignal(ctx.db, world.landlord, signalId, world.landlord.id, { baseUrl });
			const colleague = world.landlord; // the only staff member of the housing company is the assignee here
			const newDeadline = '2026-11-10T16:00:00.000Z';
			await ctx.db.updateTable('signals').set({ deadline_at: newDeadline }).where('id', '=', signalId).execute();
			expect(await sweepOverdue(ctx.db, { baseUrl, now: new Date('2026-11-09T12:00:00Z') })).toBe(0);
			expect(await sweepOverdue(ctx.db, { baseUrl, now: new Date('2026-11-11T12:00:00Z') })).toBe(1);
			const notices = await ctx.db
				.selectFrom('overdue_notices')
				.select('deadline_at')
				.where('signal_id', '=', signalId)
				.where('kind', '=', 'overdue')
				.execute();
			expect(notices).toHaveLength(2);
			expect((await mails(ctx.db)).filter((m) => m.subject.includes('over tijd')).map((m) => m.to)).toEqual([colleague.email, colleague.email]);
			await changeStatus(ctx.db, world.landlord, signalId, { status: 'resolved' }, { baseUrl });
			await ctx.db.updateTable('signals').set({ deadline_at: '2026-11-12T16:00:00.000Z' }).where('id', '=', signalId).execute();
			expect(await sweepOverdue(ctx.db, { baseUrl, now: new Date('2026-11-20T12:00:00Z') })).toBe(0);
		});

		it('a referral left unanswered past its deadline reminds the receiver once', async () => {
			const lamp = await registerSignal(
				ctx.db,
				world.worker,
				{ kind: 'common_spaces', description: 'Lamp in de gang stuk', estateId: world.estate.id, channel: 'street' },
				{ baseUrl }
			);
			await ctx.db.updateTable('signals').set({ organisation_id: world.institute.id }).where('id', '=', lamp.id).execute();
			await referSignal(
				ctx.db,
				world.worker,
				lamp.id,
				{ toOrganisationId: world.shm.id, note: 'Lamp vervangen', deadlineDays: 1 },
				{ baseUrl, now: new Date('2030-01-07T09:00:00Z') }
			);
			const later = new Date('2030-01-10T09:00:00Z');
			const first = await sweepOverdue(ctx.db, { baseUrl, now: later });
			expect(first).toBe(1);
			expect(await sweepOverdue(ctx.db, { baseUrl, now: later })).toBe(0);
			const reminder = (await mails(ctx.db)).filter((m) => m.subject.startsWith('Doorverwijzing wacht'));
			expect(reminder.map((m) => m.to)).toEqual([world.landlord.email]);
		});

		it('a year after a signal ended, its reporters are anonymised; open ones and the counts stay', async () => {
			const old = await reportSignal(
				ctx.db,
				anonymous,
				{
					kind: 'home_repair',
					categoryId: leakId,
					description: 'Oud lek',
					estateId: world.estate.id,
					name: 'Jan',
					email: 'jan@example.be',
					phone: '0470 11 22 33'
				},
				{ baseUrl }
			);
			const open = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'home_repair', categoryId: leakId, description: 'Nog open lek', estateId: world.estate.id, email: 'open@example.be' },
				{ baseUrl }
			);
			const recent = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'home_repair', categoryId: leakId, description: 'Pas opgelost', estateId: world.estate.id, email: 'recent@example.be' },
				{ baseUrl }
			);
			const now = new Date();
			const longAgo = new Date(now.getTime() - 400 * 86_400_000).toISOString();
			await ctx.db.updateTable('signals').set({ status: 'closed', closed_at: longAgo }).where('id', '=', old.id).execute();
			await ctx.db
				.updateTable('signals')
				.set({ status: 'resolved', resolved_at: new Date(now.getTime() - 10 * 86_400_000).toISOString() })
				.where('id', '=', recent.id)
				.execute();
			const count = async () =>
				Number(
					(
						await ctx.db
							.selectFrom('signals')
							.select((eb) => eb.fn.countAll<number>().as('n'))
							.where('id', 'in', [old.id, open.id, recent.id])
							.executeTakeFirstOrThrow()
					).n
				);
			const before = await count();

			expect(await sweepAnonymise(ctx.db, { days: 365, now })).toBe(1);
			expect(await sweepAnonymise(ctx.db, { days: 365, now })).toBe(0);
			const reporters = await ctx.db
				.selectFrom('signal_reporters')
				.select(['signal_id', 'name', 'email', 'phone', 'anonymised_at'])
				.where('signal_id', 'in', [old.id, open.id, recent.id])
				.execute();
			const by = (id: string) => reporters.find((r) => r.signal_id === id)!;
			expect(by(old.id)).toMatchObject({ name: null, email: null, phone: null });
			expect(by(old.id).anonymised_at).not.toBeNull();
			expect(by(open.id).email).toBe('open@example.be');
			expect(by(recent.id).email).toBe('recent@example.be');
			expect(before).toBe(3);
			expect(await count()).toBe(before);
			// With a shorter retention the recently resolved one goes too.
			expect(await sweepAnonymise(ctx.db, { days: 7, now })).toBe(1);
		});

		it('a neighbour who said "me too" loses their contact details with the reporter; their words stay, as the description does', async () => {
			const now = new Date();
			const reported = new Date(now.getTime() - 420 * 86_400_000);
			const place = await reportPlace(ctx.db, anonymous, world.estate.slug);
			const lift = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'common_spaces', description: 'De lift staat stil', estateId: world.estate.id, email: 'eerste@example.be' },
				{ baseUrl, now: reported }
			);
			const joined = await joinSignal(
				ctx.db,
				anonymous,
				{ signalId: lift.id, place, report: { kind: 'common_spaces', estateId: world.estate.id } },
				{ description: 'Bij ons ook, op de vijfde', email: 'buur@example.be', phone: '0470 44 55 66' },
				{ baseUrl, now: reported }
			);
			// A second report of the same lift, merged into the first: it never ends itself, it ends with the one it joined.
			const second = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'common_spaces', description: 'Lift kapot', estateId: world.estate.id, email: 'tweede@example.be' },
				{ baseUrl, now: reported }
			);
			await mergeSignals(ctx.db, world.coordinator, { keepId: lift.id, mergeId: second.id }, { now: reported });
			await ctx.db
				.updateTable('signals')
				.set({ status: 'closed', closed_at: new Date(now.getTime() - 400 * 86_400_000).toISOString() })
				.where('id', '=', lift.id)
				.execute();

			expect(await sweepAnonymise(ctx.db, { days: 365, now })).toBe(3);
			const rows = await ctx.db
				.selectFrom('signal_reporters')
				.select(['signal_id', 'is_original', 'email', 'phone', 'description', 'anonymised_at'])
				.where('signal_id', 'in', [lift.id, second.id])
				.execute();
			const who = (r: (typeof rows)[number]) => (r.signal_id === second.id ? 'merged reporter' : r.is_original ? 'reporter' : 'me too');
			expect(rows.map((r) => [who(r), r.email, r.phone, r.anonymised_at !== null]).sort()).toEqual([
				['me too', null, null, true],
				['merged reporter', null, null, true],
				['reporter', null, null, true]
			]);
			expect(rows.find((r) => !r.is_original)?.description).toBe('Bij ons ook, op de vijfde');
			// The link keeps working, and shows the signal's summary and their words, nothing to reach them by.
			const view = await trackByToken(ctx.db, anonymous, joined.trackingToken);
			expect(view).toMatchObject({ follower: 'joined', status: 'closed', ownWords: 'Bij ons ook, op de vijfde' });
		});

		it('the classifier sweep trains nothing without categorised examples', async () => {
			expect(await sweepClassifier(ctx.db)).toBe(0);
		});
	},
	{ each: true }
);

// Two tenants report the same leak and the housing company merges the second into the first; a third leak turns out
// to be the tenant's own job and is refused. Past the deadline only the leak still being handled raises a warning:
// a merged signal is followed through the one it joined, and an ended one needs nobody any more.
describeOnDatabases(
	'the overdue sweep leaves merged and ended signals alone',
	(ctx) => {
		it('warns for the kept signal only, not the merged, refused, not-our-task or closed ones', async () => {
			const { world, leak } = await leakWorld(ctx.db);
			const received = new Date('2026-11-02T09:00:00Z');
			const report = async (description: string) =>
				(
					await reportSignal(
						ctx.db,
						anonymous,
						{ kind: 'home_repair', categoryId: leak.id, description, estateId: world.estate.id },
						{ baseUrl, now: received }
					)
				).id;
			const kept = await report('Lek boven het aanrecht');
			const merged = await report('Water loopt langs de muur in de keuken');
			const refused = await report('Kraan van de wasmachine lekt');
			const elsewhere = await report('Lek bij de buren, niet bij ons');
			const closed = await report('Druppel in de badkamer');
			await mergeSignals(ctx.db, world.landlord, { keepId: kept, mergeId: merged });
			await changeStatus(ctx.db, world.landlord, refused, { status: 'rejected', reason: 'Onderhoud door de huurder' }, { baseUrl });
			await changeStatus(ctx.db, world.landlord, elsewhere, { status: 'not_our_task', reason: 'Andere verhuurder' }, { baseUrl });
			await changeStatus(ctx.db, world.landlord, closed, { status: 'resolved' }, { baseUrl });
			await changeStatus(ctx.db, world.landlord, closed, { status: 'closed' }, { baseUrl });
			// Every one of them has the same deadline, long gone.
			const rows = await ctx.db
				.selectFrom('signals')
				.select(['id', 'deadline_at', 'merged_into_id'])
				.where('id', 'in', [kept, merged, refused, elsewhere, closed])
				.execute();
			expect(new Set(rows.map((r) => r.deadline_at)).size).toBe(1);
			expect(rows.find((r) => r.id === merged)?.merged_into_id).toBe(kept);

			expect(await sweepOverdue(ctx.db, { baseUrl, now: new Date('2026-11-20T09:00:00Z') })).toBe(1);
			const noted = await ctx.db
				.selectFrom('overdue_notices')
				.select('signal_id')
				.where('kind', '=', 'overdue')
				.where('signal_id', 'in', [kept, merged, refused, elsewhere, closed])
				.execute();
			expect(noted.map((r) => r.signal_id)).toEqual([kept]);
		});

		it('reminds no one of a referral whose signal was merged or has ended', async () => {
			const world = await buildPeopleWorld(ctx.db);
			const lamp = async (description: string) => {
				const s = await registerSignal(ctx.db, world.worker, { kind: 'common_spaces', description, estateId: world.estate.id, channel: 'street' }, { baseUrl });
				await ctx.db.updateTable('signals').set({ organisation_id: world.institute.id }).where('id', '=', s.id).execute();
				return s.id;
			};
			const kept = await lamp('Lamp in de gang stuk');
			const merged = await lamp('Het is donker in de gang');
			const ended = await lamp('Lamp bij de fietsenstalling');
			const waiting = await lamp('Lamp in de kelder stuk');
			const referredAt = { baseUrl, now: new Date('2030-01-07T09:00:00Z') };
			for (const id of [merged, ended, waiting])
				await referSignal(ctx.db, world.worker, id, { toOrganisationId: world.shm.id, note: 'Lamp vervangen', deadlineDays: 1 }, referredAt);
			await mergeSignals(ctx.db, world.worker, { keepId: kept, mergeId: merged });
			await changeStatus(ctx.db, world.worker, ended, { status: 'rejected', reason: 'Al vervangen' }, { baseUrl });

			expect(await sweepOverdue(ctx.db, { baseUrl, now: new Date('2030-01-10T09:00:00Z') })).toBe(1);
			const reminded = await ctx.db
				.selectFrom('signal_reminders')
				.select(['signal_id', 'kind'])
				.where('kind', 'like', 'referral-overdue:%')
				.where('signal_id', 'in', [kept, merged, ended, waiting])
				.execute();
			expect(reminded.map((r) => r.signal_id)).toEqual([waiting]);
		});
	},
	{ each: true }
);

// Yasmina photographs the damp in her bedroom, goes through step 1 of the form and then her bus comes: she never
// sends it. A day later her photos are gone from the server. Fatima's photos, sent with her report, stay, and so do
// those of a report whose sending stopped halfway (the signal holds them, only the note of the open form was left).
describeOnDatabases('the sweep of photos of report forms never sent', (ctx) => {
	let dir: string;
	let store: FileStore;
	const photo = async (colour: string) =>
		(
			await readReportPhotos([
				await sharp({ create: { width: 40, height: 30, channels: 3, background: colour } })
					.jpeg()
					.toBuffer()
			])
		)[0];
	const token = (n: number) => n.toString(16).padStart(32, 'a');
	const files = async (keys: Array<string | null>) => Promise.all(keys.map(async (k) => (k ? (await store.get(k)) !== null : null)));
	const later = (hours: number) => new Date(Date.now() + hours * 3_600_000);

	// Each test keeps its photos in a folder of its own: what a sweep leaves behind is then only that test's.
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'leefbaar-pending-'));
		store = localFileStore(dir);
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('removes the photos of a form left for a day, not sooner, and keeps those a signal holds', async () => {
		const world = await buildPeopleWorld(ctx.db);
		const left = await keepPendingPhotos(store, token(1), [await photo('#336699'), await photo('#993366')]);
		const sent = await keepPendingPhotos(store, token(2), [await photo('#669933')]);
		await reportSignal(ctx.db, anonymous, { kind: 'home_repair', description: 'Vocht in de slaapkamer', estateId: world.estate.id }, { baseUrl, photos: sent });
		await closePendingPhotos(store, token(2));
		const halfway = await keepPendingPhotos(store, token(3), [await photo('#999933')]);
		await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'home_repair', description: 'Schimmel in de badkamer', estateId: world.estate.id },
			{ baseUrl, photos: halfway }
		);
		const allKeys = (ps: typeof left) => ps.flatMap((p) => [p.fileKey, p.thumbnailKey]);

		// Within the day nothing goes: she may still come back and send it.
		expect(await sweepPendingPhotos(ctx.db, store, { now: later(PENDING_PHOTOS_HOURS - 1) })).toBe(0);
		expect(await pendingPhotos(store, token(1))).toHaveLength(2);

		expect(await sweepPendingPhotos(ctx.db, store, { now: later(PENDING_PHOTOS_HOURS + 1) })).toBe(2);
		expect(await files(allKeys(left))).toEqual([false, false, false, false]);
		expect(await pendingPhotos(store, token(1))).toEqual([]);
		expect(await files(allKeys(sent))).toEqual([true, true]);
		expect(await files(allKeys(halfway))).toEqual([true, true]);
		expect(await pendingPhotos(store, token(3))).toEqual([]);
		// Nothing left to do the next time.
		expect(await sweepPendingPhotos(ctx.db, store, { now: later(PENDING_PHOTOS_HOURS + 2) })).toBe(0);
	});

	it('two servers sweeping at the same moment clear a form once, without an error', async () => {
		const world = await buildPeopleWorld(ctx.db);
		const sent = await keepPendingPhotos(store, token(7), [await photo('#fedcba')]);
		await reportSignal(ctx.db, anonymous, { kind: 'home_repair', description: 'Vocht in de gang', estateId: world.estate.id }, { baseUrl, photos: sent });
		await closePendingPhotos(store, token(7));
		const kept = await keepPendingPhotos(store, token(4), [await photo('#123456'), await photo('#654321'), await photo('#abcdef')]);
		const other = localFileStore(dir);
		const now = later(PENDING_PHOTOS_HOURS * 2);
		const counts = await Promise.all([sweepPendingPhotos(ctx.db, store, { now }), sweepPendingPhotos(ctx.db, other, { now })]);
		expect(counts.every((n) => n <= 1)).toBe(true);
		expect(await files(kept.flatMap((p) => [p.fileKey, p.thumbnailKey]))).toEqual([false, false, false, false, false, false]);
		const listed = [];
		for await (const f of store.list('intake')) listed.push(f.key);
		// Only the photo the signal holds is left.
		expect(listed.sort()).toEqual([sent[0].fileKey, sent[0].thumbnailKey].sort());
	});

	it('new photos chosen in step 1 replace the kept ones: the ones no longer needed go at once', async () => {
		const three = await keepPendingPhotos(store, token(5), [await photo('#111111'), await photo('#222222'), await photo('#333333')]);
		const one = await keepPendingPhotos(store, token(5), [await photo('#444444')]);
		expect(three.map((p) => p.fileKey)).not.toContain(one[0].fileKey);
		expect(await files(three.flatMap((p) => [p.fileKey, p.thumbnailKey]))).toEqual([false, false, false, false, false, false]);
		expect(await files([one[0].fileKey, one[0].thumbnailKey])).toEqual([true, true]);
		expect(await pendingPhotos(store, token(5))).toEqual(one);
	});

	it('a form sent already and used again (the back button) never overwrites the photos its signal holds', async () => {
		const world = await buildPeopleWorld(ctx.db);
		const sent = await keepPendingPhotos(store, token(6), [await photo('#0000ff')]);
		await reportSignal(ctx.db, anonymous, { kind: 'home_repair', description: 'Het raam sluit niet', estateId: world.estate.id }, { baseUrl, photos: sent });
		await closePendingPhotos(store, token(6));
		const before = await store.get(sent[0].fileKey);
		const again = await keepPendingPhotos(store, token(6), [await photo('#ff0000')]);
		expect(again[0].fileKey).not.toBe(sent[0].fileKey);
		expect(await store.get(sent[0].fileKey)).toEqual(before);
	});
});

// Two server processes are two connection pools on one PostgreSQL database; SQLite has a single writer.
describe.runIf(testDialects().includes('postgres'))('the overdue sweep with several server processes [postgres]', () => {
	let first: Awaited<ReturnType<typeof freshDatabase>>;
	let second: Db;
	beforeAll(async () => {
		first = await freshDatabase('postgres');
		second = openDatabase({ url: first.url, sqlitePath: '', poolSize: 4 });
	});
	afterAll(async () => {
		await second?.destroy();
		await first?.dispose();
	});

	it('sweeps running at the same moment in two processes note each signal once and send one digest', async () => {
		const { world, leak } = await leakWorld(first.db);
		for (let i = 0; i < 20; i++) {
			await reportSignal(
				first.db,
				anonymous,
				{ kind: 'home_repair', categoryId: leak.id, description: `Lek nummer ${i} in de kelder`, estateId: world.estate.id },
				{ baseUrl, now: new Date('2026-11-02T09:00:00Z') }
			);
		}
		const now = new Date('2026-11-20T09:00:00Z');
		const results = await Promise.all([
			sweepOverdue(first.db, { baseUrl, now }),
			sweepOverdue(second, { baseUrl, now }),
			sweepOverdue(first.db, { baseUrl, now }),
			sweepOverdue(second, { baseUrl, now })
		]);
		expect(results.reduce((a, b) => a + b, 0)).toBe(1);
		const warnings = (await mails(first.db)).filter((m) => m.subject.includes('over tijd'));
		expect(warnings.map((m) => [m.to, m.subject])).toEqual([[world.landlord.email, '20 meldingen over tijd']]);
		expect(warnings[0].text.match(/\/staff\/signals\//g)).toHaveLength(20);
		expect(
			Number(
				(
					await first.db
						.selectFrom('overdue_notices')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('kind', '=', 'overdue')
						.executeTakeFirstOrThrow()
				).n
			)
		).toBe(20);
	});
});
