import { beforeAll, expect, it } from 'vitest';
import { Forbidden } from '../errors';
import { areaAt } from '../areas/lookup';
import { describeOnDatabases } from '../db/testing';
import { anonymous } from '../access';
import { getSurvey, listSurveys } from '../surveys/builder';
import { publicSurveyResults, surveyResults } from '../surveys/results';
import { buildDemoData } from './data';
import { OPEN_STATUSES } from '../signals/model';
import { staffActor } from './signals';

describeOnDatabases('the demo data', (ctx) => {
	let logins: Awaited<ReturnType<typeof buildDemoData>>;
	beforeAll(async () => {
		logins = await buildDemoData(ctx.db);
	}, 180_000);

	it('holds the real places of the seeds, with households, residents and one login per role', async () => {
		expect(new Set(logins.map((l) => l.role))).toEqual(new Set(['admin', 'coordinator', 'community_worker', 'partner_staff']));
		const estates = await ctx.db.selectFrom('estates').select('name').execute();
		expect(estates.map((e) => e.name)).toEqual(
			expect.arrayContaining(['Wallaysplein', 'Kapelakker', 'Nieuwe Stad', 'De Barakken', 'Centrumwijk', 'Dierdonk-Zwartegevel'])
		);
		const count = async (table: 'households' | 'residents' | 'consents') =>
			Number(
				(
					await ctx.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		expect(await count('households')).toBeGreaterThan(30);
		expect(await count('residents')).toBeGreaterThan(60);
		expect(await count('consents')).toBeGreaterThan(0);
		// The focus area Wallaysplein lies inside Wevelgem: a point on the square is found as the focus area.
		const found = await areaAt(ctx.db, 3.1745, 50.8093);
		expect(found?.name).toBe('Wallaysplein');
		const parent = await ctx.db.selectFrom('areas').select('name').where('id', '=', found!.parent_id!).executeTakeFirst();
		expect(parent?.name).toBe('Wevelgem');
	});

	it('holds a year of routed signals on every demo estate, a collective issue and a trained classifier', async () => {
		const perEstate = await ctx.db
			.selectFrom('signals as s')
			.innerJoin('estates as e', 'e.id', 's.estate_id')
			.select(['e.name', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('s.organisation_id').as('routed')])
			.groupBy('e.name')
			.execute();
		const byName = Object.fromEntries(perEstate.map((r) => [r.name, { n: Number(r.n), routed: Number(r.routed) }]));
		for (const estate of [
			'Wallaysplein',
			'Vlashof',
			'Leiemeersen',
			'Lindenhof',
			'Kapelakker',
			'Nieuwe Stad',
			'De Barakken',
			'Centrumwijk',
			'Dierdonk-Zwartegevel'
		]) {
			expect(byName[estate]?.n, estate).toBeGreaterThan(5);
			expect(byName[estate].routed, estate).toBe(byName[estate].n);
		}
		// Wallaysplein's damp goes to De Vlashaard's technical team; Kapelakker's to De Voorkempen; help in Wevelgem to the OCMW.
		const routedTo = async (estate: string, kind: string) =>
			(
				await ctx.db
					.selectFrom('signals as s')
					.innerJoin('estates as e', 'e.id', 's.estate_id')
					.innerJoin('organisations as o', 'o.id', 's.organisation_id')
					.select('o.name')
					.distinct()
					.where('e.name', '=', estate)
					.where('s.kind', '=', kind as never)
					.execute()
			).map((r) => r.name);
		expect(await routedTo('Wallaysplein', 'home_repair')).toEqual(['De Vlashaard']);
		expect(await routedTo('Kapelakker', 'home_repair')).toEqual(['De Voorkempen']);
		const statuses = new Set((await ctx.db.selectFrom('signals').select('status').distinct().execute()).map((r) => r.status));
		for (const s of ['new', 'accepted', 'resolved', 'closed', 'rejected', 'not_our_task']) expect(statuses, s).toContain(s);
		const helpWithConsent = await ctx.db.selectFrom('signals').select('id').where('is_help_request', '=', true).where('consent_id', 'is not', null).execute();
		expect(helpWithConsent.length).toBeGreaterThan(0);
		expect((await ctx.db.selectFrom('referrals').select('status').execute()).length).toBeGreaterThan(0);
		expect(await ctx.db.selectFrom('collective_issues').select(['title', 'status']).orderBy('title', 'desc').execute()).toEqual([
			{ title: 'Zwerfvuil en sluikstort rond Kapelakker', status: 'open' },
			{ title: 'Vocht en schimmel in de flats van het Wallaysplein', status: 'closed' }
		]);
		const closed = await ctx.db.selectFrom('collective_issues').select('outcome').where('status', '=', 'closed').executeTakeFirstOrThrow();
		expect(closed.outcome).toMatch(/ventilatie/);
		expect(await ctx.db.selectFrom('classifier_models').select('example_count').execute()).toHaveLength(1);
		// No demo reporter leaves an email address: loading the demo sends no mail to residents.
		expect(await ctx.db.selectFrom('signal_reporters').select('id').where('email', 'is not', null).execute()).toEqual([]);
	}, 30_000);

	it('is laid relative to the day it is loaded: an inbox of mostly recent, on-time work with some overdue, and activity in the last days', async () => {
		const now = Date.now();
		const daysAgo = (iso: string) => (now - Date.parse(iso)) / 86_400_000;
		const signals = await ctx.db.selectFrom('signals').select(['status', 'deadline_at', 'created_at']).execute();
		const open = signals.filter((s) => (OPEN_STATUSES as readonly string[]).includes(s.status));
		const overdue = open.filter((s) => s.deadline_at !== null && Date.parse(s.deadline_at) < now);
		expect(open.length, 'open signals').toBeGreaterThanOrEqual(12);
		// Some overdue, most on time (before: 48 of 58 open signals overdue, most for months).
		expect(overdue.length / open.length, `${overdue.length} of ${open.length} open signals overdue`).toBeGreaterThan(0.1);
		expect(overdue.length / open.length, `${overdue.length} of ${open.length} open signals overdue`).toBeLessThan(0.45);
		expect(open.filter((s) => daysAgo(s.created_at) > 90).length, 'open signals older than three months').toBeLessThanOrEqual(4);
		// The year behind it: the oldest signal about a year ago, none in the future.
		const ages = signals.map((s) => daysAgo(s.created_at));
		expect(Math.max(...ages)).toBeGreaterThan(300);
		expect(Math.max(...ages)).toBeLessThan(370);
		expect(Math.min(...ages)).toBeGreaterThan(0);
		expect(Math.min(...ages), 'the newest signal came in today').toBeLessThan(1);
		// Handling went on in the last days, and every week of the last month.
		const events = (await ctx.db.selectFrom('signal_events').select('at').execute()).map((e) => daysAgo(e.at));
		expect(Math.min(...events.filter((d) => d > 0))).toBeLessThan(3);
		expect(
			events.every((d) => d >= 0),
			'no handling in the future'
		).toBe(true);
		for (let week = 0; week < 4; week++)
			expect(events.filter((d) => d >= 7 * week && d < 7 * (week + 1)).length, `events ${week} weeks ago`).toBeGreaterThan(3);
		// Wave 2 of the survey is being answered now; households moved in before today, the new estate's in the last two years.
		const answers = (await ctx.db.selectFrom('survey_responses').select('submitted_at').execute()).map((r) => daysAgo(r.submitted_at));
		expect(Math.min(...answers)).toBeLessThan(14);
		const moves = await ctx.db
			.selectFrom('households as h')
			.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
			.innerJoin('buildings as b', 'b.id', 'd.building_id')
			.innerJoin('estates as e', 'e.id', 'b.estate_id')
			.select(['e.name', 'h.move_in_date'])
			.where('h.move_in_date', 'is not', null)
			.execute();
		expect(moves.every((m) => daysAgo(`${m.move_in_date}T00:00:00Z`) >= 0)).toBe(true);
		expect(moves.filter((m) => m.name === 'Vlashof').every((m) => daysAgo(`${m.move_in_date}T00:00:00Z`) < 2 * 366)).toBe(true);
	});

	it('holds the tenant satisfaction survey of Wallaysplein and Vlashof: wave 1 answered, tagged and published, wave 2 open', async () => {
		const sara = await staffActor(ctx.db, 'opbouwwerker@leefbaar.demo');
		const [summary] = await listSurveys(ctx.db, sara);
		expect(summary).toMatchObject({ slug: 'hoe-woont-u-uw-mening-over-de-vlashaard-en-het-buurtwerk', status: 'open', waves: 2 });
		const view = await getSurvey(ctx.db, sara, summary.id);
		expect(view.estates.map((e) => e.name)).toEqual(['Vlashof', 'Wallaysplein']);
		const [wave1, wave2] = view.waves;
		expect(wave1).toMatchObject({ isOpen: false, publishedAt: expect.any(String) });
		expect(wave2).toMatchObject({ isOpen: true, publishedAt: null });
		expect(wave1.households).toBeGreaterThan(300);
		expect(wave1.answerSets).toBeGreaterThan(180);
		expect(wave1.answerSets / wave1.households).toBeLessThan(0.8);
		expect(wave2.answerSets).toBeGreaterThan(20);
		const results = await surveyResults(ctx.db, sara, summary.id, { waveId: wave1.id });
		expect(Object.values(results.channels).every((n) => n > 0)).toBe(true);
		const home = results.questions.find((q) => q.key === 'woning_tevreden')!;
		const byEstate = Object.fromEntries(home.estates.map((e) => [e.name, e.figures.mean]));
		// The new estate is happier with its homes than the old, damp one.
		expect(byEstate.Vlashof).toBeGreaterThan(byEstate.Wallaysplein!);
		const remarks = results.questions.find((q) => q.key === 'opmerking')!.themes!;
		expect(remarks.counts.length).toBeGreaterThan(3);
		expect(remarks.untagged).toBeGreaterThan(0);
		const published = await publicSurveyResults(ctx.db, anonymous, summary.slug);
		expect(published.wave.number).toBe(1);
		expect(published.openAnswers.length).toBeGreaterThan(0);
		expect(published.feedback).toMatch(/Vlashaard/);
		// De Vlashaard reads the results; the OCMW does not.
		const landlord = await staffActor(ctx.db, 'vlashaard@leefbaar.demo');
		expect((await surveyResults(ctx.db, landlord, summary.id)).wave.number).toBe(2);
		await expect(surveyResults(ctx.db, await staffActor(ctx.db, 'ocmw@leefbaar.demo'), summary.id)).rejects.toThrow(Forbidden);
	}, 30_000);
});
