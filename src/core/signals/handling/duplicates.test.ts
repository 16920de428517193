// Five tenants of the same estate report the broken lift. The housing company sees the others suggested on each
// signal, merges them into one, and every tenant who left an address still hears when it is fixed.
import { beforeEach, expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Conflict, Forbidden, Invalid } from '../../errors';
import { buildPeopleWorld } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { distanceMetres, duplicateCandidates, mergeSignals } from './duplicates';
import { changeStatus, getSignal, inbox, reportSignal, trackByToken } from '..';

const baseUrl = 'https://leefbaar.test';
const day = 86_400_000;

describeOnDatabases(
	'duplicates and merging',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		const s: Record<string, { id: string; reference: string; trackingToken: string | null }> = {};

		it('measures distances between map points', () => {
			// Two points 0.001° of latitude apart lie about 111 m apart.
			expect(Math.round(distanceMetres({ lon: 3.2, lat: 50.8 }, { lon: 3.2, lat: 50.801 }))).toBe(111);
		});

		// Tenants report the lift of their estate, a pothole on the street, and the lift of another estate; each test gets
		// its own database with these reports, as the merges change them.
		beforeEach(async () => {
			world = await buildPeopleWorld(ctx.db);
			await ensureGeneralCategories(ctx.db);
			const lift = await createCategory(ctx.db, world.coordinator, { key: 'lift', kind: 'common_spaces', name: 'Lift', isActive: true });
			const pothole = await createCategory(ctx.db, world.coordinator, { key: 'pothole', kind: 'public_space', name: 'Put in de weg', isActive: true });
			const heating = await createCategory(ctx.db, world.coordinator, { key: 'heating', kind: 'home_repair', name: 'Verwarming', isActive: true });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: lift.id, organisationId: world.shm.id, deadlineDays: 2 });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: pothole.id, organisationId: world.shm.id, deadlineDays: 10 });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: heating.id, organisationId: world.shm.id, deadlineDays: 3 });
			const now = Date.now();
			const report = (key: string, input: Record<string, unknown>, daysAgo = 0) =>
				reportSignal(ctx.db, anonymous, { kind: 'common_spaces', description: `Melding ${key} van een bewoner`, ...input } as never, {
					baseUrl,
					now: new Date(now - daysAgo * day)
				}).then((r) => (s[key] = r));
			await report('liftA', { categoryId: lift.id, estateId: world.estate.id, email: 'a@example.be' }, 1);
			await report('liftB', { categoryId: lift.id, estateId: world.estate.id, email: 'b@example.be' });
			await report('liftOld', { categoryId: lift.id, estateId: world.estate.id }, 30);
			await report('liftElsewhere', { categoryId: lift.id, estateId: world.otherEstate.id });
			await report('heating', { kind: 'home_repair', categoryId: heating.id, estateId: world.estate.id });
			await report('holeA', { kind: 'public_space', categoryId: pothole.id, locationKind: 'map', lon: 3.2, lat: 50.8, email: 'h@example.be' });
			await report('holeNear', { kind: 'public_space', categoryId: pothole.id, locationKind: 'map', lon: 3.2, lat: 50.8009 });
			await report('holeFar', { kind: 'public_space', categoryId: pothole.id, locationKind: 'map', lon: 3.2, lat: 50.81 });
		});

		it('suggests the recent lift report of the same estate, not an old one, another estate or another category', async () => {
			const found = await duplicateCandidates(ctx.db, world.landlord, s.liftB.id);
			expect(found.map((c) => c.reference)).toEqual([s.liftA.reference]);
			expect(found[0]).toMatchObject({ sameEstate: true, canMerge: true, status: 'new' });
			// Looking further back finds the old one too.
			expect((await duplicateCandidates(ctx.db, world.landlord, s.liftB.id, { days: 60 })).map((c) => c.reference)).toContain(s.liftOld.reference);
		});

		it('suggests a pothole 100 m away on the map, not one a kilometre away', async () => {
			const found = await duplicateCandidates(ctx.db, world.landlord, s.holeA.id);
			expect(found.map((c) => [c.reference, c.distanceMetres])).toEqual([[s.holeNear.reference, 100]]);
			expect(await duplicateCandidates(ctx.db, world.landlord, s.holeA.id, { metres: 50 })).toEqual([]);
		});

		it('someone of another organisation sees no candidates and cannot merge', async () => {
			await expect(duplicateCandidates(ctx.db, world.otherLandlord, s.liftB.id)).rejects.toThrow(Forbidden);
			await expect(mergeSignals(ctx.db, world.otherLandlord, { keepId: s.liftA.id, mergeId: s.liftB.id })).rejects.toThrow(Forbidden);
		});

		it('merges the second lift report into the first: it leaves the inbox, and both reporters hear of the solution', async () => {
			await mergeSignals(ctx.db, world.landlord, { keepId: s.liftA.id, mergeId: s.liftB.id });
			const ids = (await inbox(ctx.db, world.landlord)).items.map((i) => i.id);
			expect(ids).toContain(s.liftA.id);
			expect(ids).not.toContain(s.liftB.id);
			const kept = await getSignal(ctx.db, world.landlord, s.liftA.id);
			expect(kept.mergedSignals.map((m) => m.reference)).toEqual([s.liftB.reference]);
			expect(kept.timeline.at(-1)).toMatchObject({ kind: 'merged', visibility: 'internal' });
			expect((await getSignal(ctx.db, world.landlord, s.liftB.id)).timeline.at(-1)).toMatchObject({ kind: 'merged', visibility: 'reporter' });
			// The second tenant's tracking link now follows the kept signal.
			expect((await trackByToken(ctx.db, anonymous, s.liftB.trackingToken!)).mergedIntoReference).toBe(s.liftA.reference);

			await changeStatus(ctx.db, world.landlord, s.liftA.id, { status: 'resolved' }, { baseUrl });
			const resolvedMails = (await ctx.db.selectFrom('outbox').select('payload').execute())
				.map((r) => r.payload as { to: string; subject: string })
				.filter((m) => m.subject === `Je melding ${s.liftA.reference} is opgelost`);
			expect(resolvedMails.map((m) => m.to).sort()).toEqual(['a@example.be', 'b@example.be']);
			expect(await ctx.db.selectFrom('audit_log').select('summary').where('action', '=', 'signal_merge').execute()).toEqual([
				{ summary: `${s.liftB.reference} → ${s.liftA.reference}` }
			]);
		});

		it('refuses a merge into itself, into a merged signal, or of a signal merged already', async () => {
			await mergeSignals(ctx.db, world.landlord, { keepId: s.liftA.id, mergeId: s.liftB.id });
			await expect(mergeSignals(ctx.db, world.landlord, { keepId: s.liftA.id, mergeId: s.liftA.id })).rejects.toThrow(Invalid);
			await expect(mergeSignals(ctx.db, world.landlord, { keepId: s.liftB.id, mergeId: s.liftOld.id })).rejects.toMatchObject({ code: 'merge_chain' });
			await expect(mergeSignals(ctx.db, world.landlord, { keepId: s.liftOld.id, mergeId: s.liftB.id })).rejects.toMatchObject({ code: 'already_merged' });
			await expect(mergeSignals(ctx.db, world.landlord, { keepId: s.liftOld.id, mergeId: s.liftB.id })).rejects.toThrow(Conflict);
			expect((await ctx.db.selectFrom('signals').select('merged_into_id').where('id', '=', s.liftOld.id).executeTakeFirstOrThrow()).merged_into_id).toBeNull();
		});

		it('merging a signal that others were merged into moves them along: never a chain', async () => {
			await mergeSignals(ctx.db, world.landlord, { keepId: s.liftA.id, mergeId: s.liftB.id });
			const result = await mergeSignals(ctx.db, world.landlord, { keepId: s.liftOld.id, mergeId: s.liftA.id });
			expect(result.movedAlong).toBe(1);
			const rows = await ctx.db.selectFrom('signals').select(['id', 'merged_into_id']).where('id', 'in', [s.liftA.id, s.liftB.id]).execute();
			expect(rows.every((r) => r.merged_into_id === s.liftOld.id)).toBe(true);
		});
	},
	{ each: true }
);
