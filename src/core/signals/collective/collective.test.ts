// A community worker bundles the damp signals of an estate into one collective issue for the talk with the housing
// company: the issue shows its figures and its signals (no names, no descriptions), exports them as CSV, and each
// signal's timeline says it was bundled. A help request is never bundled; a partner cannot bundle. After the talk the
// worker closes it with what was agreed, and reopens it when the agreement is not kept.
import { beforeEach, expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Conflict, Forbidden, Invalid } from '../../errors';
import { parseCsv } from '../../formats';
import { buildPeopleWorld } from '../../people/factories';
import { createHousehold } from '../../people/households';
import { createResident } from '../../people/residents';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import {
	addSignalsToCollective,
	closeCollectiveIssue,
	createCollectiveFromSelection,
	createCollectiveIssue,
	exportCollectiveCsv,
	exportFiguresCsv,
	getCollectiveIssue,
	listCollectiveIssues,
	OUTCOME_EXCERPT,
	removeSignalsFromCollective,
	reopenCollectiveIssue
} from './collective';
import { changeStatus, getSignal, registerSignal, reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';
const now = new Date('2026-04-01T10:00:00Z');

describeOnDatabases(
	'collective issues',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let damp: { id: string };
		let signalIds: string[];
		let helpId: string;

		// Three damp signals of the estate (one solved, one refused, one open and overdue) and a help request; each test
		// gets its own database with them, as the tests bundle, move and close.
		beforeEach(async () => {
			signalIds = [];
			world = await buildPeopleWorld(ctx.db);
			await ensureGeneralCategories(ctx.db);
			damp = await createCategory(ctx.db, world.coordinator, { key: 'leak_damp', kind: 'home_repair', name: 'Lek of vocht', isActive: true });
			const help = await createCategory(ctx.db, world.coordinator, { key: 'paperwork', kind: 'help', name: 'Papieren', isActive: true });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: damp.id, organisationId: world.shm.id, deadlineDays: 5 });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: help.id, organisationId: world.institute.id, deadlineDays: 3 });
			for (const [i, day] of ['2026-01-05', '2026-02-02', '2026-03-02'].entries()) {
				const r = await reportSignal(
					ctx.db,
					anonymous,
					{
						kind: 'home_repair',
						categoryId: damp.id,
						description: `Schimmel in de badkamer, blok ${i + 1}`,
						estateId: world.estate.id,
						email: `huurder${i}@example.be`,
						name: 'Fatima Benali'
					},
					{ baseUrl, now: new Date(`${day}T09:00:00Z`) }
				);
				signalIds.push(r.id);
			}
			await changeStatus(ctx.db, world.landlord, signalIds[0], { status: 'resolved' }, { baseUrl, now: new Date('2026-01-08T09:00:00Z') });
			await changeStatus(
				ctx.db,
				world.landlord,
				signalIds[1],
				{ status: 'rejected', reason: 'Geen vocht gevonden' },
				{ baseUrl, now: new Date('2026-02-03T09:00:00Z') }
			);
			const household = await createHousehold(ctx.db, world.coordinator, { name: 'Gezin Benali' });
			const resident = await createResident(ctx.db, world.coordinator, { householdId: household.id, firstName: 'Fatima', lastName: 'Benali' });
			helpId = (
				await registerSignal(
					ctx.db,
					world.worker,
					{
						kind: 'help',
						categoryId: help.id,
						description: 'Hulp bij formulieren',
						estateId: world.estate.id,
						residentId: resident.id,
						channel: 'community_centre'
					},
					{ baseUrl, now }
				)
			).id;
		});

		/** The issue for the talk with the housing company, holding the three damp signals. */
		const bundleDamp = async () =>
			(
				await createCollectiveIssue(
					ctx.db,
					world.worker,
					{
						title: 'Vocht in de woningen',
						description: 'Voor het overleg met de huisvestingsmaatschappij',
						estateId: world.estate.id,
						categoryId: damp.id,
						signalIds
					},
					{ now }
				)
			).id;

		/** That issue without the refused signal, closed with what was agreed. */
		const outcome = 'De Vlashaard plaatst voor 1 oktober ventilatie in blok 1 en 2.\n=Opvolging in het buurtcomité.';
		const closedDamp = async (later: Date) => {
			const issueId = await bundleDamp();
			await removeSignalsFromCollective(ctx.db, world.worker, issueId, [signalIds[1]], { now });
			await closeCollectiveIssue(ctx.db, world.worker, issueId, { outcome }, { now: later });
			return issueId;
		};

		it('bundles three damp signals of an estate, and refuses a help request and a partner', async () => {
			await expect(createCollectiveIssue(ctx.db, world.worker, { title: 'Vocht', signalIds: [...signalIds, helpId] })).rejects.toThrow(Invalid);
			await expect(createCollectiveIssue(ctx.db, world.landlord, { title: 'Vocht', signalIds })).rejects.toThrow(Forbidden);
			await expect(createCollectiveIssue(ctx.db, world.worker, { title: 'Vocht', signalIds: ['no-such-signal'] })).rejects.toThrow(Invalid);
			await expect(createCollectiveIssue(ctx.db, world.worker, { title: 'V', signalIds })).rejects.toThrow(Invalid);

			const issue = await createCollectiveIssue(
				ctx.db,
				world.worker,
				{
					title: 'Vocht in de woningen',
					description: 'Voor het overleg met de huisvestingsmaatschappij',
					estateId: world.estate.id,
					categoryId: damp.id,
					signalIds: signalIds.slice(0, 2)
				},
				{ now }
			);
			expect(await addSignalsToCollective(ctx.db, world.worker, issue.id, [signalIds[2], signalIds[0]], { now })).toBe(1);
			const timeline = (await getSignal(ctx.db, world.worker, signalIds[2])).timeline;
			expect(timeline.at(-1)).toMatchObject({ kind: 'collective', body: 'Vocht in de woningen', visibility: 'internal' });
		});

		it('shows the issue with its figures and signals, and lists it with its counts', async () => {
			const issueId = await bundleDamp();
			const view = await getCollectiveIssue(ctx.db, world.landlord, issueId, now);
			expect(view.issue).toMatchObject({
				title: 'Vocht in de woningen',
				estateName: world.estate.name,
				categoryName: 'Lek of vocht',
				createdByName: 'Sara El Amrani'
			});
			expect(view.figures.totals).toMatchObject({ total: 3, solved: 1, rejected: 1, open: 1, overdue: 1 });
			expect(view.signals.map((s) => [s.status, s.categoryName, s.overdue])).toEqual([
				['resolved', 'Lek of vocht', false],
				['rejected', 'Lek of vocht', false],
				['new', 'Lek of vocht', true]
			]);
			expect(JSON.stringify(view.signals)).not.toMatch(/Schimmel|Benali|example\.be/);
			expect(view.can.update).toBe(false);
			expect(await listCollectiveIssues(ctx.db, world.coordinator)).toEqual([
				expect.objectContaining({ id: issueId, signals: 3, open: 1, estateName: world.estate.name })
			]);
		});

		it('exports the signals and the figures as CSV without personal data', async () => {
			const issueId = await bundleDamp();
			const { csv } = await exportCollectiveCsv(ctx.db, world.coordinator, issueId, now);
			const records = parseCsv(csv).records.map((r) => r.fields);
			expect(records[0]).toEqual([
				'reference',
				'category',
				'estate',
				'status',
				'created_at',
				'deadline_at',
				'resolved_at',
				'on_time',
				'overdue',
				'issue_status',
				'issue_outcome'
			]);
			expect(records.slice(1).map((r) => [r[1], r[3], r[7], r[8], r[9], r[10]])).toEqual([
				['Lek of vocht', 'resolved', 'yes', 'no', 'open', ''],
				['Lek of vocht', 'rejected', '', 'no', 'open', ''],
				['Lek of vocht', 'new', '', 'yes', 'open', '']
			]);
			expect(csv).not.toMatch(/Schimmel|Benali|example\.be|formulieren/);
			const figures = await exportFiguresCsv(ctx.db, world.landlord, { estateId: world.estate.id, from: '2026-01-01', to: '2026-04-01' }, now);
			const rows = parseCsv(figures.csv).records.map((r) => r.fields);
			expect(rows[1].slice(0, 9)).toEqual(['total', '2026-01-01/2026-04-01', '4', '2', '1', '1', '1', '0', '0']);
			expect(rows.find((r) => r[0] === 'category' && r[1] === 'Lek of vocht')?.[10]).toBe('100.0');
			expect(figures.csv).not.toMatch(/Schimmel|Benali|formulieren/);
		});

		it('bundles from a filter: only the overdue damp signals of the estate, never the help request', async () => {
			const issueId = await bundleDamp();
			await expect(
				createCollectiveFromSelection(ctx.db, world.coordinator, { title: '', estateId: world.estate.id, which: 'overdue' }, { now })
			).rejects.toThrow(Invalid);
			await expect(
				createCollectiveFromSelection(ctx.db, world.coordinator, { title: 'Niets', estateId: world.otherEstate.id, which: 'all' }, { now })
			).rejects.toThrow(Invalid);
			const overdue = await createCollectiveFromSelection(
				ctx.db,
				world.coordinator,
				{ title: 'Vocht: te laat', estateId: world.estate.id, categoryId: damp.id, from: '2026-01-01', to: '2026-04-01', which: 'overdue' },
				{ now }
			);
			const view = await getCollectiveIssue(ctx.db, world.coordinator, overdue.id, now);
			expect(view.signals.map((s) => s.id)).toEqual([signalIds[2]]);
			expect(view.issue).toMatchObject({ estate_id: world.estate.id, category_id: damp.id });
			// The signal moved from the first issue to this one.
			expect((await getCollectiveIssue(ctx.db, world.coordinator, issueId, now)).signals.map((s) => s.id)).toEqual(signalIds.slice(0, 2));
		});

		it('takes a signal out of the issue again', async () => {
			const issueId = await bundleDamp();
			expect(await removeSignalsFromCollective(ctx.db, world.worker, issueId, [signalIds[1]], { now })).toBe(1);
			const view = await getCollectiveIssue(ctx.db, world.worker, issueId, now);
			expect(view.signals).toHaveLength(2);
			expect(view.figures.totals.rejected).toBe(0);
		});

		it('closes the issue with what was agreed: listed apart, the outcome on the page and in the CSV, and audited', async () => {
			const later = new Date('2026-06-15T14:00:00Z');
			const issueId = await bundleDamp();
			await removeSignalsFromCollective(ctx.db, world.worker, issueId, [signalIds[1]], { now });
			await expect(closeCollectiveIssue(ctx.db, world.landlord, issueId, { outcome: 'Afgesproken: alles hersteld' })).rejects.toThrow(Forbidden);
			await expect(closeCollectiveIssue(ctx.db, world.worker, issueId, { outcome: '  ' })).rejects.toThrow(Invalid);
			await expect(closeCollectiveIssue(ctx.db, world.worker, 'no-such-issue', { outcome: 'Afgesproken' })).rejects.toThrow(/not found/);
			const closed = await closeCollectiveIssue(ctx.db, world.worker, issueId, { outcome: `  ${outcome}  ` }, { now: later });
			expect(closed).toMatchObject({ status: 'closed', outcome, closed_at: later.toISOString(), closed_by: world.worker.id });

			const view = await getCollectiveIssue(ctx.db, world.coordinator, issueId, later);
			expect(view.issue).toMatchObject({ status: 'closed', outcome, closedByName: 'Sara El Amrani' });
			const closedList = await listCollectiveIssues(ctx.db, world.coordinator, { status: 'closed' });
			expect(closedList).toEqual([expect.objectContaining({ id: issueId, status: 'closed', outcome, closedAt: later.toISOString() })]);
			expect((await listCollectiveIssues(ctx.db, world.coordinator, { status: 'open' })).map((i) => i.id)).not.toContain(issueId);

			const { csv } = await exportCollectiveCsv(ctx.db, world.coordinator, issueId, later);
			const records = parseCsv(csv).records.map((r) => r.fields);
			// The outcome, line break and all, closes every row.
			expect(records.slice(1).map((r) => [r[9], r[10]])).toEqual([
				['closed', outcome],
				['closed', outcome]
			]);

			// A closed issue is a record: no signal goes in or out, and closing twice is refused.
			await expect(addSignalsToCollective(ctx.db, world.worker, issueId, [signalIds[1]])).rejects.toThrow(Conflict);
			await expect(removeSignalsFromCollective(ctx.db, world.worker, issueId, [signalIds[0]])).rejects.toThrow(Conflict);
			await expect(closeCollectiveIssue(ctx.db, world.worker, issueId, { outcome: 'Nog eens' })).rejects.toThrow(Conflict);
			expect((await getCollectiveIssue(ctx.db, world.worker, issueId, later)).signals).toHaveLength(2);
			// Nor can another issue take them away: bundled again, they stay in the closed one.
			const other = await createCollectiveIssue(ctx.db, world.worker, { title: 'Vocht opnieuw', signalIds: [signalIds[0], signalIds[1]] }, { now: later });
			expect((await getCollectiveIssue(ctx.db, world.worker, issueId, later)).signals).toHaveLength(2);
			expect((await getCollectiveIssue(ctx.db, world.worker, other.id, later)).signals.map((x) => x.id)).toEqual([signalIds[1]]);
			await removeSignalsFromCollective(ctx.db, world.worker, other.id, [signalIds[1]], { now: later });

			const log = await ctx.db
				.selectFrom('audit_log')
				.select(['action', 'actor_id', 'summary'])
				.where('resource_id', '=', issueId)
				.where('action', '=', 'collective_close')
				.execute();
			expect(log).toEqual([{ action: 'collective_close', actor_id: world.worker.id, summary: 'closed with an outcome' }]);
			expect(JSON.stringify(log)).not.toContain('ventilatie');
		});

		it('reopens the issue when the agreement is not kept, keeping the earlier outcome to start from', async () => {
			const issueId = await closedDamp(new Date('2026-06-15T14:00:00Z'));
			await expect(reopenCollectiveIssue(ctx.db, world.landlord, issueId)).rejects.toThrow(Forbidden);
			const reopened = await reopenCollectiveIssue(ctx.db, world.coordinator, issueId, { now: new Date('2026-10-02T08:00:00Z') });
			expect(reopened).toMatchObject({ status: 'open', closed_at: null, closed_by: null });
			expect(reopened.outcome).toMatch(/^De Vlashaard plaatst/);
			await expect(reopenCollectiveIssue(ctx.db, world.coordinator, issueId)).rejects.toThrow(Conflict);
			expect((await listCollectiveIssues(ctx.db, world.coordinator, { status: 'open' })).map((i) => i.id)).toContain(issueId);
			expect(await addSignalsToCollective(ctx.db, world.worker, issueId, [signalIds[1]])).toBe(1);
			const actions = await ctx.db
				.selectFrom('audit_log')
				.select('action')
				.where('resource_id', '=', issueId)
				.where('action', 'in', ['collective_close', 'collective_reopen'])
				.orderBy('at')
				.execute();
			expect(actions.map((a) => a.action)).toEqual(['collective_close', 'collective_reopen']);
		});

		it('shows a long outcome cut short in the list, whole on the page', async () => {
			const issueId = await bundleDamp();
			const long = `${'Afspraak over de ramen en het dak. '.repeat(20)}Einde.`;
			await closeCollectiveIssue(ctx.db, world.worker, issueId, { outcome: long });
			const [item] = await listCollectiveIssues(ctx.db, world.worker, { status: 'closed' });
			expect(item.outcome!.length).toBeLessThanOrEqual(OUTCOME_EXCERPT);
			expect(item.outcome).toMatch(/…$/);
			expect((await getCollectiveIssue(ctx.db, world.worker, issueId)).issue.outcome).toBe(long);
			await expect(listCollectiveIssues(ctx.db, world.worker, { status: 'gone' as never })).rejects.toThrow(Invalid);
		});
	},
	{ each: true }
);
