// Koen takes the results of the tenant satisfaction survey to the partner meeting as a spreadsheet: the answer sets on
// the first sheet, the figures per question and estate on the second, and nothing in it that names a household.
import { unzipSync, strFromU8 } from 'fflate';
import { expect, it } from 'vitest';
import { Unauthenticated } from '../errors';
import { anonymous } from '../access';
import { newId } from '../db/ids';
import { describeOnDatabases } from '../db/testing';
import { buildOpenSurvey, buildSurveyWorld } from './factories';
import { exportResultsXlsx, figureRows } from './results-export';
import { submitAnswerSet } from './submission';
import { surveyResults } from './results';

const during = new Date('2026-03-10T12:00:00Z');

describeOnDatabases('results as a spreadsheet', (ctx) => {
	it('gives the answer sets and the figures per question and estate, with a file name naming survey and wave', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id, world.leiemeersen.id], { partners: [world.shm.id] });
		const sets = [
			[world.vlashof.id, { home_happy: 5, repair_asked: 'no', remark: '=HYPERLINK("http://evil.example")' }],
			[world.vlashof.id, { home_happy: 4, repair_asked: 'yes', repair_speed: 2 }],
			[world.leiemeersen.id, { home_happy: 2, repair_asked: 'no' }]
		] as const;
		for (const [estateId, answers] of sets)
			await submitAnswerSet(ctx.db, anonymous, survey.id, { submissionId: newId(), channel: 'open_link', estateId, answers: answers as never }, during);

		const { filename, bytes } = await exportResultsXlsx(ctx.db, world.landlord, survey.id, { now: during, locale: 'nl' });
		expect(filename).toMatch(/^[a-z0-9-]+-wave-1\.xlsx$/);
		const files = unzipSync(bytes);
		const sheet1 = strFromU8(files['xl/worksheets/sheet1.xml']);
		const sheet2 = strFromU8(files['xl/worksheets/sheet2.xml']);
		const strings = strFromU8(files['xl/sharedStrings.xml']);
		const workbook = strFromU8(files['xl/workbook.xml']);
		expect(workbook).toContain('name="Ingevulde lijsten"');
		expect(workbook).toContain('name="Cijfers"');
		// Three answer sets below the header; a resident's formula stays text.
		expect(sheet1.match(/<row /g)).toHaveLength(4);
		expect(sheet1).not.toContain('<f>');
		expect(strings).toContain('=HYPERLINK(');
		expect(sheet2).not.toContain('<f>');
		expect(strings).toContain('Alle woonwijken');

		const results = await surveyResults(ctx.db, world.landlord, survey.id, { now: during });
		const rows = figureRows(results, 'nl');
		const happy = rows.filter((r) => r[0] === 'home_happy');
		// All estates first: answered 3, "Heel tevreden" once, a third; mean 11/3.
		expect(happy.find((r) => r[2] === 'Alle woonwijken' && r[4] === 'Heel tevreden')).toEqual([
			'home_happy',
			expect.any(String),
			'Alle woonwijken',
			3,
			'Heel tevreden',
			1,
			0.3333,
			3.6667,
			4
		]);
		expect(happy.find((r) => r[2] === 'Leiemeersen' && r[4] === 'Ontevreden')?.slice(3, 6)).toEqual([1, 'Ontevreden', 1]);
		// A number or text question without options still has its row.
		expect(rows.some((r) => r[0] === 'remark' && r[2] === 'Vlashof' && r[3] === 1)).toBe(true);
	});

	it('is refused to someone who may not read the results', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id]);
		await expect(exportResultsXlsx(ctx.db, anonymous, survey.id)).rejects.toThrow(Unauthenticated);
	});
});
