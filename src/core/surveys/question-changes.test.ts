// A year later Sara asks one question differently and adds one: the wave comparison must say which questions changed,
// so Koen does not read a new question's figures as a change in how tenants feel.
import { expect, it } from 'vitest';
import { Unauthenticated } from '../errors';
import { anonymous } from '../access';
import { newId } from '../db/ids';
import { describeOnDatabases } from '../db/testing';
import { buildOpenSurvey, buildSurveyWorld, TENANT_SURVEY } from './factories';
import { changedQuestions } from './question-changes';
import { saveStructure } from './builder';
import { submitAnswerSet } from './submission';

describeOnDatabases('questions that changed between versions', (ctx) => {
	it('lists the question asked differently and the one added, and nothing while there is one version', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id], { partners: [world.shm.id] });
		expect(await changedQuestions(ctx.db, world.landlord, survey.id)).toEqual([]);
		await submitAnswerSet(
			ctx.db,
			anonymous,
			survey.id,
			{ submissionId: newId(), channel: 'open_link', answers: { home_happy: 4, repair_asked: 'no' } },
			new Date('2026-03-10T12:00:00Z')
		);
		const changed = structuredClone(TENANT_SURVEY);
		changed.sections[1].questions.push({ key: 'safe', kind: 'scale', label: { nl: 'Voel je je veilig in de buurt?' } });
		const contact = changed.sections[1].questions.find((q) => q.key === 'contact') as { options: Array<{ key: string; label: unknown }> };
		contact.options.push({ key: 'daily', label: { nl: 'Elke dag' } });
		expect(await saveStructure(ctx.db, world.worker, survey.id, changed)).toMatchObject({ number: 2, newVersion: true });
		expect((await changedQuestions(ctx.db, world.landlord, survey.id)).sort()).toEqual(['contact', 'safe']);
		await expect(changedQuestions(ctx.db, anonymous, survey.id)).rejects.toThrow(Unauthenticated);
	});
});
