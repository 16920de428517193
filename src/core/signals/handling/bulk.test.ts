// A housing company's handler selects several signals in the inbox and accepts them at once, or puts them on a
// colleague's name. All or nothing: one signal of another organisation in the selection changes none of them.
import { beforeEach, expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Invalid } from '../../errors';
import { buildPeopleWorld, buildStaff } from '../../people/factories';
import { bulkAction, BulkRefused } from './bulk';
import { inboxStatusCounts } from './inbox-counts';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { getSignal, inbox, reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';

describeOnDatabases(
	'bulk actions in the inbox',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let ours: string[];
		let theirs: string;
		let lift: { id: string };
		let colleague: Awaited<ReturnType<typeof buildStaff>>;

		// Three tenants report; two signals reach De Vlashaard, one the other housing company. Each test starts there, on a
		// database of its own, and takes the steps it needs first.
		beforeEach(async () => {
			world = await buildPeopleWorld(ctx.db);
			await ensureGeneralCategories(ctx.db);
			lift = await createCategory(ctx.db, world.coordinator, { key: 'lift', kind: 'common_spaces', name: 'Lift', isActive: true });
			const leak = await createCategory(ctx.db, world.coordinator, { key: 'leak', kind: 'home_repair', name: 'Lek', isActive: true });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: leak.id, organisationId: world.shm.id, deadlineDays: 5 });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: lift.id, organisationId: world.shm.id, deadlineDays: 2 });
			const a = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'home_repair', categoryId: leak.id, description: 'Lek onder het aanrecht', estateId: world.estate.id, email: 'a@example.be' },
				{ baseUrl }
			);
			const b = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'home_repair', categoryId: leak.id, description: 'Water druppelt uit het plafond', estateId: world.estate.id },
				{ baseUrl }
			);
			ours = [a.id, b.id];
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: leak.id, organisationId: world.otherShm.id, deadlineDays: 5 });
			const c = await reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'home_repair', categoryId: leak.id, description: 'Lek in de badkamer', email: 'c@example.be' },
				{ baseUrl }
			);
			theirs = c.id;
			colleague = await buildStaff(ctx.db, 'partner_staff', world.shm, 'Joke Vandamme');
		});
		const acceptBoth = () => bulkAction(ctx.db, world.landlord, { action: 'status', ids: ours, status: 'accepted' }, { baseUrl });

		it('three tenants report; two signals reach De Vlashaard, one the other housing company', async () => {
			const routed = await ctx.db.selectFrom('signals').select(['id', 'organisation_id']).execute();
			expect(
				routed
					.filter((r) => r.organisation_id === world.shm.id)
					.map((r) => r.id)
					.sort()
			).toEqual([...ours].sort());
			expect(routed.find((r) => r.id === theirs)?.organisation_id).toBe(world.otherShm.id);
		});

		it('a selection with a signal of another organisation fails whole, naming nothing it may not read', async () => {
			const mailsBefore = (await ctx.db.selectFrom('outbox').select('id').execute()).length;
			const attempt = bulkAction(ctx.db, world.landlord, { action: 'status', ids: [...ours, theirs], status: 'accepted' }, { baseUrl });
			await expect(attempt).rejects.toThrow(BulkRefused);
			await expect(attempt).rejects.toMatchObject({ code: 'bulk_forbidden', status: 403, params: { reference: theirs.slice(0, 13) } });
			const statuses = await ctx.db.selectFrom('signals').select('status').where('id', 'in', ours).execute();
			expect(statuses.map((s) => s.status)).toEqual(['new', 'new']);
			// The first tenant's acceptance mail was rolled back with the rest.
			expect((await ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(mailsBefore);
		});

		it('accepts both of its own at once: each gets its timeline event and its reporter a mail', async () => {
			const mailsBefore = (await ctx.db.selectFrom('outbox').select('id').execute()).length;
			expect(await bulkAction(ctx.db, world.landlord, { action: 'status', ids: ours, status: 'accepted' }, { baseUrl })).toEqual({ changed: 2 });
			for (const id of ours) {
				const view = await getSignal(ctx.db, world.landlord, id);
				expect(view.signal!.status).toBe('accepted');
				expect(view.timeline.filter((e) => e.kind === 'status').map((e) => e.toStatus)).toEqual(['accepted']);
			}
			// Only the first tenant left an email address.
			expect((await ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(mailsBefore + 1);
		});

		it('a step the workflow does not allow for one signal names its code and changes nothing', async () => {
			await acceptBoth();
			const [first] = ours;
			await bulkAction(ctx.db, world.landlord, { action: 'status', ids: [first], status: 'resolved' }, { baseUrl });
			const ref = (await getSignal(ctx.db, world.landlord, first)).signal!.reference;
			const attempt = bulkAction(ctx.db, world.landlord, { action: 'status', ids: ours, status: 'in_progress' }, { baseUrl });
			await expect(attempt).rejects.toMatchObject({ code: 'bulk_refused', params: { reference: ref } });
			expect((await getSignal(ctx.db, world.landlord, ours[1])).signal!.status).toBe('accepted');
		});

		it('rejecting several needs the one reason the reporters will read; an empty selection is refused', async () => {
			await expect(bulkAction(ctx.db, world.landlord, { action: 'status', ids: [ours[1]], status: 'rejected' }, { baseUrl })).rejects.toMatchObject({
				issues: [{ path: 'reason', code: 'reason_required' }]
			});
			await expect(bulkAction(ctx.db, world.landlord, { action: 'status', ids: [], status: 'accepted' }, { baseUrl })).rejects.toMatchObject({
				issues: [{ path: 'ids', code: 'bulk_nothing_selected' }]
			});
			await expect(bulkAction(ctx.db, world.landlord, { action: 'teleport', ids: ours } as never, { baseUrl })).rejects.toThrow(Invalid);
		});

		it('puts both on a colleague, who then finds them under "assigned to me"', async () => {
			await bulkAction(ctx.db, world.landlord, { action: 'assign', ids: ours, assigneeId: colleague.id }, { baseUrl });
			const mine = await inbox(ctx.db, colleague, { mine: true, status: 'all' });
			expect(mine.items.map((i) => i.id).sort()).toEqual([...ours].sort());
			// Someone of another organisation cannot be the assignee: refused whole, naming the first signal.
			await expect(bulkAction(ctx.db, world.landlord, { action: 'assign', ids: ours, assigneeId: world.ocmwWorker.id }, { baseUrl })).rejects.toMatchObject({
				code: 'bulk_refused'
			});
			expect((await inbox(ctx.db, colleague, { mine: true, status: 'all' })).total).toBe(2);
		});

		it('sets one category on several, with a timeline entry on each', async () => {
			await bulkAction(ctx.db, world.landlord, { action: 'category', ids: [ours[1]], categoryId: lift.id }, { baseUrl });
			const view = await getSignal(ctx.db, world.landlord, ours[1]);
			expect(view.signal!.category_name).toBe('Lift');
			expect(view.timeline.at(-1)?.kind).toBe('category');
		});

		it('the status tabs count what the inbox lists for each status, for this reader only', async () => {
			await acceptBoth();
			await bulkAction(ctx.db, world.landlord, { action: 'status', ids: [ours[0]], status: 'resolved' }, { baseUrl });
			const counts = await inboxStatusCounts(ctx.db, world.landlord);
			expect(counts).toMatchObject({ resolved: 1, accepted: 1, new: 0, open: 1, all: 2 });
			for (const status of ['open', 'all', 'resolved', 'accepted'] as const)
				expect((await inbox(ctx.db, world.landlord, { status })).total).toBe(counts[status]);
			expect((await inboxStatusCounts(ctx.db, world.landlord, { mine: true })).all).toBe(0);
			expect((await inboxStatusCounts(ctx.db, world.otherLandlord)).new).toBe(1);
		});
	},
	{ each: true }
);
