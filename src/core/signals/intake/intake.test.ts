// A tenant reports damp without an account; the housing company finds it in its inbox with a deadline, accepts and
// resolves it, and the tenant hears about it in their language. A help request stays with who may know about it.
import { describe, expect, it } from 'vitest';
import { fieldMessage } from '../../i18n/field-errors';
import { intakeInput, statusChangeInput } from '../model';
import { anonymous, system } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Forbidden, Invalid } from '../../errors';
import { fingerprint, IdempotencyKeyReused } from '../../idempotency';
import { buildPeopleWorld } from '../../people/factories';
import { createResident } from '../../people/residents';
import { deadlineFor } from '../handling/deadlines';
import { addNote, changeStatus, getSignal, inbox, reportSignal, registerSignal, setRoutingRule, trackByReference, trackByToken } from '..';
import { ensureGeneralCategories, createCategory } from '../routing/categories';

const baseUrl = 'https://leefbaar.test';

type Db = Parameters<typeof inbox>[0];

/** Category keys are unique in the installation; each story makes its own. */
let keys = 0;
const uniqueKey = (base: string) => `${base}_${++keys}`;

/** A cast of its own, with damp routed to the housing company in 5 working days (high priority), help to the OCMW in 3. */
async function routedCategories(db: Db) {
	const world = await buildPeopleWorld(db);
	await ensureGeneralCategories(db);
	const damp = await createCategory(db, world.coordinator, {
		key: uniqueKey('leak_damp'),
		kind: 'home_repair',
		name: 'Lek of vocht',
		nameFr: 'Fuite ou humidité'
	});
	const helpCategory = await createCategory(db, world.coordinator, { key: uniqueKey('money_debts'), kind: 'help', name: 'Geld en schulden' });
	const dampRule = await setRoutingRule(db, world.coordinator, { categoryId: damp.id, organisationId: world.shm.id, deadlineDays: 5, priority: 'high' });
	const helpRule = await setRoutingRule(db, world.coordinator, { categoryId: helpCategory.id, organisationId: world.ocmw.id, deadlineDays: 3 });
	return { world, damp, helpCategory, dampRule, helpRule };
}

/** A French-speaking tenant reports damp without an account, on a Friday. */
async function reportedDamp(db: Db) {
	const story = await routedCategories(db);
	const now = new Date('2026-11-27T16:00:00Z'); // a Friday
	const result = await reportSignal(
		db,
		anonymous,
		{
			kind: 'home_repair',
			categoryId: story.damp.id,
			description: 'Schimmel op de muur in de slaapkamer',
			estateId: story.world.estate.id,
			locationKind: 'dwelling',
			email: 'Tenant@Example.be',
			language: 'fr'
		},
		{ baseUrl, now }
	);
	return { ...story, now, result };
}

