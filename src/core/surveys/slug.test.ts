// The open link's short name: Sara chooses "huurders-2026" so tenants can type it from the poster. It must be free,
// typeable, and it stays once the survey is open (posters and letters carry it).
import { expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { buildSurveyWorld, tenantSurveyInput, TENANT_SURVEY } from './factories';
import { createSurvey, getSurvey, setSurveyStatus, updateSurvey } from './builder';
import { createWave } from './waves';

const codesOf = (error: unknown) => (error as { issues?: Array<{ path: string; code: string }> }).issues?.map((i) => `${i.path}:${i.code}`) ?? [String(error)];

describeOnDatabases('the short link of a survey', (ctx) => {
	it('is the one chosen (any case, spaces around), or made from the Dutch title; a taken or untypeable one is refused', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const input = tenantSurveyInput([world.vlashof.id]);
		const chosen = await createSurvey(ctx.db, world.worker, { ...input, slug: '  Huurders-2026 ' }, TENANT_SURVEY);
		expect(chosen.slug).toBe('huurders-2026');
		const made = await createSurvey(ctx.db, world.worker, input, TENANT_SURVEY);
		expect(made.slug).toBe('tevredenheid-van-huurders-2026');
		expect(await createSurvey(ctx.db, world.worker, { ...input, slug: 'huurders-2026' }).catch(codesOf)).toEqual(['slug:slug_taken']);
		for (const bad of ['ab', 'huurders 2026', 'huurders--2026', '-huurders', 'huurders_2026', 'é-huurders', 'x'.repeat(41)]) {
			expect(await createSurvey(ctx.db, world.worker, { ...input, slug: bad }).catch(codesOf), bad).toEqual(['slug:slug_format']);
		}
	});

	it('changes while the survey is a draft, and stays once it is open', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const input = tenantSurveyInput([world.vlashof.id]);
		const survey = await createSurvey(ctx.db, world.worker, input, TENANT_SURVEY);
		const other = await createSurvey(ctx.db, world.worker, { ...input, slug: 'vlashof-vraagt' }, TENANT_SURVEY);
		await updateSurvey(ctx.db, world.worker, survey.id, { ...input, slug: 'huurders' });
		expect((await getSurvey(ctx.db, world.worker, survey.id)).slug).toBe('huurders');
		expect(await updateSurvey(ctx.db, world.worker, survey.id, { ...input, slug: 'vlashof-vraagt' }).catch(codesOf)).toEqual(['slug:slug_taken']);
		// Left empty, the link stays what it is.
		await updateSurvey(ctx.db, world.worker, survey.id, input);
		expect((await getSurvey(ctx.db, world.worker, survey.id)).slug).toBe('huurders');

		const opensAt = new Date('2026-03-01T08:00:00Z');
		await createWave(ctx.db, world.worker, survey.id, { opensAt, closesAt: new Date('2026-04-01T08:00:00Z') }, opensAt);
		await setSurveyStatus(ctx.db, world.worker, survey.id, 'open', opensAt);
		expect(await updateSurvey(ctx.db, world.worker, survey.id, { ...input, slug: 'huurders-nieuw' }).catch(codesOf)).toEqual(['slug:slug_fixed']);
		// The same link posted again (the settings form sends it along) is fine.
		await updateSurvey(ctx.db, world.worker, survey.id, { ...input, slug: 'huurders' });
		expect((await getSurvey(ctx.db, world.worker, survey.id)).slug).toBe('huurders');
		expect((await getSurvey(ctx.db, world.worker, other.id)).slug).toBe('vlashof-vraagt');
	});
});
