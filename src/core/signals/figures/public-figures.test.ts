// A tenant opens the page of her neighbourhood, or of the whole municipality, and reads how many problems were
// reported there in the last three months, how many are solved and how long solving took — without a word of what
// anyone wrote, and without the help requests, which are nobody's business but the person's and their helper's.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { buildArea, buildEstate, buildPeopleWorld, buildStaff } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { publicSignalFigures, PUBLIC_KINDS } from './public-figures';
import { changeStatus, mergeSignals, reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';
const now = new Date('2026-04-01T10:00:00Z');

describeOnDatabases('public signal figures of an area', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	let municipality: { id: string };
	let east: { id: string };
	let west: { id: string };
	let estate: { id: string };

	// Three months of signals in Wevelgem, its two neighbourhoods and a municipality next to it; the tests only read them.
	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		municipality = await buildArea(ctx.db, { name: 'Wevelgem', kind: 'municipality' });
		east = await buildArea(ctx.db, { name: 'Wevelgem-Oost', parentId: municipality.id });
		west = await buildArea(ctx.db, { name: 'Wevelgem-West', parentId: municipality.id });
		const elsewhere = await buildArea(ctx.db, { name: 'Menen', kind: 'municipality' });
		estate = await buildEstate(ctx.db, east.id, world.shm.id, { name: 'Wallaysplein' });
		await ensureGeneralCategories(ctx.db);
		const category = async (kind: 'home_repair' | 'nuisance' | 'public_space' | 'help', key: string) => {
			const c = await createCategory(ctx.db, world.coordinator, { key, kind, name: key, isActive: true });
			await setRoutingRule(ctx.db, world.coordinator, {
				categoryId: c.id,
				organisationId: kind === 'help' ? world.institute.id : world.shm.id,
				deadlineDays: 5
			});
			return c.id;
		};
		const [damp, noise, street, help] = [
			await category('home_repair', 'damp'),
			await category('nuisance', 'noise'),
			await category('public_space', 'street'),
			await category('help', 'paperwork')
		];
		const report = async (
			kind: 'home_repair' | 'nuisance' | 'public_space' | 'help',
			categoryId: string,
			place: { estateId?: string; areaId?: string },
			at: string,
			description: string
		) =>
			(
				await reportSignal(
					ctx.db,
					anonymous,
					{ kind, categoryId, description, ...place, email: 'fatima@example.be', name: 'Fatima Benali' },
					{ baseUrl, now: new Date(at) }
				)
			).id;
		const solve = (id: string, at: string, actor = world.landlord) => changeStatus(ctx.db, actor, id, { status: 'resolved' }, { baseUrl, now: new Date(at) });

		// East: three damp signals (solved after 2 and 5 working days, one still open) and a refused nuisance signal.
		const d1 = await report('home_repair', damp, { estateId: estate.id }, '2026-03-02T09:00:00Z', 'Schimmel in de badkamer van Fatima');
		await solve(d1, '2026-03-04T09:00:00Z');
		const d2 = await report('home_repair', damp, { estateId: estate.id }, '2026-03-02T10:00:00Z', 'Lek aan het dak boven nummer 3');
		await solve(d2, '2026-03-09T10:00:00Z');
		await report('home_repair', damp, { estateId: estate.id }, '2026-03-20T09:00:00Z', 'Vocht in de kelder');
		const n1 = await report('nuisance', noise, { areaId: east.id }, '2026-02-10T09:00:00Z', 'De buren van nummer 5 maken lawaai');
		await changeStatus(
			ctx.db,
			world.landlord,
			n1,
			{ status: 'rejected', reason: 'Geen overlast vastgesteld' },
			{ baseUrl, now: new Date('2026-02-11T09:00:00Z') }
		);
		// Not counted: a help request (solved within the hour), a double merged into d2, one older than three months.
		const h1 = await report('help', help, { areaId: east.id }, '2026-03-03T09:00:00Z', 'Hulp bij mijn huurcontract');
		const worker = await buildStaff(ctx.db, 'community_worker', world.institute, 'Sara');
		await solve(h1, '2026-03-03T10:00:00Z', worker);
		const double = await report('home_repair', damp, { estateId: estate.id }, '2026-03-05T09:00:00Z', 'Nog eens het lek aan het dak');
		await mergeSignals(ctx.db, world.landlord, { keepId: d2, mergeId: double });
		await report('home_repair', damp, { estateId: estate.id }, '2025-12-15T09:00:00Z', 'Oude melding');
		// West: one public space signal solved the next working day. Menen: one that belongs elsewhere.
		const s1 = await report('public_space', street, { areaId: west.id }, '2026-03-10T09:00:00Z', 'Kapotte straatlamp');
		await solve(s1, '2026-03-11T09:00:00Z');
		await report('public_space', street, { areaId: elsewhere.id }, '2026-03-10T09:00:00Z', 'Zwerfvuil');
	});

	it('counts per kind over the last three months, in the area and the areas inside it', async () => {
		const whole = await publicSignalFigures(ctx.db, anonymous, municipality.id, now);
		expect(whole).toEqual({
			months: 3,
			since: '2026-01-01',
			until: now.toISOString(),
			reported: 5,
			solved: 3,
			open: 1,
			kinds: [
				{ kind: 'home_repair', reported: 3, solved: 2, open: 1 },
				{ kind: 'common_spaces', reported: 0, solved: 0, open: 0 },
				{ kind: 'nuisance', reported: 1, solved: 0, open: 0 },
				{ kind: 'public_space', reported: 1, solved: 1, open: 0 }
			],
			// Solved after 1, 2 and 5 working days: the middle one. With the help request (1 hour) it would be 1.
			medianWorkingDaysToSolve: 2
		});
		expect(whole.kinds.map((k) => k.kind)).toEqual(PUBLIC_KINDS);
		expect(JSON.stringify(whole)).not.toMatch(/help|Fatima|Schimmel|example\.be|Wallaysplein/);
	});

	it('shows one neighbourhood on its own, and an area without signals as zeros', async () => {
		const oost = await publicSignalFigures(ctx.db, anonymous, east.id, now);
		expect(oost).toMatchObject({ reported: 4, solved: 2, open: 1, medianWorkingDaysToSolve: 2 });
		const west3 = await publicSignalFigures(ctx.db, world.landlord, west.id, now);
		expect(west3).toMatchObject({ reported: 1, solved: 1, open: 0, medianWorkingDaysToSolve: 1 });
		// A year later nothing falls in the last three months.
		const quiet = await publicSignalFigures(ctx.db, anonymous, municipality.id, new Date('2027-04-01T10:00:00Z'));
		expect(quiet).toMatchObject({ reported: 0, solved: 0, open: 0, medianWorkingDaysToSolve: null });
		expect(quiet.kinds.every((k) => k.reported === 0)).toBe(true);
	});

	it("shows an estate's page only the signals about that estate", async () => {
		// East's nuisance signal was about the area, not the estate: three damp signals remain.
		expect(await publicSignalFigures(ctx.db, anonymous, east.id, now, { estateId: estate.id })).toMatchObject({ reported: 3, solved: 2, open: 1 });
	});
});
