// Sara reads what the tenants of one estate wrote, before the meeting with that estate's committee.
import { expect, it } from 'vitest';
import { anonymous } from '../access';
import { newId } from '../db/ids';
import { describeOnDatabases } from '../db/testing';
import { buildOpenSurvey, buildSurveyWorld } from './factories';
import { listOpenAnswers } from './themes';
import { submitAnswerSet } from './submission';

describeOnDatabases('open answers of one estate', (ctx) => {
	it('lists only the answers written on that estate, and all of them without the filter', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id, world.leiemeersen.id]);
		const at = new Date('2026-03-10T12:00:00Z');
		const send = (estateId: string, remark: string) =>
			submitAnswerSet(
				ctx.db,
				anonymous,
				survey.id,
				{ submissionId: newId(), channel: 'open_link', estateId, answers: { home_happy: 3, repair_asked: 'no', remark } as never },
				at
			);
		await send(world.vlashof.id, 'Meer licht in de gang');
		await send(world.leiemeersen.id, 'De lift is vaak stuk');
		const texts = async (estateId?: string) =>
			(await listOpenAnswers(ctx.db, world.worker, survey.id, { questionKey: 'remark', estateId })).items.map((i) => i.text).sort();
		expect(await texts(world.leiemeersen.id)).toEqual(['De lift is vaak stuk']);
		expect(await texts()).toEqual(['De lift is vaak stuk', 'Meer licht in de gang']);
	});
});