describeOnDatabases('signals from intake to solved', (ctx) => {
	it('sets up categories and routing: damp goes to the housing company in 5 working days, help to the OCMW', async () => {
		const { world, damp, helpCategory, dampRule, helpRule } = await routedCategories(ctx.db);
		expect(dampRule).toMatchObject({ category_id: damp.id, organisation_id: world.shm.id, deadline_days: 5, priority: 'high' });
		expect(helpRule).toMatchObject({ category_id: helpCategory.id, organisation_id: world.ocmw.id, deadline_days: 3 });
		await expect(setRoutingRule(ctx.db, world.landlord, { categoryId: damp.id, organisationId: world.shm.id, deadlineDays: 5 })).rejects.toThrow(Forbidden);
	});

	it('a tenant reports damp without an account and the housing company sees it with its deadline', async () => {
		const { world, now, result } = await reportedDamp(ctx.db);
		expect(result.reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect(result.organisationId).toBe(world.shm.id);
		expect(result.deadlineAt).toBe(deadlineFor(now, 5).toISOString());
		expect(result.trackingToken).toBeTruthy();

		const page = await inbox(ctx.db, world.landlord, {}, now);
		expect(page.items.map((i) => [i.reference, i.categoryName, i.priority])).toEqual([[result.reference, 'Lek of vocht', 'high']]);
		expect((await inbox(ctx.db, world.otherLandlord, {}, now)).items).toEqual([]);
		expect((await inbox(ctx.db, world.ocmwWorker, {}, now)).items).toEqual([]);

		const receipt = await ctx.db.selectFrom('outbox').select('payload').execute();
		expect(receipt.map((r) => (r.payload as { to: string; subject: string }).subject)).toContain(`Nous avons reçu votre signalement ${result.reference}`);

		// The tenant follows it with the link (their words) or with the code alone (only the status).
		const own = await trackByToken(ctx.db, anonymous, result.trackingToken!);
		expect(own).toMatchObject({ reference: result.reference, status: 'new', description: 'Schimmel op de muur in de slaapkamer' });
		const byCode = await trackByReference(ctx.db, anonymous, result.reference.toLowerCase().replace('-', ' '));
		expect(byCode).toMatchObject({ status: 'new', description: null });
	});

	it('the housing company accepts and resolves it; the tenant gets each step and a "solved?" question', async () => {
		const { world, result } = await reportedDamp(ctx.db);
		const [item] = (await inbox(ctx.db, world.landlord)).items;
		expect(item.id).toBe(result.id);
		await expect(changeStatus(ctx.db, world.otherLandlord, item.id, { status: 'accepted' }, { baseUrl })).rejects.toThrow(Forbidden);
		await changeStatus(ctx.db, world.landlord, item.id, { status: 'accepted' }, { baseUrl });
		await addNote(ctx.db, world.landlord, item.id, { body: 'Aannemer komt dinsdag' }, { baseUrl });
		await addNote(ctx.db, world.landlord, item.id, { body: 'We komen dinsdag tussen 9 en 12 uur.', toReporter: true }, { baseUrl });
		await expect(changeStatus(ctx.db, world.landlord, item.id, { status: 'closed' }, { baseUrl })).rejects.toThrow(Invalid);
		await changeStatus(ctx.db, world.landlord, item.id, { status: 'resolved' }, { baseUrl });

		const subjects = (await ctx.db.selectFrom('outbox').select('payload').execute()).map((r) => (r.payload as { subject: string }).subject);
		expect(subjects).toEqual(
			expect.arrayContaining([
				`Votre signalement ${item.reference} est pris en charge`,
				`Nouveau message sur votre signalement ${item.reference}`,
				`Votre signalement ${item.reference} est résolu`,
				`Votre problème est-il résolu ? (${item.reference})`
			])
		);
		const view = await getSignal(ctx.db, world.landlord, item.id);
		expect(view.timeline.map((e) => [e.kind, e.toStatus])).toEqual([
			['created', 'new'],
			['routed', null],
			['status', 'accepted'],
			['note', null],
			['message', null],
			['status', 'resolved']
		]);
		expect(view.reporters?.[0].email).toBe('tenant@example.be');
		expect(view.signal.first_response_at).not.toBeNull();
		// The landlord looked at contact details: that read is in the audit log.
		const reads = await ctx.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('resource_id', '=', item.id)
			.where('action', '=', 'signal_read')
			.execute();
		expect(reads).toEqual([{ action: 'signal_read', actor_id: world.landlord.id }]);
		// An internal note never reaches the tenant's page.
		expect(JSON.stringify(await trackByReference(ctx.db, anonymous, item.reference))).not.toContain('Aannemer');
	});

	it('a retried post with the same idempotency key stores one signal, not two', async () => {
		const world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const input = { kind: 'home_repair' as const, description: 'De verwarming doet het niet', estateId: world.estate.id, idempotencyKey: 'form-token-123456' };
		const first = await reportSignal(ctx.db, anonymous, input, { baseUrl });
		const again = await reportSignal(ctx.db, anonymous, input, { baseUrl });
		expect(again).toMatchObject({ id: first.id, reference: first.reference, replayed: true });
		expect((await ctx.db.selectFrom('signals').select('id').where('idempotency_key', '=', 'form-token-123456').execute()).length).toBe(1);
		// Without a category the kind's general category routes it (none here yet, so it waits unrouted).
		expect(first.organisationId).toBeNull();
	});

	it('two identical posts at the same moment store one signal and both get its code', async () => {
		const world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const input = {
			kind: 'home_repair' as const,
			description: 'Het raam in de keuken sluit niet',
			estateId: world.estate.id,
			idempotencyKey: 'double-tap-7890abcd'
		};
		const results = await Promise.all(Array.from({ length: 4 }, () => reportSignal(ctx.db, anonymous, input, { baseUrl })));
		expect(new Set(results.map((r) => r.reference)).size).toBe(1);
		expect((await ctx.db.selectFrom('signals').select('id').where('idempotency_key', '=', 'double-tap-7890abcd').execute()).length).toBe(1);
	});

	it('bad input names the field and stores nothing', async () => {
		const before = (
			await ctx.db
				.selectFrom('signals')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n;
		const attempts = [
			{ kind: 'home_repair', description: 'kort' },
			{ kind: 'flying_saucer', description: 'Er landt een schotel' },
			{ kind: 'home_repair', description: 'Water in de kelder', email: 'not-an-email' },
			{ kind: 'home_repair', description: 'Water in de kelder', phone: '12' },
			{ kind: 'public_space', description: 'Put in de weg', locationKind: 'map' },
			{ kind: 'home_repair', description: 'Water in de kelder', estateId: 'nope' },
			{ kind: 'help', description: 'Ik heb hulp nodig met papieren' }
		];
		for (const input of attempts) await expect(reportSignal(ctx.db, anonymous, input as never, { baseUrl })).rejects.toThrow(Invalid);
		const after = (
			await ctx.db
				.selectFrom('signals')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n;
		expect(Number(after)).toBe(Number(before));
	});

	it('a worker registers a help request at a house visit; with consent the OCMW gets it, and no one else reads it', async () => {
		const { world, helpCategory } = await routedCategories(ctx.db);
		const resident = await createResident(ctx.db, world.worker, {
			firstName: 'Fatima',
			lastName: 'Bouzid',
			language: 'nl',
			contactChannel: 'phone',
			phone: '0470 12 34 56'
		});
		const withConsent = await registerSignal(
			ctx.db,
			world.worker,
			{
				kind: 'help',
				categoryId: helpCategory.id,
				description: 'Kan de energiefactuur niet betalen',
				residentId: resident.id,
				channel: 'house_visit',
				consentGiven: true,
				areaId: world.area.id
			},
			{ baseUrl }
		);
		expect(withConsent.organisationId).toBe(world.ocmw.id);
		expect((await inbox(ctx.db, world.ocmwWorker)).items.map((i) => i.id)).toContain(withConsent.id);
		await expect(getSignal(ctx.db, world.landlord, withConsent.id)).rejects.toThrow(Forbidden);
		await expect(getSignal(ctx.db, world.coordinator, withConsent.id)).rejects.toThrow(Forbidden);
		const consent = await ctx.db.selectFrom('consents').selectAll().where('resident_id', '=', resident.id).executeTakeFirstOrThrow();
		expect(consent).toMatchObject({ organisation_id: world.ocmw.id, scope: 'help_request', recorded_by: world.worker.id });

		const again = await registerSignal(
			ctx.db,
			world.worker,
			{
				kind: 'help',
				categoryId: helpCategory.id,
				description: 'Nu ook een achterstand bij de huur',
				residentId: resident.id,
				channel: 'phone',
				consentGiven: true,
				areaId: world.area.id
			},
			{ baseUrl }
		);
		expect(again.organisationId).toBe(world.ocmw.id);
		expect((await ctx.db.selectFrom('consents').select('id').where('resident_id', '=', resident.id).execute()).length).toBe(1);

		const without = await registerSignal(
			ctx.db,
			world.worker,
			{
				kind: 'help',
				categoryId: helpCategory.id,
				description: 'Vraagt hulp bij brieven van de mutualiteit',
				residentId: resident.id,
				channel: 'community_centre',
				areaId: world.area.id
			},
			{ baseUrl }
		);
		expect(without.organisationId).toBe(world.institute.id);
		expect((await inbox(ctx.db, world.ocmwWorker)).items.map((i) => i.id)).not.toContain(without.id);
		await expect(getSignal(ctx.db, world.ocmwWorker, without.id)).rejects.toThrow(Forbidden);
		expect((await getSignal(ctx.db, world.worker, without.id)).signal.description).toContain('mutualiteit');
		const helpReads = await ctx.db
			.selectFrom('audit_log')
			.select('summary')
			.where('resource_id', '=', without.id)
			.where('action', '=', 'signal_read')
			.execute();
		expect(helpReads.map((r) => r.summary)).toEqual(['help request']);
		expect(system('x').kind).toBe('system');
	});

	it('a help request kept on a phone offline is stored once with its consent, however often the phone sends it; the same key with another text is refused', async () => {
		const { world, helpCategory } = await routedCategories(ctx.db);
		const resident = await createResident(ctx.db, world.worker, {
			firstName: 'Yusuf',
			lastName: 'Kaya',
			language: 'nl',
			contactChannel: 'phone',
			phone: '0470 99 88 77'
		});
		const body = {
			kind: 'help' as const,
			categoryId: helpCategory.id,
			description: 'Zoekt hulp bij de aanvraag van een studietoelage',
			residentId: resident.id,
			channel: 'house_visit' as const,
			consentGiven: true,
			areaId: world.area.id
		};
		const key = '0195f0c4-7d2a-4b1e-9c3f-5a6b7c8d9e0f';
		const options = { baseUrl, idempotencyFingerprint: fingerprint(body) };
		const first = await registerSignal(ctx.db, world.worker, { ...body, idempotencyKey: key }, options);
		// The answer was lost on the way: the phone sends the same signal again, twice at once.
		const again = await Promise.all([1, 2].map(() => registerSignal(ctx.db, world.worker, { ...body, idempotencyKey: key }, options)));
		expect(first).toMatchObject({ organisationId: world.ocmw.id, replayed: false });
		expect(again.map((a) => [a.id, a.replayed])).toEqual([
			[first.id, true],
			[first.id, true]
		]);
		expect((await ctx.db.selectFrom('signals').select('id').where('idempotency_key', '=', key).execute()).length).toBe(1);
		expect(await ctx.db.selectFrom('consents').select(['organisation_id', 'scope']).where('resident_id', '=', resident.id).execute()).toEqual([
			{ organisation_id: world.ocmw.id, scope: 'help_request' }
		]);
		const other = { ...body, description: 'Een andere vraag onder dezelfde sleutel' };
		await expect(
			registerSignal(ctx.db, world.worker, { ...other, idempotencyKey: key }, { baseUrl, idempotencyFingerprint: fingerprint(other) })
		).rejects.toThrow(IdempotencyKeyReused);
	});
});

describe('what a resident reads when a field is wrong', () => {
	it('names the rule that failed, in their language', () => {
		const missingReason = statusChangeInput.safeParse({ status: 'rejected' });
		expect(Invalid.fromZod(missingReason.error!).issues.map((i) => [i.path, i.code])).toEqual([['reason', 'reason_required']]);
		const badPhone = intakeInput.safeParse({ kind: 'home_repair', description: 'Water in de kelder', phone: 'bel me maar' });
		const issue = Invalid.fromZod(badPhone.error!).issues[0];
		expect([issue.path, issue.code]).toEqual(['phone', 'phone']);
		expect(fieldMessage('nl', issue)).toContain('0470 12 34 56');
	});
});
