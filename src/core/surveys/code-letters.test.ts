// Sara makes the code letters of a wave and her download gets lost: from the codes page she downloads the same letters
// again, for a day, in the browser session that made them. The database holds them only sealed; another session, a
// partner that only reads the survey, a worker of an organisation outside it, a voided run and an expired day get
// nothing. On SQLite and PostgreSQL.
import { expect, it } from 'vitest';
import { Forbidden, NotFound } from '../errors';
import { buildStaff } from '../people/factories';
import { buildOpenSurvey, buildSurveyWorld } from './factories';
import { codeOverview, generateHouseholdCodes, voidCodeBatch } from './codes';
import { keptLetters, lettersKeyOf, sweepCodeLetters } from './code-letters';
import { describeOnDatabases } from '../db/testing';

const during = new Date('2026-03-10T12:00:00Z');
const hours = (n: number) => new Date(during.getTime() + n * 3600_000);
const sheet = { locale: 'nl' as const, surveyTitle: 'Hoe woont u?', senders: ['Samenlevingsopbouw'], contact: '056 12 34 56', deadline: null };

describeOnDatabases('the letters of a print run, kept for the session that made them', (ctx) => {
	it('Sara downloads the same letters again, sealed in the database; nobody else opens them', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id, world.leiemeersen.id], {
			modes: ['open_link', 'code'],
			partners: [world.shm.id]
		});
		const key = lettersKeyOf('sara-session-token');
		const run = await generateHouseholdCodes(
			ctx.db,
			world.worker,
			{ surveyId: survey.id, waveId: survey.waveId, link: (c) => `https://leefbaar.test/enquete/c/${c}`, keep: { key, sheet } },
			during
		);
		expect(run.letters).toHaveLength(10);

		const again = await keptLetters(ctx.db, world.worker, survey.id, run.batchId!, key, hours(1));
		expect(again).toEqual({ waveNumber: 1, sheet, letters: run.letters });
		// At rest only sealed: no code, no address in the clear.
		const stored = await ctx.db.selectFrom('survey_code_letters').selectAll().execute();
		expect(stored).toHaveLength(1);
		for (const l of run.letters) {
			expect(JSON.stringify(stored)).not.toContain(l.code);
			expect(JSON.stringify(stored)).not.toContain(l.addressLabel.split('\n')[0]);
		}
		// The codes page tells this session (and only this one) that the run's letters are there, until when.
		const seen = await codeOverview(ctx.db, world.worker, survey.id, survey.waveId, { lettersKey: key, now: hours(1) });
		expect(seen.batches.map((b) => b.lettersUntil)).toEqual([hours(24).toISOString()]);
		expect(
			(await codeOverview(ctx.db, world.worker, survey.id, survey.waveId, { lettersKey: lettersKeyOf('another-session'), now: hours(1) })).batches[0]
				.lettersUntil
		).toBeNull();
		expect((await codeOverview(ctx.db, world.worker, survey.id, survey.waveId)).batches[0].lettersUntil).toBeNull();

		// Another session of Sara's, a colleague, the partner who reads the survey, a worker of another organisation.
		await expect(keptLetters(ctx.db, world.worker, survey.id, run.batchId!, lettersKeyOf('another-session'), hours(1))).rejects.toThrow(NotFound);
		const tom = await buildStaff(ctx.db, 'community_worker', world.institute, 'Tom');
		await expect(keptLetters(ctx.db, tom, survey.id, run.batchId!, lettersKeyOf('tom-session'), hours(1))).rejects.toThrow(NotFound);
		await expect(keptLetters(ctx.db, world.partnerWorker, survey.id, run.batchId!, key, hours(1))).rejects.toThrow(Forbidden);
		await expect(keptLetters(ctx.db, world.ocmwWorker, survey.id, run.batchId!, key, hours(1))).rejects.toThrow(Forbidden);
		// A run of another survey is not opened through this one.
		const other = await buildOpenSurvey(ctx.db, world.worker, [world.elsewhere.id], { modes: ['code'] });
		await expect(keptLetters(ctx.db, world.worker, other.id, run.batchId!, key, hours(1))).rejects.toThrow(NotFound);

		// Downloads are in the audit log, beside the making of the codes.
		const actions = (await ctx.db.selectFrom('audit_log').select('action').where('resource_id', '=', survey.id).execute()).map((r) => r.action);
		expect(actions.filter((a) => a === 'survey_codes_generate')).toHaveLength(1);
		expect(actions.filter((a) => a === 'survey_codes_download')).toHaveLength(1);

		// After a day they are gone; the sweep deletes them.
		await expect(keptLetters(ctx.db, world.worker, survey.id, run.batchId!, key, hours(25))).rejects.toThrow(NotFound);
		expect(await sweepCodeLetters(ctx.db, hours(23))).toBe(0);
		expect(await sweepCodeLetters(ctx.db, hours(25))).toBe(1);
		expect(await ctx.db.selectFrom('survey_code_letters').selectAll().execute()).toEqual([]);
	});

	it('a voided run takes its kept letters with it; without keep nothing is kept', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id], { modes: ['code'] });
		const key = lettersKeyOf('sara-session-token');
		const run = await generateHouseholdCodes(
			ctx.db,
			world.worker,
			{ surveyId: survey.id, waveId: survey.waveId, link: (c) => `https://leefbaar.test/enquete/c/${c}`, keep: { key, sheet } },
			during
		);
		await voidCodeBatch(ctx.db, world.worker, survey.id, run.batchId!, hours(1));
		await expect(keptLetters(ctx.db, world.worker, survey.id, run.batchId!, key, hours(1))).rejects.toThrow(NotFound);
		expect(await ctx.db.selectFrom('survey_code_letters').select('batch_id').where('batch_id', '=', run.batchId!).execute()).toEqual([]);
		const reprint = await generateHouseholdCodes(ctx.db, world.worker, { surveyId: survey.id, waveId: survey.waveId, link: (c) => c }, during);
		expect(reprint.letters).toHaveLength(6);
		expect(await ctx.db.selectFrom('survey_code_letters').select('batch_id').where('batch_id', '=', reprint.batchId!).execute()).toEqual([]);
	});
});
