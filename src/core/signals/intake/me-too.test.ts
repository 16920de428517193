// Yasmina reports that the lift of her block stands still and that her mother cannot climb the stairs; she adds a photo
// of the hall. Omar, two floors up, says "me too" on the form of the same estate. He follows the lift's news and his
// own words and phone number reach the housing company, but he never reads what Yasmina wrote, her photo, or what the
// housing company wrote back to her; nor does his mail box. Someone who posts the id of a signal the form did not
// offer (another estate's, another municipality's, a help request, a closed one, one made up) joins nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { anonymous } from '../../access';
import type { Db } from '../../db/database';
import { describeOnDatabases } from '../../db/testing';
import { Invalid } from '../../errors';
import { localFileStore } from '../../files/storage';
import { buildArea, buildEstate, buildPeopleWorld } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { mergeSignals } from '../handling/duplicates';
import { keepPendingPhotos, readReportPhotos } from './photos';
import { reportPlace } from './report-form';
import { addNote, changeStatus, getSignal, joinSignal, reportSignal, trackByToken } from '..';
import type { SignalKind } from '../../db/schema';

const baseUrl = 'https://leefbaar.test';
type Mail = { to: string; subject: string; text: string };
const mailsTo = async (db: Db, to: string) =>
	(await db.selectFrom('outbox').select('payload').orderBy('id').execute()).map((r) => r.payload as Mail).filter((m) => m.to === to);
const count = async (db: Db, table: 'signal_reporters' | 'signal_events' | 'outbox' | 'audit_log') =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

/** Category keys are unique in the installation; each story makes its own. */
let stories = 0;

const MOTHER = 'Mijn moeder kan de trap niet op sinds de lift stilstaat. Ze woont op nummer 31 en heeft een rolstoel.';
const REASON = 'Uw moeder krijgt voorrang: we hebben haar rolstoel gezien.';
const MESSAGE = 'We bellen u morgen op 0470 11 22 33 om een afspraak te maken.';
const TO_HER = 'De technieker komt dinsdag tussen 9 en 12 uur bij u langs.';
const OMAR = 'Ook bij ons op de vierde verdieping: mijn kinderen dragen de boodschappen naar boven.';

