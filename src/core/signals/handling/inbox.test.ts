// Whose signals a staff member's inbox holds — those routed to their organisation, those they registered themselves
// and those referred to their organisation while the referral is open — and the counts on its status tabs, which
// must add up to exactly the lists behind the tabs: one definition of "whose signals" for both (queries.ts
// inboxSignals). A signal merged into another one is in neither; another organisation's signal in neither.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Unauthenticated } from '../../errors';
import { buildPeopleWorld } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { mergeSignals } from './duplicates';
import { inboxStatusCounts } from './inbox-counts';
import { SIGNAL_STATUSES } from '../model';
import { referSignal, respondToReferral } from '../referrals/referrals';
import { changeStatus, inbox, registerSignal, reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';

describeOnDatabases('whose signals the inbox and its tab counts hold', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	const ids: Record<string, string> = {};

	// Signals routed to the institute, to a housing company, registered by a worker, referred to the institute.
	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const noise = await createCategory(ctx.db, world.coordinator, { key: 'noise', kind: 'nuisance', name: 'Lawaai', isActive: true });
		const leak = await createCategory(ctx.db, world.coordinator, { key: 'leak', kind: 'home_repair', name: 'Lek', isActive: true });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: noise.id, organisationId: world.institute.id, deadlineDays: 10 });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: leak.id, organisationId: world.shm.id, deadlineDays: 5 });
		const report = async (categoryId: string, kind: 'nuisance' | 'home_repair', description: string) =>
			(await reportSignal(ctx.db, anonymous, { kind, categoryId, description, estateId: world.estate.id }, { baseUrl })).id;

		// Routed to the institute: one new, one accepted, one rejected, and a duplicate of the first merged into it.
		ids.noiseNew = await report(noise.id, 'nuisance', 'Harde muziek elke nacht');
		ids.noiseAccepted = await report(noise.id, 'nuisance', 'Geroep in de gang na middernacht');
		await changeStatus(ctx.db, world.worker, ids.noiseAccepted, { status: 'accepted' }, { baseUrl });
		ids.noiseRejected = await report(noise.id, 'nuisance', 'De buren praten te luid overdag');
		await changeStatus(ctx.db, world.worker, ids.noiseRejected, { status: 'rejected', reason: 'Gewoon leefgeluid' }, { baseUrl });
		ids.noiseDuplicate = await report(noise.id, 'nuisance', 'Weer harde muziek vannacht');
		await mergeSignals(ctx.db, world.worker, { keepId: ids.noiseNew, mergeId: ids.noiseDuplicate });
		// Routed to the housing company: the worker registered one on a house visit; a tenant reported two more, of which
		// the housing company referred one to the institute (pending) and one to the OCMW, which declined it.
		ids.leakRegistered = (
			await registerSignal(
				ctx.db,
				world.worker,
				{ kind: 'home_repair', categoryId: leak.id, description: 'Lek onder het aanrecht bij mevrouw', estateId: world.estate.id, channel: 'house_visit' },
				{ baseUrl }
			)
		).id;
		ids.leakReferred = await report(leak.id, 'home_repair', 'Water in de kelder van blok A');
		await referSignal(
			ctx.db,
			world.landlord,
			ids.leakReferred,
			{ toOrganisationId: world.institute.id, note: 'Kunnen jullie de bewoners samenbrengen?' },
			{ baseUrl }
		);
		ids.leakElsewhere = await report(leak.id, 'home_repair', 'Schimmel in de badkamer');
		const declined = await referSignal(
			ctx.db,
			world.landlord,
			ids.leakElsewhere,
			{ toOrganisationId: world.ocmw.id, note: 'Gezin met schulden?' },
			{ baseUrl }
		);
		await respondToReferral(ctx.db, world.ocmwWorker, declined.id, { accept: false, reason: 'Geen hulpvraag' }, { baseUrl });
	});

	it("the worker's inbox: the institute's signals, the one the worker registered and the one referred, not the merged one", async () => {
		const all = await inbox(ctx.db, world.worker, { status: 'all' });
		expect(new Set(all.items.map((i) => i.id))).toEqual(new Set([ids.noiseNew, ids.noiseAccepted, ids.noiseRejected, ids.leakRegistered, ids.leakReferred]));
		expect(all.total).toBe(5);
		const open = await inbox(ctx.db, world.worker);
		expect(new Set(open.items.map((i) => i.id))).toEqual(new Set([ids.noiseNew, ids.noiseAccepted, ids.leakRegistered, ids.leakReferred]));
		// The housing company's own inbox holds its three leaks, whoever registered them, and none of the institute's.
		const landlord = await inbox(ctx.db, world.landlord, { status: 'all' });
		expect(new Set(landlord.items.map((i) => i.id))).toEqual(new Set([ids.leakRegistered, ids.leakReferred, ids.leakElsewhere]));
	});

	it('the tab counts are the totals of the lists behind the tabs, for every status and filter', async () => {
		for (const [actor, filter] of [
			[world.worker, {}],
			[world.worker, { mine: true }],
			[world.worker, { q: 'muziek' }],
			[world.landlord, {}],
			[world.otherLandlord, {}]
		] as const) {
			const counts = await inboxStatusCounts(ctx.db, actor, filter);
			for (const status of [...SIGNAL_STATUSES, 'open', 'all'] as const) {
				expect([status, counts[status]]).toEqual([status, (await inbox(ctx.db, actor, { ...filter, status })).total]);
			}
		}
		expect(await inboxStatusCounts(ctx.db, world.worker)).toMatchObject({ all: 5, open: 4, new: 3, accepted: 1, rejected: 1 });
		expect((await inboxStatusCounts(ctx.db, world.otherLandlord)).all).toBe(0);
		await expect(inboxStatusCounts(ctx.db, anonymous)).rejects.toThrow(Unauthenticated);
	});
});
