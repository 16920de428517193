// Around the figures: Sara (running the survey) may tag open answers, Pieter of the partner housing company only reads,
// and someone of another organisation sees nothing.
import { expect, it } from 'vitest';
import { Forbidden } from '../errors';
import { describeOnDatabases } from '../db/testing';
import { buildOpenSurvey, buildSurveyWorld } from './factories';
import { resultsContext } from './results-context';

describeOnDatabases('what the results pages show around the figures', (ctx) => {
	it('lists the waves and says who may tag', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id], { partners: [world.shm.id] });
		const own = await resultsContext(ctx.db, world.worker, survey.id);
		expect(own).toMatchObject({ id: survey.id, slug: survey.slug, mayTag: true, waves: [{ id: survey.waveId, number: 1, publishedAt: null }] });
		expect(own.title.nl).toBeDefined();
		expect((await resultsContext(ctx.db, world.landlord, survey.id)).mayTag).toBe(false);
		await expect(resultsContext(ctx.db, world.ocmwWorker, survey.id)).rejects.toThrow(Forbidden);
	});
});