describeOnDatabases('"me too" shows nothing of another resident', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	let dir: string;
	let lift: { id: string; reference: string; trackingToken: string | null };
	const now = new Date('2026-12-10T10:00:00Z');
	const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

	/** Step 2's "I have the same problem", as the form posts it: the signal chosen and what step 1 carried. */
	async function meToo(
		signalId: string,
		typed: { kind?: SignalKind; description?: string; email?: string; phone?: string; lon?: number; lat?: number; slug?: string; key?: string } = {}
	) {
		const place = await reportPlace(ctx.db, anonymous, typed.slug ?? world.estate.slug);
		return joinSignal(
			ctx.db,
			anonymous,
			{ signalId, place, report: { kind: typed.kind ?? 'common_spaces', estateId: place.estateId ?? undefined, lon: typed.lon, lat: typed.lat } },
			{ description: typed.description ?? OMAR, email: typed.email, phone: typed.phone, language: 'nl', idempotencyKey: typed.key },
			{ baseUrl, now }
		);
	}

	/** Omar joins Yasmina's lift; the housing company accepts it with a reason and a message, writes to her, and starts. */
	async function joinedAndHandled() {
		const joined = await meToo(lift.id, { email: 'omar@example.be', phone: '0470 55 66 77' });
		await changeStatus(ctx.db, world.landlord, lift.id, { status: 'accepted', reason: REASON, message: MESSAGE }, { baseUrl, now: later(1) });
		await addNote(ctx.db, world.landlord, lift.id, { body: TO_HER, toReporter: true }, { baseUrl, now: later(2) });
		await changeStatus(ctx.db, world.landlord, lift.id, { status: 'in_progress' }, { baseUrl, now: later(3) });
		return joined;
	}

	// Each test gets a cast, an estate and Yasmina's lift of its own (the tests change the lift and the estate), and the
	// mail boxes it reads are those of its own reporters.
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'leefbaar-metoo-'));
		world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const liftCategory = await createCategory(ctx.db, world.coordinator, {
			key: `lift_${++stories}`,
			kind: 'common_spaces',
			name: 'Lift',
			nameFr: 'Ascenseur',
			nameEn: 'Lift',
			isActive: true
		});
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: liftCategory.id, organisationId: world.shm.id, deadlineDays: 5 });
		const store = localFileStore(dir);
		const photo = (
			await readReportPhotos([
				await sharp({ create: { width: 40, height: 30, channels: 3, background: '#445566' } })
					.jpeg()
					.toBuffer()
			])
		)[0];
		const photos = await keepPendingPhotos(store, 'a'.repeat(32), [photo]);
		lift = await reportSignal(
			ctx.db,
			anonymous,
			{
				kind: 'common_spaces',
				categoryId: liftCategory.id,
				description: MOTHER,
				estateId: world.estate.id,
				locationKind: 'common_space',
				locationText: 'Hal van blok B, Vlasstraat 31',
				email: 'yasmina@example.be'
			},
			{ baseUrl, now, photos }
		);
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('refuses a signal the check step did not offer for this place, and stores nothing', async () => {
		const elsewhere = await buildArea(ctx.db, { kind: 'municipality', name: 'Brecht' });
		const brechtEstate = await buildEstate(ctx.db, elsewhere.id, null, { name: 'Kapelakker' });
		const inBrecht = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'common_spaces', description: 'De lift in Kapelakker staat stil', estateId: brechtEstate.id, locationKind: 'map', lon: 4.63, lat: 51.35 },
			{ baseUrl, now }
		);
		const help = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'help', description: 'Ik kan de huur van deze maand niet betalen', estateId: world.estate.id, phone: '0470 99 88 77' },
			{ baseUrl, now }
		);
		const tap = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'home_repair', description: 'De kraan in de keuken lekt', estateId: world.estate.id },
			{ baseUrl, now }
		);
		const closed = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'common_spaces', description: 'Het licht in de gang is kapot', estateId: world.estate.id },
			{ baseUrl, now }
		);
		await changeStatus(ctx.db, world.coordinator, closed.id, { status: 'rejected', reason: 'Dubbel gemeld' }, { baseUrl, now });

		const before = await Promise.all((['signal_reporters', 'signal_events', 'outbox', 'audit_log'] as const).map((t) => count(ctx.db, t)));
		const refusals: Array<[string, Parameters<typeof meToo>[1]]> = [
			['a signal of another municipality', {}],
			['a help request of the same estate', {}],
			['another kind than the one reported', {}],
			['a closed signal', {}],
			['an id that never was', {}],
			// A point on the map far from the form's place offers nothing there.
			['another municipality, with its point posted', { lon: 4.63, lat: 51.35 }]
		];
		const ids = [inBrecht.id, help.id, tap.id, closed.id, '0190aaaa-0000-7000-8000-000000000000', inBrecht.id];
		for (const [k, [what, typed]] of refusals.entries()) {
			const refused = await meToo(ids[k], { ...typed, email: 'indringer@example.be' }).then(
				() => null,
				(e: unknown) => e
			);
			expect(refused, what).toBeInstanceOf(Invalid);
			expect(
				(refused as Invalid).issues.map((i) => i.code),
				what
			).toEqual(['signal_not_offered']);
		}
		// The help request cannot be joined as a help request either: it is never offered.
		await expect(meToo(help.id, { kind: 'help', phone: '0470 12 34 56' })).rejects.toThrow(Invalid);
		// From the form of another estate the lift of this one is not offered.
		await expect(meToo(lift.id, { slug: brechtEstate.slug })).rejects.toThrow(Invalid);
		const after = await Promise.all((['signal_reporters', 'signal_events', 'outbox', 'audit_log'] as const).map((t) => count(ctx.db, t)));
		expect(after).toEqual(before);
	});

	it('a point on the map counts for the offer only near the place of the form', async () => {
		// The estate on the map: Wallaysplein. A lamp pinned 150 m away just across the border of the next area is offered
		// to a resident who pins the same corner; the same lamp is not offered to one whose pin was moved 3 km away.
		await ctx.db.updateTable('estates').set({ lon: 3.2029, lat: 50.8079 }).where('id', '=', world.estate.id).execute();
		const nextArea = await buildArea(ctx.db);
		const lamp = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'public_space', description: 'Straatlamp kapot op de hoek', areaId: nextArea.id, locationKind: 'map', lon: 3.2049, lat: 50.8079 },
			{ baseUrl, now }
		);
		await expect(meToo(lamp.id, { kind: 'public_space', lon: 3.2079, lat: 50.8079 + 0.03 })).rejects.toThrow(Invalid);
		const joined = await meToo(lamp.id, { kind: 'public_space', lon: 3.2045, lat: 50.8079, description: 'De lamp op de hoek is al een week kapot' });
		expect(joined.reference).toBe(lamp.reference);
	});

	it("a neighbour who joins reads the signal's public summary, never her words, photo, reasons or messages", async () => {
		const joined = await joinedAndHandled();

		const view = await trackByToken(ctx.db, anonymous, joined.trackingToken);
		expect(view).toMatchObject({
			follower: 'joined',
			reference: lift.reference,
			kind: 'common_spaces',
			categoryName: 'Lift',
			status: 'in_progress',
			statusReason: null,
			description: null,
			photoIds: [],
			placeName: world.estate.name,
			ownWords: OMAR
		});
		expect(view.events.filter((e) => e.kind === 'status').map((e) => [e.toStatus, e.at])).toEqual([
			['accepted', later(1).toISOString()],
			['in_progress', later(3).toISOString()]
		]);
		const shown = JSON.stringify(view);
		for (const secret of ['moeder', 'rolstoel', 'Vlasstraat 31', 'yasmina@', 'voorrang', '0470 11 22 33', 'technieker']) expect(shown).not.toContain(secret);

		// Yasmina's own page is as it was: her words, her photo, the reason and the messages to her.
		const hers = await trackByToken(ctx.db, anonymous, lift.trackingToken!);
		expect(hers).toMatchObject({ follower: 'reporter', description: MOTHER, statusReason: null, ownWords: null });
		expect(hers.photoIds).toHaveLength(1);
		expect(hers.events.map((e) => e.body).filter(Boolean)).toEqual([REASON, MESSAGE, TO_HER]);
	});

	it('the messages and reasons written to her reach her mail box only; the neighbour hears of the status', async () => {
		await joinedAndHandled();
		// Her address and his are in every story; this story's mails are those about its own lift.
		const hers = (await mailsTo(ctx.db, 'yasmina@example.be')).filter((m) => m.subject.includes(lift.reference));
		expect(hers.map((m) => m.subject)).toEqual([
			`We kregen je melding ${lift.reference}`,
			`Je melding ${lift.reference} wordt opgevolgd`,
			`Nieuw bericht over je melding ${lift.reference}`
		]);
		expect(hers[1].text).toContain(REASON);
		expect(hers[1].text).toContain(MESSAGE);
		expect(hers[2].text).toContain(TO_HER);

		const his = (await mailsTo(ctx.db, 'omar@example.be')).filter((m) => m.subject.includes(lift.reference));
		expect(his.map((m) => m.subject)).toEqual([`We kregen je melding ${lift.reference}`, `Je melding ${lift.reference} wordt opgevolgd`]);
		for (const m of his) for (const secret of [REASON, MESSAGE, TO_HER, 'moeder']) expect(m.text).not.toContain(secret);
	});

	it('his words and contact are kept with his join: every reader sees the words, only who must answer the contact, audited', async () => {
		await joinedAndHandled();
		const row = await ctx.db
			.selectFrom('signal_reporters')
			.select(['description', 'email', 'phone', 'is_original'])
			.where('signal_id', '=', lift.id)
			.where('email', '=', 'omar@example.be')
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ description: OMAR, email: 'omar@example.be', phone: '0470 55 66 77', is_original: false });

		const audited = () =>
			ctx.db.selectFrom('audit_log').select(['actor_id', 'summary']).where('action', '=', 'signal_read').where('resource_id', '=', lift.id).execute();
		const landlord = await getSignal(ctx.db, world.landlord, lift.id);
		expect(landlord.joins).toEqual([{ id: expect.any(String), at: now.toISOString(), words: OMAR, anonymised: false }]);
		const omar = landlord.reporters!.find((r) => r.id === landlord.joins[0].id);
		expect(omar).toMatchObject({ isOriginal: false, email: 'omar@example.be', phone: '0470 55 66 77' });
		expect(await audited()).toEqual([{ actor_id: world.landlord.id, summary: 'contact details' }]);

		// The institute's worker follows the estate's signals and reads his words, not his phone number; nothing to audit.
		const worker = await getSignal(ctx.db, world.worker, lift.id);
		expect(worker.joins.map((j) => j.words)).toEqual([OMAR]);
		expect(worker.reporters).toBeNull();
		expect(JSON.stringify(worker)).not.toContain('0470 55 66 77');
		expect(await audited()).toHaveLength(1);
	});
});

