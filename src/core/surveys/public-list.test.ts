// A tenant of Vlashof opens her neighbourhood's page and finds the survey she can answer now, and what was done with the
// answers of last year; a neighbour elsewhere does not see it, and nobody sees a survey still being written.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../access';
import { describeOnDatabases } from '../db/testing';
import { buildArea } from '../people/factories';
import { buildOpenSurvey, buildSurveyWorld, TENANT_SURVEY, tenantSurveyInput } from './factories';
import { publicSurveys } from './public-list';
import { createSurvey, setSurveyStatus } from './builder';
import { createWave, publishWave } from './waves';

describeOnDatabases('the public surveys of a place', (ctx) => {
	let world: Awaited<ReturnType<typeof buildSurveyWorld>>;
	let open: Awaited<ReturnType<typeof buildOpenSurvey>>;
	let codeOnly: { slug: string };
	let wholeTown: { slug: string };
	let draft: { slug: string };
	const during = new Date('2026-03-10T12:00:00Z');

	beforeAll(async () => {
		world = await buildSurveyWorld(ctx.db);
		open = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id]);
		// Last year's round, published with what was done.
		const last = await createWave(
			ctx.db,
			world.worker,
			open.id,
			{ opensAt: new Date('2025-01-01T08:00:00Z'), closesAt: new Date('2025-02-01T08:00:00Z') },
			new Date('2024-12-01T08:00:00Z')
		);
		await publishWave(
			ctx.db,
			world.worker,
			open.id,
			last.id,
			{ published: true, feedback: { nl: 'We maakten de speeltuin.' } },
			new Date('2025-03-01T08:00:00Z')
		);
		codeOnly = await buildOpenSurvey(ctx.db, world.worker, [world.elsewhere.id], { modes: ['code', 'paper'] });
		// A survey of the whole municipality concerns every neighbourhood in it.
		const town = await createSurvey(ctx.db, world.worker, { ...tenantSurveyInput([]), estateIds: [], areaIds: [world.wevelgem.id] }, TENANT_SURVEY);
		const townWave = await createWave(
			ctx.db,
			world.worker,
			town.id,
			{ opensAt: new Date('2024-01-01T08:00:00Z'), closesAt: new Date('2024-02-01T08:00:00Z') },
			new Date('2023-12-01T08:00:00Z')
		);
		await setSurveyStatus(ctx.db, world.worker, town.id, 'open', new Date('2023-12-01T08:00:00Z'));
		await setSurveyStatus(ctx.db, world.worker, town.id, 'closed', new Date('2024-02-02T08:00:00Z'));
		await publishWave(ctx.db, world.worker, town.id, townWave.id, { published: true, feedback: { nl: 'Dank u.' } }, new Date('2024-03-01T08:00:00Z'));
		wholeTown = town;
		draft = await createSurvey(ctx.db, world.worker, tenantSurveyInput([world.vlashof.id]));
	});

	it("the neighbourhood's page shows the survey of its estate, open now, and the published results around it", async () => {
		const found = await publicSurveys(ctx.db, anonymous, { areaId: world.area.id }, { now: during, locale: 'fr' });
		expect(found.open).toEqual([
			{ slug: open.slug, title: 'Satisfaction des locataires 2026', places: ['Vlashof'], openLink: true, closesAt: expect.any(String) }
		]);
		expect(found.published.map((p) => p.slug)).toEqual([open.slug, wholeTown.slug]);
		expect(found.published[0]).toMatchObject({ waveNumber: 2, publishedAt: '2025-03-01T08:00:00.000Z' });
	});

	it("the municipality's page shows what is asked inside it; the estate's page what concerns the estate", async () => {
		const town = await publicSurveys(ctx.db, anonymous, { areaId: world.wevelgem.id }, { now: during });
		expect(town.open.map((s) => s.slug)).toEqual([open.slug]);
		const vlashof = await publicSurveys(ctx.db, anonymous, { estateId: world.vlashof.id }, { now: during });
		expect(vlashof.open.map((s) => s.slug)).toEqual([open.slug]);
		expect(vlashof.published.map((s) => s.slug)).toEqual([open.slug, wholeTown.slug]);
		const leiemeersen = await publicSurveys(ctx.db, anonymous, { estateId: world.leiemeersen.id }, { now: during });
		expect(leiemeersen.open).toEqual([]);
		expect(leiemeersen.published.map((s) => s.slug)).toEqual([wholeTown.slug]);
	});

	it('another neighbourhood sees only its own survey, which takes answers by letter code only; nobody sees a draft', async () => {
		const { area_id: otherArea } = await ctx.db.selectFrom('estates').select('area_id').where('id', '=', world.elsewhere.id).executeTakeFirstOrThrow();
		const other = await publicSurveys(ctx.db, anonymous, { areaId: otherArea }, { now: during });
		expect(other.open).toEqual([expect.objectContaining({ slug: codeOnly.slug, openLink: false })]);
		expect(other.published).toEqual([]);
		const empty = await buildArea(ctx.db, { name: 'Lege wijk' });
		expect(await publicSurveys(ctx.db, anonymous, { areaId: empty.id }, { now: during })).toEqual({ open: [], published: [] });
		const everything = await publicSurveys(ctx.db, anonymous, null, { now: during });
		expect(everything.open.map((s) => s.slug).sort()).toEqual([open.slug, codeOnly.slug].sort());
		expect([...everything.open, ...everything.published].some((s) => s.slug === draft.slug)).toBe(false);
	});

	it('after the wave closed, nothing is open any more, and the results stay', async () => {
		const later = await publicSurveys(ctx.db, anonymous, { areaId: world.area.id }, { now: new Date('2028-01-01T00:00:00Z') });
		expect(later.open).toEqual([]);
		expect(later.published.length).toBe(2);
	});
});
