// A tenant about to report a broken lift sees that a neighbour reported it last week, says "me too" and follows
// that signal instead; what they see of it is only what anyone may see.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../../access';
import type { Db } from '../../db/database';
import { describeOnDatabases } from '../../db/testing';
import { Invalid, NotFound } from '../../errors';
import { buildArea, buildEstate, buildPeopleWorld } from '../../people/factories';
import { ensureGeneralCategories, createCategory } from '../routing/categories';
import { joinSignal, metresBetween, nearbySignals, phoneKey, type JoinInput } from './nearby';
import { reportPlace } from './report-form';
import { changeStatus, getSignal, reportSignal, trackByToken } from '..';

const baseUrl = 'https://leefbaar.test';

const now = new Date('2026-12-10T10:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

/** Category keys are unique in the installation; each story makes its own. */
let keys = 0;

/** A cast of its own, and a neighbour's report of the broken lift of the estate, six days ago. */
async function reportedLift(db: Db) {
	const world = await buildPeopleWorld(db);
	await ensureGeneralCategories(db);
	const liftCategory = await createCategory(db, world.coordinator, {
		key: `lift_${++keys}`,
		kind: 'common_spaces',
		name: 'Lift',
		nameFr: 'Ascenseur',
		nameEn: 'Lift',
		isActive: true
	});
	const report = (input: Record<string, unknown>, at: Date) =>
		reportSignal(db, anonymous, { kind: 'common_spaces', description: 'De lift staat weer stil op 3', email: 'buur@example.be', ...input } as never, {
			baseUrl,
			now: at
		});
	const r = await report({ categoryId: liftCategory.id, estateId: world.estate.id }, daysAgo(6));
	return { world, lift: { id: r.id, reference: r.reference }, report };
}

describeOnDatabases('recent similar signals nearby, and "me too"', (ctx) => {
	/** "Me too" from the form of the estate, after step 1 asked about its common spaces. */
	const meToo = async (world: { estate: { id: string; slug: string } }, signalId: string, input: JoinInput, options: { baseUrl: string; now?: Date }) =>
		joinSignal(
			ctx.db,
			anonymous,
			{ signalId, place: await reportPlace(ctx.db, anonymous, world.estate.slug), report: { kind: 'common_spaces', estateId: world.estate.id } },
			input,
			options
		);

	it("shows the open signals of the same kind in the estate, newest first, without anyone's words or contact", async () => {
		const { world, lift, report } = await reportedLift(ctx.db);
		await report({ estateId: world.estate.id, description: 'Hal ligt vol afval' }, daysAgo(2));
		await report({ estateId: world.estate.id, description: 'Oud: lamp in de gang' }, daysAgo(40));
		await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'home_repair', description: 'Kraan lekt in de keuken', estateId: world.estate.id },
			{ baseUrl, now: daysAgo(1) }
		);
		await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'help', description: 'Ik kan de huur niet betalen', estateId: world.estate.id, phone: '0470 12 34 56' },
			{ baseUrl, now: daysAgo(1) }
		);
		const otherArea = await buildArea(ctx.db);
		await report({ areaId: otherArea.id, description: 'Lift kapot in andere wijk' }, daysAgo(1));

		const found = await nearbySignals(ctx.db, anonymous, { kind: 'common_spaces', estateId: world.estate.id }, now);
		// Not the one of 40 days ago, not the leaking tap (another kind), not the lift in another area.
		expect(found.map((s) => s.categoryName)).toEqual(['Gemeenschappelijke ruimtes', 'Lift']);
		expect(found[1]).toMatchObject({ id: lift.id, categoryName: 'Lift', categoryNameFr: 'Ascenseur', estateName: world.estate.name, status: 'new', joined: 0 });
		const shown = JSON.stringify(found);
		for (const secret of ['lift staat', 'afval', 'buur@example.be', lift.reference, 'huur']) expect(shown).not.toContain(secret);

		// The help question of the same estate is never shown, whatever kind is asked.
		await expect(nearbySignals(ctx.db, anonymous, { kind: 'help' as never, estateId: world.estate.id }, now)).rejects.toThrow(Invalid);
		// Without a place there is nothing to compare with.
		expect(await nearbySignals(ctx.db, anonymous, { kind: 'common_spaces' }, now)).toEqual([]);
	});

	it('finds a signal pinned on the map within about 250 m, not one 400 m away', async () => {
		await ensureGeneralCategories(ctx.db);
		// Wevelgem, Wallaysplein: 0.0036° of longitude is about 250 m at this latitude.
		const at = { lon: 3.2029, lat: 50.8079 };
		expect(Math.round(metresBetween(at.lon, at.lat, at.lon + 0.0028, at.lat))).toBeGreaterThan(190);
		const near = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'public_space', description: 'Put in het fietspad', locationKind: 'map', lon: at.lon + 0.0028, lat: at.lat },
			{ baseUrl, now: daysAgo(3) }
		);
		await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'public_space', description: 'Put in de straat verderop', locationKind: 'map', lon: at.lon + 0.0057, lat: at.lat },
			{ baseUrl, now: daysAgo(3) }
		);
		const found = await nearbySignals(ctx.db, anonymous, { kind: 'public_space', ...at }, now);
		expect(found.map((s) => s.id)).toEqual([near.id]);
	});

	it('a neighbour says "me too": own tracking link, a receipt in their language, and the news of the signal', async () => {
		const { world, lift } = await reportedLift(ctx.db);
		const before = await ctx.db.selectFrom('outbox').select('id').execute();
		const joined = await meToo(world, lift.id, { email: 'Tweede@Example.be', language: 'fr' }, { baseUrl, now });
		expect(joined.reference).toBe(lift.reference);

		const view = await trackByToken(ctx.db, anonymous, joined.trackingToken);
		expect(view).toMatchObject({ reference: lift.reference, status: 'new' });
		const mails = await ctx.db.selectFrom('outbox').select('payload').execute();
		expect(mails.length).toBe(before.length + 1);
		const receipt = mails.map((m) => m.payload as { to: string; subject: string; text: string }).find((m) => m.to === 'tweede@example.be');
		expect(receipt?.subject).toBe(`Nous avons reçu votre signalement ${lift.reference}`);
		expect(receipt?.text).toContain(`${baseUrl}/volgen/${joined.trackingToken}`);

		const found = await nearbySignals(ctx.db, anonymous, { kind: 'common_spaces', estateId: world.estate.id }, now);
		expect(found.find((s) => s.id === lift.id)?.joined).toBe(1);

		// The housing company sees who joined (the event is internal), and both reporters hear of the acceptance.
		const staffView = await getSignal(ctx.db, world.coordinator, lift.id);
		expect(staffView.timeline.filter((e) => e.kind === 'joined').map((e) => e.visibility)).toEqual(['internal']);
		expect((await trackByToken(ctx.db, anonymous, joined.trackingToken)).events.map((e) => e.kind)).not.toContain('joined');
		await changeStatus(ctx.db, world.coordinator, lift.id, { status: 'accepted' }, { baseUrl });
		const subjects = (await ctx.db.selectFrom('outbox').select('payload').execute()).map((m) => m.payload as { to: string; subject: string });
		expect(
			subjects
				.filter((m) => m.subject.includes(lift.reference) && /accepted|pris en charge|opgevolgd/.test(m.subject))
				.map((m) => m.to)
				.sort()
		).toEqual(['buur@example.be', 'tweede@example.be']);
	});

	it('cannot join a help request, an unknown signal or a signal that is closed: none of them is offered', async () => {
		const { world, lift } = await reportedLift(ctx.db);
		const help = await reportSignal(
			ctx.db,
			anonymous,
			{ kind: 'help', description: 'Ik heb hulp nodig bij papieren', estateId: world.estate.id, phone: '0470 12 34 56' },
			{ baseUrl, now }
		);
		await expect(meToo(world, help.id, {}, { baseUrl, now })).rejects.toThrow(Invalid);
		await expect(meToo(world, '0190aaaa-0000-7000-8000-000000000000', {}, { baseUrl, now })).rejects.toThrow(Invalid);
		await expect(meToo(world, lift.id, { email: 'geen-adres' }, { baseUrl, now })).rejects.toThrow(Invalid);
		await changeStatus(ctx.db, world.coordinator, lift.id, { status: 'rejected', reason: 'Dubbel' }, { baseUrl });
		await expect(meToo(world, lift.id, {}, { baseUrl, now })).rejects.toThrow(Invalid);
		expect((await nearbySignals(ctx.db, anonymous, { kind: 'common_spaces', estateId: world.estate.id }, now)).map((s) => s.id)).not.toContain(lift.id);
	});
});

