// Yasmina reports that the lift of block B stands still; the housing company's technical team handles lifts. She
// answers back from her tracking page — a message with a photo of the display — and the team reads it on the timeline,
// marked as hers, and gets a mail; once Pieter has it on his name, only he does. Omar, who said "me too", writes as
// himself: neither reads the other's words. Empty or too long messages, a file that is no image, a link that never
// was and a client that posts too often store nothing. When the housing company says it is solved and it is not,
// "this is not solved" on her page reopens it with her reason, as the "is it solved?" answer does. Staff are told
// before they write whether a message to the reporter goes by mail, only to the tracking page, or nowhere.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { anonymous } from '../../access';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { describeOnDatabases } from '../../db/testing';
import { Conflict, Invalid, NotFound } from '../../errors';
import { localFileStore, type FileStore } from '../../files/storage';
import { buildPeopleWorld, buildStaff } from '../../people/factories';
import type { StaffActor } from '../../access';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { mergeSignals } from './duplicates';
import { reportPlace } from '../intake/report-form';
import { assignSignal, changeStatus, getSignal, joinSignal, postReply, registerSignal, reportSignal, sayNotSolved, trackByToken } from '..';

const baseUrl = 'https://leefbaar.test';
type Mail = { to: string; subject: string; text: string };
const mailsSince = async (db: Db, before: number) =>
	(await db.selectFrom('outbox').select('payload').orderBy('id').execute()).slice(before).map((r) => r.payload as Mail);
