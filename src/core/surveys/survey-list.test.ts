// Sara's list of surveys shows, for an open survey, the wave running now and how many of its households answered; a
// draft has no running wave, and a worker of another organisation sees neither survey.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../access';
import { newId } from '../db/ids';
import { describeOnDatabases } from '../db/testing';
import { buildStaff } from '../people/factories';
import { buildOpenSurvey, buildSurveyWorld, tenantSurveyInput } from './factories';
import { createSurvey } from './builder';
import { submitAnswerSet } from './submission';
import { listSurveysWithResponse } from './survey-list';

describeOnDatabases('the surveys list with the response of the running wave', (ctx) => {
	let world: Awaited<ReturnType<typeof buildSurveyWorld>>;
	let open: Awaited<ReturnType<typeof buildOpenSurvey>>;
	let draftId: string;
	const during = new Date('2026-03-10T12:00:00Z');

	beforeAll(async () => {
		world = await buildSurveyWorld(ctx.db);
		open = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id, world.leiemeersen.id]);
		draftId = (await createSurvey(ctx.db, world.worker, tenantSurveyInput([world.vlashof.id]))).id;
		for (let i = 0; i < 3; i++)
			await submitAnswerSet(
				ctx.db,
				anonymous,
				open.id,
				{ submissionId: newId(), channel: 'open_link', estateId: world.vlashof.id, answers: { home_happy: 4, repair_asked: 'no' } },
				during
			);
	});

	it('gives the running wave with its answer sets and households', async () => {
		const list = await listSurveysWithResponse(ctx.db, world.worker, during);
		expect(list.find((s) => s.id === open.id)?.openWave).toEqual({ number: 1, answerSets: 3, households: 10 });
		expect(list.find((s) => s.id === draftId)?.openWave).toBeNull();
		// After the wave closed, nothing runs.
		expect((await listSurveysWithResponse(ctx.db, world.worker, new Date('2028-01-01T00:00:00Z'))).find((s) => s.id === open.id)?.openWave).toBeNull();
	});

	it('shows another organisation nothing', async () => {
		const other = await buildStaff(ctx.db, 'community_worker', world.ocmw, 'Lien OCMW');
		expect(await listSurveysWithResponse(ctx.db, other, during)).toEqual([]);
	});
});
