// The signal generator builds what the bench claims to measure: signals spread over estates, categories and statuses,
// routed the way the routing rules say, with deadlines of which some have passed, every one with its "created" event
// and (when a resident sent it) its reporter; the same signals for a seed however the run grows the database; and a
// housing company's inbox and the figures read them like real ones.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { noReach, type StaffActor } from '../src/core/access';
import type { Db } from '../src/core/db/database';
import { describeOnDatabases, freshDatabase } from '../src/core/db/testing';
import { signalFigures } from '../src/core/signals/figures/figures';
import { inbox } from '../src/core/signals/handling/queries';
import { generateDataset } from './dataset';
import { benchReference, generateSignals, prepareSignalWorld, SIGNALS_NOW, type SignalWorld } from './signals';

const sizes = { areas: 60, households: 400, residents: 800 };

/** Every index (with its definition) and foreign key of the signal tables, to see a bulk load put them all back. */
async function indexesAndKeys(db: Db): Promise<string[]> {
	const tables = sql.join(['signals', 'signal_reporters', 'signal_events', 'referrals'].map((t) => sql.lit(t)));
	const rows =
		db.dialect === 'sqlite'
			? (
					await sql<{ d: string }>`select name || ': ' || coalesce(sql, '') as d from sqlite_master where type = 'index' and tbl_name in (${tables})`.execute(
						db
					)
				).rows
			: (
					await sql<{ d: string }>`select indexname || ': ' || indexdef as d from pg_indexes where schemaname = current_schema() and tablename in (${tables})
						union all select conname || ': ' || pg_get_constraintdef(oid) from pg_constraint where contype = 'f' and conrelid::regclass::text in (${tables})`.execute(db)
				).rows;
	return rows.map((r) => r.d).sort();
}
const SIGNALS = 2000;