const outboxSize = async (db: Db) =>
	Number(
		(
			await db
				.selectFrom('outbox')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

const HERS = 'De lift staat nog altijd stil. Op het scherm staat "E7". Mijn moeder zit al drie dagen binnen.';
const HIS = 'Bij ons op de vierde hoor je de lift piepen als je op de knop drukt.';
const NOT_SOLVED = 'De technieker is geweest, maar vanochtend stond de lift weer stil tussen twee verdiepingen.';

describeOnDatabases(
	'the resident answers back from the tracking page',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let dir: string;
		let files: FileStore;
		let tom: StaffActor;
		let lift: { id: string; reference: string; trackingToken: string };
		let omarToken = '';
		const now = new Date('2026-12-10T10:00:00Z');
		let clients = 0;
		/** Each call its own client, so the rate limit (tested on its own) does not get in the way. */
		const options = (extra: { limitPerHour?: number; clientKey?: string } = {}) => ({
			baseUrl,
			now,
			clientKey: extra.clientKey ?? `intake:test-${++clients}`,
			limitPerHour: extra.limitPerHour ?? 20
		});
		const jpeg = () =>
			sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } })
				.jpeg()
				.toBuffer();
		const replyEvents = async (signalId: string) => (await getSignal(ctx.db, world.landlord, signalId)).timeline.filter((e) => e.kind === 'reply');
		const storedFiles = async () => {
			const keys: string[] = [];
			for await (const entry of files.list('replies/')) keys.push(entry.key);
			return keys;
		};

		// Each test gets its own database and folder with Yasmina's lift report and Omar's "me too", as the tests answer,
		// assign and resolve it.
		beforeEach(async () => {
			dir = await mkdtemp(join(tmpdir(), 'leefbaar-replies-'));
			files = localFileStore(dir);
			world = await buildPeopleWorld(ctx.db);
			await ensureGeneralCategories(ctx.db);
			const teamId = newId();
			await ctx.db.insertInto('teams').values({ id: teamId, organisation_id: world.shm.id, name: 'Techniek', created_at: now.toISOString() }).execute();
			tom = await buildStaff(ctx.db, 'partner_staff', world.shm, 'Tom Techniek');
			await ctx.db.insertInto('team_members').values({ team_id: teamId, user_id: tom.id }).execute();
			const category = await createCategory(ctx.db, world.coordinator, { key: 'lift', kind: 'common_spaces', name: 'Lift', isActive: true });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: category.id, organisationId: world.shm.id, teamId, deadlineDays: 5 });
			const report = await reportSignal(
				ctx.db,
				anonymous,
				{
					kind: 'common_spaces',
					categoryId: category.id,
					description: 'De lift van blok B staat stil',
					estateId: world.estate.id,
					email: 'yasmina@example.be',
					language: 'nl'
				},
				{ baseUrl, now }
			);
			lift = { id: report.id, reference: report.reference, trackingToken: report.trackingToken! };
			const place = await reportPlace(ctx.db, anonymous, world.estate.slug);
			const joined = await joinSignal(
				ctx.db,
				anonymous,
				{ signalId: lift.id, place, report: { kind: 'common_spaces', estateId: world.estate.id } },
				{ description: 'Ook bij ons', email: 'omar@example.be', language: 'nl' },
				{ baseUrl, now }
			);
			omarToken = joined.trackingToken;
		});
		afterEach(async () => {
			await rm(dir, { recursive: true, force: true });
		});

		const onPietersName = () => assignSignal(ctx.db, world.landlord, lift.id, world.landlord.id, { baseUrl, now });
		const resolvedByPieter = async () => {
			await onPietersName();
			await changeStatus(ctx.db, world.landlord, lift.id, { status: 'accepted' }, { baseUrl, now });
			await changeStatus(ctx.db, world.landlord, lift.id, { status: 'resolved', message: 'De lift is hersteld.' }, { baseUrl, now });
		};

		it('her message and photo land on the timeline as her reply, and the team that handles lifts gets a mail', async () => {
			const before = await outboxSize(ctx.db);
			const answer = await postReply(ctx.db, files, anonymous, lift.trackingToken, { body: HERS, photo: await jpeg() }, options());
			expect(answer).toEqual({ limited: false, reopened: false });

			const [reply] = await replyEvents(lift.id);
			expect(reply).toMatchObject({ kind: 'reply', body: HERS, actorLabel: 'reporter', visibility: 'reporter', data: { joined: false } });
			const attachmentId = (reply.data as { attachmentId: string }).attachmentId;
			const staff = await getSignal(ctx.db, world.landlord, lift.id);
			expect(staff.attachments.map((a) => a.id)).toContain(attachmentId);
			expect(await storedFiles()).toHaveLength(2); // the re-encoded photo and its thumbnail

			// Nobody has it on their name: the team's member hears of it, with her words and a link to the signal.
			const mails = await mailsSince(ctx.db, before);
			expect(mails.map((m) => m.to)).toEqual([tom.email]);
			expect(mails[0].subject).toContain(lift.reference);
			expect(mails[0].text).toContain(HERS);
			expect(mails[0].text).toContain(`${baseUrl}/staff/signals/${lift.id}`);

			// Her page shows what she wrote, and her photo among hers.
			const page = await trackByToken(ctx.db, anonymous, lift.trackingToken);
			expect(page.events.filter((e) => e.kind === 'reply')).toEqual([expect.objectContaining({ body: HERS, notSolved: false, withPhoto: true })]);
			expect(page.photoIds).toContain(attachmentId);
			expect(page.canReply).toBe(true);
			expect(page.canSayNotSolved).toBe(false);
			const audit = await ctx.db
				.selectFrom('audit_log')
				.select(['action', 'actor_label'])
				.where('resource_id', '=', lift.id)
				.where('action', '=', 'signal_reply')
				.execute();
			expect(audit).toEqual([{ action: 'signal_reply', actor_label: 'system:tracking' }]);
		});

		it('once Pieter has it on his name, only he is mailed', async () => {
			await onPietersName();
			const before = await outboxSize(ctx.db);
			await postReply(ctx.db, files, anonymous, lift.trackingToken, { body: 'Vandaag werkt hij even, nu weer niet.' }, options());
			expect((await mailsSince(ctx.db, before)).map((m) => m.to)).toEqual([world.landlord.email]);
		});

		it('Omar, who said "me too", writes as himself: neither reads what the other wrote', async () => {
			await postReply(ctx.db, files, anonymous, lift.trackingToken, { body: HERS, photo: await jpeg() }, options());
			await postReply(ctx.db, files, anonymous, omarToken, { body: HIS, photo: await jpeg() }, options());
			const his = (await replyEvents(lift.id)).find((e) => e.body === HIS)!;
			expect(his.data).toMatchObject({ joined: true });
			// Staff see whose it is; his photo is not among the ones Yasmina's page shows.
			const omarPage = await trackByToken(ctx.db, anonymous, omarToken);
			expect(omarPage.follower).toBe('joined');
			expect(omarPage.events.filter((e) => e.kind === 'reply').map((e) => e.body)).toEqual([HIS]);
			expect(JSON.stringify(omarPage)).not.toContain('E7');
			const herPage = await trackByToken(ctx.db, anonymous, lift.trackingToken);
			expect(JSON.stringify(herPage)).not.toContain('piepen');
			expect(herPage.photoIds).not.toContain((his.data as { attachmentId: string }).attachmentId);
			expect(omarPage.photoIds).toEqual([]);
		});

		it('an empty or too long message, a file that is no image, and a link that never was store nothing', async () => {
			const events = (await replyEvents(lift.id)).length;
			const photos = (await storedFiles()).length;
			const before = await outboxSize(ctx.db);
			await expect(postReply(ctx.db, files, anonymous, lift.trackingToken, { body: '   ' }, options())).rejects.toMatchObject({
				issues: [{ path: 'body', code: 'required' }]
			});
			await expect(postReply(ctx.db, files, anonymous, lift.trackingToken, { body: 'x'.repeat(2001) }, options())).rejects.toMatchObject({
				issues: [{ path: 'body', code: 'too_big' }]
			});
			await expect(
				postReply(
					ctx.db,
					files,
					anonymous,
					lift.trackingToken,
					{ body: 'Hier is een foto', photo: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>') },
					options()
				)
			).rejects.toMatchObject({ issues: [{ path: 'photo' }] });
			await expect(postReply(ctx.db, files, anonymous, `${lift.trackingToken}x`, { body: 'Ik ben het, echt waar' }, options())).rejects.toThrow(NotFound);
			await expect(sayNotSolved(ctx.db, anonymous, 'geraden-link-0123456789', { reason: 'Niet opgelost' }, options())).rejects.toThrow(NotFound);
			expect((await replyEvents(lift.id)).length).toBe(events);
			expect((await storedFiles()).length).toBe(photos);
			expect(await outboxSize(ctx.db)).toBe(before);
		});

		it('a client that posts too often is asked to wait, and nothing of the refused post is kept', async () => {
			const clientKey = 'intake:test-busy';
			for (let i = 0; i < 2; i++)
				expect((await postReply(ctx.db, files, anonymous, lift.trackingToken, { body: `Bericht ${i}` }, options({ clientKey, limitPerHour: 2 }))).limited).toBe(
					false
				);
			const refused = await postReply(ctx.db, files, anonymous, lift.trackingToken, { body: 'Nog eentje' }, options({ clientKey, limitPerHour: 2 }));
			expect(refused).toMatchObject({ limited: true });
			expect((await replyEvents(lift.id)).some((e) => e.body === 'Nog eentje')).toBe(false);
		});

		it('"this is not solved" is refused while the signal is not resolved, and needs a reason', async () => {
			await expect(sayNotSolved(ctx.db, anonymous, lift.trackingToken, { reason: NOT_SOLVED }, options())).rejects.toThrow(Conflict);
			await changeStatus(ctx.db, world.landlord, lift.id, { status: 'accepted' }, { baseUrl, now });
			await changeStatus(ctx.db, world.landlord, lift.id, { status: 'resolved', message: 'De lift is hersteld.' }, { baseUrl, now });
			expect((await trackByToken(ctx.db, anonymous, lift.trackingToken)).canSayNotSolved).toBe(true);
			await expect(sayNotSolved(ctx.db, anonymous, lift.trackingToken, { reason: ' ' }, options())).rejects.toThrow(Invalid);
			expect((await getSignal(ctx.db, world.landlord, lift.id)).signal.status).toBe('resolved');
		});

		it('on a resolution that is not right, her reason reopens the signal and reaches who handles it, as the "is it solved?" answer does', async () => {
			await resolvedByPieter();
			const before = await outboxSize(ctx.db);
			const answer = await sayNotSolved(ctx.db, anonymous, lift.trackingToken, { reason: NOT_SOLVED }, options());
			expect(answer).toEqual({ limited: false, reopened: true });
			const view = await getSignal(ctx.db, world.landlord, lift.id);
			expect(view.signal).toMatchObject({ status: 'accepted', resolved_at: null, closed_at: null });
			const last = view.timeline.slice(-2);
			expect(last[0]).toMatchObject({ kind: 'reply', body: NOT_SOLVED, data: { notSolved: true } });
			expect(last[1]).toMatchObject({
				kind: 'status',
				fromStatus: 'resolved',
				toStatus: 'accepted',
				data: { reopened: true, byFeedback: true, via: 'tracking_page' }
			});
			// The same mail as for a "no" to "is it solved?": to Pieter, with her words.
			const mails = await mailsSince(ctx.db, before);
			expect(mails.map((m) => m.to)).toEqual([world.landlord.email]);
			expect(mails[0].subject).toBe(`Melding ${lift.reference} is niet opgelost en staat weer open`);
			expect(mails[0].text).toContain(NOT_SOLVED);
			const page = await trackByToken(ctx.db, anonymous, lift.trackingToken);
			expect(page.status).toBe('accepted');
			expect(page.canSayNotSolved).toBe(false);
			expect(page.events.at(-2)).toMatchObject({ kind: 'reply', notSolved: true, body: NOT_SOLVED });
			// Omar follows the status, not her reason.
			expect(JSON.stringify(await trackByToken(ctx.db, anonymous, omarToken))).not.toContain('tussen twee verdiepingen');
		});

		it('a reporter whose signal was merged into the lift writes to the lift: its handlers read it, and she reads it back', async () => {
			await onPietersName();
			const bart = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'common_spaces', description: 'Lift blok B kapot', estateId: world.estate.id, email: 'bart@example.be', language: 'nl' },
				{ baseUrl, now }
			);
			await ctx.db.updateTable('signals').set({ organisation_id: world.shm.id }).where('id', '=', bart.id).execute();
			await mergeSignals(ctx.db, world.landlord, { keepId: lift.id, mergeId: bart.id }, { now });
			const before = await outboxSize(ctx.db);
			await postReply(ctx.db, files, anonymous, bart.trackingToken!, { body: 'Ook vandaag nog altijd kapot.', photo: await jpeg() }, options());
			const onLift = (await replyEvents(lift.id)).find((e) => e.body === 'Ook vandaag nog altijd kapot.');
			expect(onLift?.data).toMatchObject({ joined: false });
			expect((await mailsSince(ctx.db, before)).map((m) => m.to)).toEqual([world.landlord.email]);
			const page = await trackByToken(ctx.db, anonymous, bart.trackingToken!);
			expect(page.events.filter((e) => e.kind === 'reply').map((e) => e.body)).toEqual(['Ook vandaag nog altijd kapot.']);
			// Her photo went to the lift: not shown to the lift's first reporter.
			const herPage = await trackByToken(ctx.db, anonymous, lift.trackingToken);
			expect(herPage.photoIds).not.toContain((onLift!.data as { attachmentId: string }).attachmentId);
			expect(JSON.stringify(herPage)).not.toContain('Ook vandaag');
		});

		it('staff are told where a message to the reporter arrives: by mail, on the tracking page only, or nowhere', async () => {
			expect((await getSignal(ctx.db, world.landlord, lift.id)).messageReaches).toBe('mail');
			const noEmail = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'common_spaces', description: 'Het licht in de kelder brandt dag en nacht', estateId: world.estate.id, phone: '0470 12 34 56' },
				{ baseUrl, now }
			);
			await ctx.db.updateTable('signals').set({ organisation_id: world.shm.id }).where('id', '=', noEmail.id).execute();
			expect((await getSignal(ctx.db, world.landlord, noEmail.id)).messageReaches).toBe('tracking_page');
			const byWorker = await registerSignal(
				ctx.db,
				world.worker,
				{ kind: 'common_spaces', description: 'Bank in de tuin is kapot', estateId: world.estate.id, channel: 'street' },
				{ baseUrl }
			);
			expect((await getSignal(ctx.db, world.worker, byWorker.id)).messageReaches).toBe('nobody');
		});
	},
	{ each: true }
);