// Omar taps "me too" twice on a slow connection, and a week later, having forgotten, says it again from a new form:
// he follows the broken lift once, gets one receipt, and the link on his screen is the one that works.
describeOnDatabases('"me too" once per person', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	const formKey = (n: number) => `form:${n.toString(16).padStart(32, '0')}`;
	const joinedRows = (db: Db, signalId: string) =>
		db.selectFrom('signal_reporters').select(['id', 'email', 'phone']).where('signal_id', '=', signalId).where('is_original', '=', false).execute();
	/** The receipts one person got for one signal (each story has a signal of its own). */
	const receiptsTo = async (db: Db, to: string, reference: string) =>
		(await db.selectFrom('outbox').select('payload').execute())
			.map((m) => m.payload as { to: string; subject: string; text: string })
			.filter((m) => m.to === to && m.subject.includes(reference) && /kregen je melding|avons reçu|got your report/.test(m.subject));
	const opens = async (token: string) =>
		trackByToken(ctx.db, anonymous, token).then(
			() => true,
			(e) => (e instanceof NotFound ? false : Promise.reject(e))
		);
	// The cast is only read; each story reports a lift of its own.
	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
	});
	/** A broken lift in an estate of its own (in the institute's working area), so that each story's signal is among the few the form offers. */
	const lift = async (description = 'De lift staat stil op de derde verdieping') => {
		const estate = await buildEstate(ctx.db, (await buildArea(ctx.db, { parentId: world.area.id })).id, world.shm.id);
		return {
			...(await reportSignal(ctx.db, anonymous, { kind: 'common_spaces', description, estateId: estate.id, email: 'melder@example.be' }, { baseUrl, now })),
			estate
		};
	};
	/** "Me too" on that signal from the form of its estate. */
	const meToo = async (signal: { id: string; estate: { id: string; slug: string } }, input: JoinInput) =>
		joinSignal(
			ctx.db,
			anonymous,
			{ signalId: signal.id, place: await reportPlace(ctx.db, anonymous, signal.estate.slug), report: { kind: 'common_spaces', estateId: signal.estate.id } },
			input,
			{ baseUrl, now }
		);

	it('a double post of one form answers with the first link: one reporter, one receipt, the mailed link works', async () => {
		const signal = await lift();
		const first = await meToo(signal, { email: 'omar@example.be', idempotencyKey: formKey(1) });
		const second = await meToo(signal, { email: 'omar@example.be', idempotencyKey: formKey(1) });
		expect(first.replayed).toBe(false);
		expect(second).toEqual({ ...first, replayed: true });
		expect(await joinedRows(ctx.db, signal.id)).toHaveLength(1);
		const receipts = await receiptsTo(ctx.db, 'omar@example.be', signal.reference);
		expect(receipts).toHaveLength(1);
		expect(receipts[0].text).toContain(`/volgen/${first.trackingToken}`);
		expect(await opens(first.trackingToken)).toBe(true);
		// The link comes from the form's key and the signal: another form, or another signal, gives another one.
		const elsewhere = await lift('De lift in blok B maakt een raar geluid');
		const there = await meToo(elsewhere, { idempotencyKey: formKey(1) });
		expect(there.trackingToken).not.toBe(first.trackingToken);
	});

	it('without contact details a double post is still one reporter', async () => {
		const signal = await lift();
		const a = await meToo(signal, { idempotencyKey: formKey(2) });
		const b = await meToo(signal, { idempotencyKey: formKey(2) });
		expect(b.trackingToken).toBe(a.trackingToken);
		expect(await joinedRows(ctx.db, signal.id)).toHaveLength(1);
		// Without a key nothing tells two anonymous neighbours apart: each is counted.
		await meToo(signal, {});
		expect(await joinedRows(ctx.db, signal.id)).toHaveLength(2);
		await expect(meToo(signal, { idempotencyKey: 'short' })).rejects.toThrow(Invalid);
	});

	it('the same email from another form: no second row or receipt; both links work', async () => {
		const signal = await lift();
		const first = await meToo(signal, {
			email: 'omar@example.be',
			language: 'fr',
			idempotencyKey: formKey(3),
			description: 'La porte de l’ascenseur reste fermée'
		});
		const before = (await receiptsTo(ctx.db, 'omar@example.be', signal.reference)).length;
		const again = await meToo(signal, { email: 'OMAR@example.be ', idempotencyKey: formKey(4), description: 'Toujours en panne après une semaine' });
		expect(again).toMatchObject({ signalId: signal.id, reference: signal.reference, replayed: true });
		expect(again.trackingToken).not.toBe(first.trackingToken);
		expect(await joinedRows(ctx.db, signal.id)).toEqual([expect.objectContaining({ email: 'omar@example.be' })]);
		// What he wrote the second time is kept after what he wrote the first time.
		const words = await ctx.db
			.selectFrom('signal_reporters')
			.select('description')
			.where('signal_id', '=', signal.id)
			.where('is_original', '=', false)
			.executeTakeFirstOrThrow();
		expect(words.description).toBe('La porte de l’ascenseur reste fermée\n\nToujours en panne après une semaine');
		expect((await receiptsTo(ctx.db, 'omar@example.be', signal.reference)).length).toBe(before);
		expect(await opens(again.trackingToken)).toBe(true);
		// The link he got the first time keeps working too (a resident keeps the first link; see tracking-links.ts).
		expect(await opens(first.trackingToken)).toBe(true);
		// A double post of that second form still lands on the link now in force.
		expect((await meToo(signal, { email: 'omar@example.be', idempotencyKey: formKey(4) })).trackingToken).toBe(again.trackingToken);
		// He keeps hearing the news once, in the language he chose the first time.
		await changeStatus(ctx.db, world.coordinator, signal.id, { status: 'accepted' }, { baseUrl });
		const news = (await ctx.db.selectFrom('outbox').select('payload').execute())
			.map((m) => m.payload as { to: string; subject: string })
			.filter((m) => m.to === 'omar@example.be' && m.subject.includes(signal.reference) && !/reçu/.test(m.subject));
		expect(news).toHaveLength(1);
		expect(news[0].subject).toMatch(/pris en charge/);
	});

	it('the same phone number, written another way, is the same person', async () => {
		expect(phoneKey('+32 470 12 34 56')).toBe('0470123456');
		expect(phoneKey('0032 470/12.34.56')).toBe('0470123456');
		expect(phoneKey('+31 6 1234 5678')).toBe('+31612345678');
		const signal = await lift();
		await meToo(signal, { phone: '0470 12 34 56' });
		const again = await meToo(signal, { phone: '+32 470 123 456' });
		expect(again.replayed).toBe(true);
		expect(await joinedRows(ctx.db, signal.id)).toHaveLength(1);
		// Another number is another neighbour.
		await meToo(signal, { phone: '0470 65 43 21' });
		expect(await joinedRows(ctx.db, signal.id)).toHaveLength(2);
	});

	it("typing the reporter's own address never hands out the reporter's link", async () => {
		const signal = await lift();
		const joined = await meToo(signal, { email: 'melder@example.be' });
		expect(joined.replayed).toBe(false);
		// The reporter's own link still works (it is not rotated), and the new one is a joined neighbour's view.
		const view = await trackByToken(ctx.db, anonymous, joined.trackingToken);
		const original = await ctx.db
			.selectFrom('signal_reporters')
			.select('id')
			.where('signal_id', '=', signal.id)
			.where('is_original', '=', true)
			.executeTakeFirstOrThrow();
		expect(view.reporterId).not.toBe(original.id);
		expect(await joinedRows(ctx.db, signal.id)).toHaveLength(1);
	});

	it('two joins of the same person at the same moment store one reporter and send one receipt', async () => {
		const signal = await lift();
		const results = await Promise.all([
			meToo(signal, { email: 'tegelijk@example.be', idempotencyKey: formKey(5) }),
			meToo(signal, { email: 'tegelijk@example.be', idempotencyKey: formKey(6) })
		]);
		expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
		expect(await joinedRows(ctx.db, signal.id)).toHaveLength(1);
		expect(await receiptsTo(ctx.db, 'tegelijk@example.be', signal.reference)).toHaveLength(1);
		// Both answers carry a link that works.
		expect(await Promise.all(results.map((r) => opens(r.trackingToken)))).toEqual([true, true]);

		// The same form posted twice at once, without contact details: one row, the same link twice, and it works.
		const twice = await Promise.all([1, 2].map(() => meToo(signal, { idempotencyKey: formKey(7) })));
		expect(twice[0].trackingToken).toBe(twice[1].trackingToken);
		expect(await joinedRows(ctx.db, signal.id)).toHaveLength(2);
		expect(await opens(twice[0].trackingToken)).toBe(true);
	});
});
