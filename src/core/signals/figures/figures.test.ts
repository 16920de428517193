// A coordinator looks at a year of signals on an estate: how many came in each month, how fast the housing company
// answered and solved them, how many on time — with rejections and "not our task" never counted as solved — and
// where on the map they cluster, without a single name, description or help request in sight.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Invalid, Unauthenticated } from '../../errors';
import { parseCsv } from '../../formats';
import { buildArea, buildEstate, buildPeopleWorld } from '../../people/factories';
import { createHousehold } from '../../people/households';
import { createResident } from '../../people/residents';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { exportFiguresCsv } from '../collective/collective';
import { workingDaysBetween } from '../handling/deadlines';
import { mergeSignals } from '../handling/duplicates';
import { signalFigures } from './figures';
import { changeStatus, registerSignal, reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';
const at = (iso: string) => new Date(iso);

describeOnDatabases('figures of the collective view', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	let damp: { id: string };
	let noise: { id: string };
	let otherEstate: { id: string };
	const now = at('2026-06-30T12:00:00Z');

	// A year of signals on an estate: reported, answered, solved, rejected, not our task, still open.
	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		damp = await createCategory(ctx.db, world.coordinator, {
			key: 'leak_damp',
			kind: 'home_repair',
			name: 'Lek of vocht',
			nameFr: 'Fuite ou humidité',
			nameEn: 'Leak or damp',
			isActive: true
		});
		noise = await createCategory(ctx.db, world.coordinator, { key: 'noise', kind: 'nuisance', name: 'Lawaai', isActive: true });
		const help = await createCategory(ctx.db, world.coordinator, { key: 'money_debts', kind: 'help', name: 'Geld en schulden', isActive: true });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: damp.id, organisationId: world.shm.id, deadlineDays: 5 });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: noise.id, organisationId: world.institute.id, deadlineDays: 10 });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: help.id, organisationId: world.institute.id, deadlineDays: 3 });
		// A neighbourhood inside the world's area, with an estate of its own: the area filter must include it.
		const inner = await buildArea(ctx.db, { name: 'Binnenwijk', parentId: world.area.id });
		otherEstate = await buildEstate(ctx.db, inner.id, world.shm.id, { name: 'Binnenhof' });

		const report = (categoryId: string, kind: 'home_repair' | 'nuisance', when: string, estateId = world.estate.id, point?: [number, number]) =>
			reportSignal(
				ctx.db,
				anonymous,
				{
					kind,
					categoryId,
					description: 'Er is iets mis, graag komen kijken',
					estateId,
					...(point ? { lon: point[0], lat: point[1], locationKind: 'map' as const } : {})
				},
				{ baseUrl, now: at(when) }
			);
		const move = (id: string, status: 'accepted' | 'resolved' | 'rejected' | 'not_our_task' | 'closed', when: string, reason?: string) =>
			changeStatus(ctx.db, world.landlord, id, { status, reason }, { baseUrl, now: at(when) });
		const moveInstitute = (id: string, status: 'accepted' | 'resolved' | 'rejected' | 'not_our_task', when: string, reason?: string) =>
			changeStatus(ctx.db, world.worker, id, { status, reason }, { baseUrl, now: at(when) });

		// January (Monday 5th): damp, answered after 4 hours, solved on Friday the 9th — on time (5 working days).
		const a = await report(damp.id, 'home_repair', '2026-01-05T09:00:00Z', world.estate.id, [3.1745, 50.8093]);
		await move(a.id, 'accepted', '2026-01-05T13:00:00Z');
		await move(a.id, 'resolved', '2026-01-09T09:00:00Z');
		// January: damp, answered after 24 h, solved late (a month later), then closed: still solved, not on time.
		const b = await report(damp.id, 'home_repair', '2026-01-12T09:00:00Z', world.estate.id, [3.17452, 50.80931]);
		await move(b.id, 'accepted', '2026-01-13T09:00:00Z');
		await move(b.id, 'resolved', '2026-02-12T09:00:00Z');
		await move(b.id, 'closed', '2026-02-20T09:00:00Z');
		// February: damp rejected the same day (fast, but never "solved") and one "not our task", later closed.
		const c = await report(damp.id, 'home_repair', '2026-02-02T09:00:00Z');
		await move(c.id, 'rejected', '2026-02-02T11:00:00Z', 'Dit is condens door niet verluchten');
		const d = await report(damp.id, 'home_repair', '2026-02-03T09:00:00Z');
		await move(d.id, 'not_our_task', '2026-02-03T15:00:00Z', 'Privéwoning, niet van ons');
		await move(d.id, 'closed', '2026-02-10T09:00:00Z');
		// March: damp still open and long overdue; noise on the inner estate, open, not yet due.
		await report(damp.id, 'home_repair', '2026-03-02T09:00:00Z');
		const e = await report(noise.id, 'nuisance', '2026-06-29T09:00:00Z', otherEstate.id, [3.2, 50.81]);
		await moveInstitute(e.id, 'accepted', '2026-06-29T17:00:00Z');
		// A help request on the estate (due in 3 working days, so overdue by now), registered by a worker with a resident: counted, never mapped or named.
		const household = await createHousehold(ctx.db, world.coordinator, { name: 'Gezin Peeters' });
		const resident = await createResident(ctx.db, world.coordinator, {
			householdId: household.id,
			firstName: 'Marie',
			lastName: 'Peeters',
			language: 'nl',
			contactChannel: 'phone',
			phone: '+32 470 12 34 56'
		});
		await registerSignal(
			ctx.db,
			world.worker,
			{
				kind: 'help',
				categoryId: help.id,
				description: 'Mevrouw heeft schulden bij de energieleverancier',
				estateId: world.estate.id,
				residentId: resident.id,
				channel: 'house_visit',
				lon: 3.1745,
				lat: 50.8093
			},
			{ baseUrl, now: at('2026-03-10T10:00:00Z') }
		);
		// Last year, outside the period.
		await report(damp.id, 'home_repair', '2025-05-01T09:00:00Z');
	});

	it('counts what became of the signals, with rejections and "not our task" apart from solved', async () => {
		const f = await signalFigures(ctx.db, world.coordinator, { areaId: world.area.id, from: '2026-01-01', to: '2026-06-30' }, now);
		expect(f.totals).toMatchObject({
			total: 7,
			open: 3,
			overdue: 2,
			solved: 2,
			rejected: 1,
			notOurTask: 0,
			closedUnsolved: 1,
			helpRequests: 1,
			solvedWithDeadline: 2,
			solvedOnTime: 1,
			onTimeShare: 0.5
		});
		// First response: 4 h, 24 h, 2 h, 6 h, 8 h → median 6 h.
		expect(f.firstResponse).toMatchObject({ count: 5, medianHours: 6 });
		// Solution (only the two solved): 96 h and 744 h → median 420 h; rejections do not make it look fast.
		expect(f.resolution.count).toBe(2);
		expect(f.resolution.medianHours).toBeCloseTo(420, 5);
		expect(f.resolution.medianWorkingDays).toBe(workingDaysBetween(at('2026-01-05T09:00:00Z'), at('2026-01-09T09:00:00Z')));
		expect(f.series.map((s) => [s.bucket, s.total, s.solved, s.rejected, s.closedUnsolved, s.open])).toEqual([
			['2026-01', 2, 2, 0, 0, 0],
			['2026-02', 2, 0, 1, 1, 0],
			['2026-03', 2, 0, 0, 0, 2],
			// A quiet month is an empty bar, not a gap.
			['2026-04', 0, 0, 0, 0, 0],
			['2026-05', 0, 0, 0, 0, 0],
			['2026-06', 1, 0, 0, 0, 1]
		]);
		const byCategory = Object.fromEntries(f.byCategory.map((c) => [c.name, c]));
		expect(byCategory['Lek of vocht']).toMatchObject({
			total: 5,
			solved: 2,
			rejected: 1,
			closedUnsolved: 1,
			overdue: 1,
			nameFr: 'Fuite ou humidité',
			onTimeShare: 0.5
		});
		expect(byCategory['Lek of vocht'].medianResolutionHours).toBeCloseTo(420, 5);
		// In Belgian working days, as deadlines are: the middle solved damp signal (96 h, Monday 5 to Friday 9 January)
		// took 4; the middle first answer (4 h, the same Monday) none.
		expect(byCategory['Lek of vocht']).toMatchObject({ medianResolutionWorkingDays: 4, medianFirstResponseWorkingDays: 0 });
		expect(byCategory['Lawaai']).toMatchObject({ medianResolutionWorkingDays: null, medianFirstResponseWorkingDays: 0 });
		expect(byCategory['Lawaai']).toMatchObject({ total: 1, open: 1, overdue: 0, medianFirstResponseHours: 8 });
		expect(f.byEstate.map((e) => [e.name, e.total])).toEqual([
			[world.estate.name, 6],
			['Binnenhof', 1]
		]);
	});

	it('the CSV gives the times in hours and in working days, for the period and per category', async () => {
		const { csv } = await exportFiguresCsv(ctx.db, world.coordinator, { areaId: world.area.id, from: '2026-01-01', to: '2026-06-30' }, now);
		const [header, ...rows] = parseCsv(csv).records.map((r) => r.fields);
		const column = (name: string) => header.indexOf(name);
		const row = (group: string, label: string) => rows.find((r) => r[0] === group && r[1] === label)!;
		const damp = row('category', 'Lek of vocht');
		expect([
			damp[column('median_resolution_hours')],
			damp[column('median_resolution_working_days')],
			damp[column('median_first_response_working_days')]
		]).toEqual(['420.0', '4', '0']);
		const total = row('total', '2026-01-01/2026-06-30');
		expect(total[column('median_resolution_working_days')]).toBe('4');
		expect(row('month', '2026-01')[column('median_resolution_working_days')]).toBe('');
	});

	it('puts signals on a grid of about 100 m for the map, without the help request', async () => {
		const f = await signalFigures(ctx.db, world.coordinator, { areaId: world.area.id, from: '2026-01-01', to: '2026-06-30' }, now);
		const cells = f.hotspots.map((h) => [Math.round(h.lon * 1000) / 1000, Math.round(h.lat * 1000) / 1000, h.count, h.open]);
		expect(cells).toEqual([
			[3.174, 50.809, 2, 0],
			[3.2, 50.81, 1, 1]
		]);
		expect(JSON.stringify(f)).not.toMatch(/Mevrouw heeft|Peeters|graag komen kijken/);
	});

	it('filters by estate, category, week and period, and refuses bad dates', async () => {
		const estate = await signalFigures(ctx.db, world.worker, { estateId: otherEstate.id, from: '2026-01-01', to: '2026-06-30', bucket: 'week' }, now);
		// Every week of the period, from the Monday of the first one (29 December 2025).
		expect([estate.series[0].bucket, estate.series.at(-1)!.bucket, estate.series.length]).toEqual(['2025-12-29', '2026-06-29', 27]);
		expect(estate.totals.total).toBe(1);
		expect(estate.series.filter((s) => s.total > 0)).toMatchObject([
			{ bucket: '2026-06-29', total: 1, open: 1, solved: 0, rejected: 0, notOurTask: 0, closedUnsolved: 0 }
		]);
		const noiseOnly = await signalFigures(ctx.db, world.landlord, { categoryId: noise.id, from: '2026-01-01', to: '2026-06-30' }, now);
		expect(noiseOnly.totals.total).toBe(1);
		// Without dates: the twelve months up to today, which takes in last May's signal too.
		const year = await signalFigures(ctx.db, world.coordinator, { areaId: world.area.id }, at('2026-04-30T12:00:00Z'));
		expect(year.period).toEqual({ from: '2025-05-01', to: '2026-04-30' });
		expect(year.totals.total).toBe(7);
		await expect(signalFigures(ctx.db, world.coordinator, { from: '2026-13-45' })).rejects.toThrow(Invalid);
		await expect(signalFigures(ctx.db, world.coordinator, { from: '2026-05-01', to: '2026-04-01' })).rejects.toThrow(Invalid);
		await expect(signalFigures(ctx.db, anonymous, {})).rejects.toThrow(Unauthenticated);
	});

	it('counts a duplicate merged into another signal once: the merged one is in no figure', async () => {
		// In a half year of its own (2024), so the counts of the other tests stay as they are in any order.
		const then = at('2024-06-30T12:00:00Z');
		const before = await signalFigures(ctx.db, world.coordinator, { areaId: world.area.id, from: '2024-01-01', to: '2024-06-30' }, then);
		const report = (description: string, when: string) =>
			reportSignal(
				ctx.db,
				anonymous,
				{ kind: 'home_repair', categoryId: damp.id, description, estateId: world.estate.id, lon: 3.1745, lat: 50.8093, locationKind: 'map' },
				{ baseUrl, now: at(when) }
			);
		const kept = await report('Water loopt langs de muur van de traphal', '2024-04-08T09:00:00Z');
		const duplicate = await report('Natte muur in de traphal, al twee dagen', '2024-04-09T09:00:00Z');
		const withBoth = await signalFigures(ctx.db, world.coordinator, { areaId: world.area.id, from: '2024-01-01', to: '2024-06-30' }, then);
		expect(withBoth.totals.total).toBe(before.totals.total + 2);
		await mergeSignals(ctx.db, world.landlord, { keepId: kept.id, mergeId: duplicate.id }, { now: at('2024-04-09T10:00:00Z') });
		const f = await signalFigures(ctx.db, world.coordinator, { areaId: world.area.id, from: '2024-01-01', to: '2024-06-30' }, then);
		expect(f.totals).toMatchObject({ total: before.totals.total + 1, open: before.totals.open + 1, overdue: before.totals.overdue + 1 });
		expect(f.series.find((s) => s.bucket === '2024-04')).toMatchObject({ total: 1, open: 1 });
		const dampTotal = (x: typeof f) => x.byCategory.find((c) => c.name === 'Lek of vocht')?.total ?? 0;
		expect(dampTotal(f)).toBe(dampTotal(before) + 1);
		expect(f.byEstate.find((e) => e.id === world.estate.id)!.total).toBe((before.byEstate.find((e) => e.id === world.estate.id)?.total ?? 0) + 1);
		const cell = (x: typeof f) => x.hotspots.find((h) => Math.abs(h.lon - 3.1745) < 0.001 && Math.abs(h.lat - 50.8093) < 0.001)?.count ?? 0;
		expect(cell(f)).toBe(cell(before) + 1);
	});
});