describeOnDatabases('the bench signal generator', (ctx) => {
	let world: SignalWorld;
	let before: string[];
	let counts: Awaited<ReturnType<typeof generateSignals>>;

	// The generated data is only read by the tests below, so it is written once for the suite.
	beforeAll(async () => {
		await generateDataset(ctx.db, sizes, { seed: 5 });
		world = await prepareSignalWorld(ctx.db, 5);
		before = await indexesAndKeys(ctx.db);
		// In one bulk step (indexes, and on PostgreSQL foreign keys, dropped and put back), as a large run does.
		counts = await generateSignals(ctx.db, world, { from: 0, to: SIGNALS }, 5, () => {}, { bulkFrom: 0 });
	});

	it('writes the asked number of signals, each whole: a created event, and a reporter unless staff registered it', async () => {
		expect(world.estates.length).toBeGreaterThan(10);
		expect(before.length).toBeGreaterThan(10);
		expect(counts.signals).toBe(SIGNALS);
		expect(await indexesAndKeys(ctx.db)).toEqual(before);

		const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => Number((await q.executeTakeFirstOrThrow()).n);
		expect(await n(ctx.db.selectFrom('signals').select((eb) => eb.fn.countAll().as('n')))).toBe(SIGNALS);
		const withoutCreated = ctx.db
			.selectFrom('signals as s')
			.where((eb) =>
				eb.not(eb.exists(eb.selectFrom('signal_events as e').select('e.id').whereRef('e.signal_id', '=', 's.id').where('e.kind', '=', 'created')))
			);
		expect(await n(withoutCreated.select((eb) => eb.fn.countAll().as('n')))).toBe(0);
		const residentsWithoutReporter = ctx.db
			.selectFrom('signals as s')
			.where('s.source', '!=', 'staff')
			.where((eb) => eb.not(eb.exists(eb.selectFrom('signal_reporters as r').select('r.id').whereRef('r.signal_id', '=', 's.id'))));
		expect(await n(residentsWithoutReporter.select((eb) => eb.fn.countAll().as('n')))).toBe(0);
		expect(await n(ctx.db.selectFrom('signal_reporters').select((eb) => eb.fn.countAll().as('n')))).toBe(counts.reporters);
		expect(await n(ctx.db.selectFrom('signal_events').select((eb) => eb.fn.countAll().as('n')))).toBe(counts.events);
	});

	it('spreads them over estates, every category, open and ended statuses, with some deadlines passed', async () => {
		const rows = await ctx.db
			.selectFrom('signals')
			.select(['status', 'category_id', 'estate_id', 'deadline_at', 'created_at', 'resolved_at', 'closed_at'])
			.execute();
		const statuses = new Set(rows.map((r) => r.status));
		for (const s of ['new', 'in_progress', 'resolved', 'closed', 'rejected', 'not_our_task']) expect(statuses).toContain(s);
		expect(new Set(rows.map((r) => r.category_id)).size).toBe(world.categories.length);
		expect(new Set(rows.map((r) => r.estate_id)).size).toBeGreaterThan(world.estates.length / 2);
		const now = SIGNALS_NOW.toISOString();
		const open = rows.filter((r) => ['new', 'accepted', 'in_progress', 'waiting'].includes(r.status));
		const overdue = open.filter((r) => r.deadline_at! < now);
		expect(open.length / rows.length).toBeGreaterThan(0.02);
		expect(open.length / rows.length).toBeLessThan(0.3);
		expect(overdue.length).toBeGreaterThan(0);
		expect(overdue.length).toBeLessThan(open.length);
		expect(rows.every((r) => r.created_at < now && r.deadline_at! > r.created_at)).toBe(true);
		expect(rows.every((r) => !r.resolved_at || (r.resolved_at >= r.created_at && r.resolved_at < now))).toBe(true);
		expect(rows.filter((r) => r.status === 'closed').every((r) => r.closed_at)).toBe(true);
	});

	it('routes like the rules: home repairs to the housing company, help requests to the OCMW, public space to the municipality', async () => {
		const routed = await ctx.db
			.selectFrom('signals as s')
			.innerJoin('organisations as o', 'o.id', 's.organisation_id')
			.select(['s.kind', 'o.kind as org'])
			.distinct()
			.execute();
		const orgOf = new Map<string, Set<string>>();
		for (const r of routed) (orgOf.get(r.kind) ?? orgOf.set(r.kind, new Set()).get(r.kind)!).add(r.org);
		expect([...orgOf.get('home_repair')!]).toEqual(['housing_company']);
		expect([...orgOf.get('help')!]).toEqual(['welfare_centre']);
		expect([...orgOf.get('public_space')!]).toEqual(['municipality']);
		const rules = await ctx.db
			.selectFrom('routing_rules')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(rules.n)).toBe(world.byMunicipality.size * world.categories.length);
	});

	it('writes the same signals for a seed whether the database grows in one step or in two', async () => {
		const other = await freshDatabase(ctx.dialect);
		try {
			await generateDataset(other.db, sizes, { seed: 5 });
			const otherWorld = await prepareSignalWorld(other.db, 5);
			// With the indexes and foreign keys in place; the second step writes more events than one batch holds before
			// its signals are sent, which must not reach the database first.
			await generateSignals(other.db, otherWorld, { from: 0, to: 100 }, 5);
			await generateSignals(other.db, otherWorld, { from: 100, to: SIGNALS }, 5);
			const rows = (db: typeof ctx.db) => db.selectFrom('signals').selectAll().orderBy('id').execute();
			expect(await rows(other.db)).toEqual(await rows(ctx.db));
		} finally {
			await other.dispose();
		}
		const refs = new Set(Array.from({ length: 100_000 }, (_, n) => benchReference(n, 5)));
		expect(refs.size).toBe(100_000);
	});

	it("a housing company's staff find their open signals, most urgent first, and the figures count them", async () => {
		const [municipalityId, who] = [...world.byMunicipality.entries()][0];
		const actor: StaffActor = {
			kind: 'staff',
			id: who.staffIds[0],
			name: 'Medewerker',
			email: 'm@bench.example',
			role: 'partner_staff',
			organisationId: who.housingCompanyId,
			organisationKind: 'housing_company',
			teamIds: [who.techTeamId],
			reach: noReach
		};
		const page = await inbox(ctx.db, actor, {}, SIGNALS_NOW);
		expect(page.total).toBeGreaterThan(0);
		const deadlines = page.items.map((i) => i.deadlineAt!);
		expect(deadlines).toEqual([...deadlines].sort());
		const team = await inbox(ctx.db, actor, { teamId: who.techTeamId }, SIGNALS_NOW);
		expect(team.total).toBeGreaterThan(0);
		expect(team.total).toBeLessThan(page.total);
		const figures = await signalFigures(ctx.db, actor, { areaId: municipalityId }, SIGNALS_NOW);
		expect(figures.totals.total).toBeGreaterThan(0);
		expect(figures.totals.solved).toBeGreaterThan(0);
	});
});