// Two neighbours report the broken lift separately; the housing company merges Bart's report into Yasmina's. Bart
// keeps his own words and the messages written to him, and hears of the lift's progress, but never reads Yasmina's
// words or what was written to her; Fatima, who said "me too" on Bart's report, reads only the public summary.
describeOnDatabases('a report merged into another shows nothing of the other reporter', (ctx) => {
	it('keeps each reporter with their own words and messages after a merge', async () => {
		const world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const now = new Date('2026-12-10T10:00:00Z');
		const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
		const kept = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'common_spaces', description: MOTHER, estateId: world.estate.id, email: 'yasmina@example.be' },
			{ baseUrl, now }
		);
		const bart = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'common_spaces', description: 'De lift in blok B maakt geen geluid meer en blijft dicht.', estateId: world.estate.id, email: 'bart@example.be' },
			{ baseUrl, now: at(1) }
		);
		const place = await reportPlace(ctx.db, anonymous, world.estate.slug);
		const fatima = await joinSignal(
			ctx.db,
			anonymous,
			{ signalId: bart.id, place, report: { kind: 'common_spaces', estateId: world.estate.id } },
			{ description: 'Ik sta ook elke dag aan die lift.', email: 'fatima@example.be' },
			{ baseUrl, now: at(2) }
		);
		await addNote(ctx.db, world.coordinator, bart.id, { body: 'Bart, we kijken naar blok B.', toReporter: true }, { baseUrl, now: at(3) });
		await addNote(ctx.db, world.coordinator, kept.id, { body: 'Yasmina, uw moeder staat op de lijst.', toReporter: true }, { baseUrl, now: at(4) });
		await mergeSignals(ctx.db, world.coordinator, { keepId: kept.id, mergeId: bart.id }, { now: at(5) });
		await addNote(ctx.db, world.coordinator, kept.id, { body: TO_HER, toReporter: true }, { baseUrl, now: at(6) });
		await changeStatus(ctx.db, world.coordinator, kept.id, { status: 'accepted', reason: REASON, message: MESSAGE }, { baseUrl, now: at(7) });

		const his = await trackByToken(ctx.db, anonymous, bart.trackingToken!);
		expect(his).toMatchObject({
			follower: 'reporter',
			mergedIntoReference: kept.reference,
			status: 'accepted',
			statusReason: null,
			description: 'De lift in blok B maakt geen geluid meer en blijft dicht.'
		});
		expect(his.events.filter((e) => e.body).map((e) => e.body)).toEqual(['Bart, we kijken naar blok B.']);
		expect(his.events.filter((e) => e.kind === 'status').map((e) => e.toStatus)).toEqual(['accepted']);
		for (const secret of ['moeder', 'rolstoel', 'voorrang', 'technieker', '0470 11 22 33']) expect(JSON.stringify(his)).not.toContain(secret);

		const hers = await trackByToken(ctx.db, anonymous, fatima.trackingToken);
		expect(hers).toMatchObject({
			follower: 'joined',
			mergedIntoReference: kept.reference,
			status: 'accepted',
			description: null,
			statusReason: null,
			ownWords: 'Ik sta ook elke dag aan die lift.'
		});
		for (const secret of ['moeder', 'blok B', 'voorrang', 'technieker', 'Bart']) expect(JSON.stringify(hers)).not.toContain(secret);

		// Yasmina's page holds nothing of Bart's.
		const yasmina = await trackByToken(ctx.db, anonymous, kept.trackingToken!);
		expect(JSON.stringify(yasmina)).not.toContain('blok B');

		// Mail: the messages to Yasmina went to her only; Bart and Fatima heard of the acceptance without her reason.
		expect((await mailsTo(ctx.db, 'yasmina@example.be')).filter((m) => m.text.includes(TO_HER) || m.text.includes(REASON))).toHaveLength(2);
		const bartMails = await mailsTo(ctx.db, 'bart@example.be');
		const fatimaMails = await mailsTo(ctx.db, 'fatima@example.be');
		expect(bartMails.map((m) => m.subject)).toEqual([
			`We kregen je melding ${bart.reference}`,
			`Nieuw bericht over je melding ${bart.reference}`,
			`Je melding ${kept.reference} wordt opgevolgd`
		]);
		expect(fatimaMails.map((m) => m.subject)).toEqual([`We kregen je melding ${bart.reference}`, `Je melding ${kept.reference} wordt opgevolgd`]);
		for (const m of [...bartMails, ...fatimaMails]) for (const secret of [REASON, MESSAGE, TO_HER, 'moeder']) expect(m.text).not.toContain(secret);
		expect(fatimaMails.some((m) => m.text.includes('Bart, we kijken'))).toBe(false);
	});
});
