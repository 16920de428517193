// Sara collected paper forms in the community centre and typed them into a spreadsheet. The upload tells her every
// row she got wrong, by line and column, and stores nothing until all are right; uploading the same file twice
// stores each form once.
import { beforeEach, expect, it } from 'vitest';
import { Forbidden } from '../errors';
import { anonymous } from '../access';
import { newId } from '../db/ids';
import { describeOnDatabases } from '../db/testing';
import { csvFile } from '../formats';
import { buildOpenSurvey, buildSurveyWorld } from './factories';
import { generateHouseholdCodes } from './codes';
import { importPaperAnswers, paperImportColumns } from './paper-import';
import { submitAnswerSet } from './submission';
import { surveyResults } from './results';

const during = new Date('2026-03-10T12:00:00Z');

describeOnDatabases(
	'paper forms uploaded as a spreadsheet',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildSurveyWorld>>;
		let survey: Awaited<ReturnType<typeof buildOpenSurvey>>;
		let columns: string[];
		const csv = (rows: Array<Record<string, string>>) => csvFile([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]);

		// Each test gets its own database (each: true) with the tenant survey open for both estates and its sheet's columns.
		beforeEach(async () => {
			world = await buildSurveyWorld(ctx.db);
			survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id, world.leiemeersen.id]);
			columns = await paperImportColumns(ctx.db, world.worker, survey.id);
		});

		it('gives a sheet with a column per question, option and part', async () => {
			expect(columns).toEqual([
				'form',
				'estate',
				'language',
				'code',
				'home_happy',
				'repair_asked',
				'repair_speed',
				'contact',
				'contact_other_text',
				'activities_drink',
				'activities_plant_swap',
				'activities_homework',
				'activities_other',
				'activities_other_text',
				'drink_day',
				'years',
				'remark',
				'ideas_needs',
				'ideas_expectations',
				'ideas_ideas'
			]);
			await expect(paperImportColumns(ctx.db, world.landlord, survey.id)).rejects.toThrow(Forbidden);
		});

		it('lists every bad row by line and column, and stores nothing', async () => {
			const text = csv([
				{
					form: 'P1',
					estate: 'Vlashof',
					home_happy: '4',
					repair_asked: 'ja',
					repair_speed: '2',
					contact: 'Elke week',
					activities_drink: 'x',
					drink_day: 'zaterdag'
				},
				{ form: 'P2', estate: 'Marktplein', home_happy: '7', repair_asked: 'nee' },
				{ form: 'P3', estate: 'vlashof', home_happy: '3', repair_asked: 'nee', activities_plant_swap: 'misschien', years: '200' },
				{ form: 'P1', estate: 'Leiemeersen', home_happy: '5', repair_asked: 'nee', repair_speed: '5' }
			]);
			const result = await importPaperAnswers(ctx.db, world.worker, survey.id, { text }, during);
			expect(result.outcome).toBe('rejected');
			expect(result.issues.map((i) => [i.line, i.column, i.code])).toEqual([
				[3, 'home_happy', 'value_off_scale'],
				[3, 'estate', 'estate_not_in_scope'],
				[4, 'activities_plant_swap', 'not_a_tick'],
				[4, 'years', 'number_out_of_range'],
				[5, 'repair_speed', 'hidden_question_answered'],
				[5, 'form', 'duplicate_form']
			]);
			expect(result.issues[0].messageKey).toBe('surveys.value_off_scale');
			expect((await surveyResults(ctx.db, world.worker, survey.id, { now: during })).wave.answerSets).toBe(0);
			const unknown = await importPaperAnswers(ctx.db, world.worker, survey.id, { text: 'form;shoe_size\n1;42\n' }, during);
			expect(unknown.issues.map((i) => [i.line, i.column, i.code])).toEqual([[1, 'shoe_size', 'unknown_column']]);
			expect((await importPaperAnswers(ctx.db, world.worker, survey.id, { text: columns.join(';') }, during)).issues.map((i) => i.code)).toEqual([
				'empty_file'
			]);
		});

		it('stores the corrected file as paper forms typed in by Sara, and a second upload stores nothing twice', async () => {
			const [letter] = (await generateHouseholdCodes(ctx.db, world.worker, { surveyId: survey.id, waveId: survey.waveId, link: (c) => c }, during)).letters;
			const text = csv([
				{
					form: 'P1',
					estate: 'Vlashof',
					home_happy: '4',
					repair_asked: 'ja',
					repair_speed: '2',
					contact: 'Elke week',
					activities_drink: 'x',
					drink_day: 'zaterdag'
				},
				{
					form: 'P2',
					estate: 'Leiemeersen',
					language: 'fr',
					home_happy: '5',
					repair_asked: 'non',
					contact: 'iets anders',
					contact_other_text: 'Via de conciërge'
				},
				{
					form: 'P3',
					estate: 'vlashof',
					home_happy: '3',
					repair_asked: 'nee',
					activities_plant_swap: '1',
					activities_other: '1',
					activities_other_text: 'Petanque',
					years: '12,0',
					ideas_needs: "'=meer licht"
				},
				{ form: 'P4', code: letter.code.toLowerCase(), home_happy: '2', repair_asked: 'nee' }
			]);
			expect(await importPaperAnswers(ctx.db, world.worker, survey.id, { text, dryRun: true }, during)).toEqual({
				outcome: 'dry_run',
				rows: 4,
				stored: 0,
				alreadyStored: 0,
				issues: []
			});
			expect(await importPaperAnswers(ctx.db, world.worker, survey.id, { text }, during)).toEqual({
				outcome: 'stored',
				rows: 4,
				stored: 4,
				alreadyStored: 0,
				issues: []
			});
			const r = await surveyResults(ctx.db, world.worker, survey.id, { now: during });
			expect(r.channels.paper).toBe(4);
			expect(r.estates.map((e) => [e.name, e.answerSets])).toEqual([
				['Leiemeersen', 1 + (letter.estateName === 'Leiemeersen' ? 1 : 0)],
				['Vlashof', 2 + (letter.estateName === 'Vlashof' ? 1 : 0)]
			]);
			expect(
				r.questions
					.find((q) => q.key === 'contact')!
					.total.options.filter((o) => o.count > 0)
					.map((o) => o.key)
			).toEqual(['weekly', 'other']);
			expect(r.questions.find((q) => q.key === 'activities')!.total.options.map((o) => [o.key, o.count])).toEqual([
				['drink', 1],
				['plant_swap', 1],
				['homework', 0],
				['other', 1]
			]);
			const texts = await ctx.db.selectFrom('survey_open_answers').select('body').where('question_key', '=', 'ideas').execute();
			expect(texts.map((t) => t.body)).toEqual(['=meer licht']);
			const audited = await ctx.db.selectFrom('audit_log').select('action').where('action', 'in', ['survey_paper_import', 'survey_paper_entry']).execute();
			expect(audited.filter((a) => a.action === 'survey_paper_entry')).toHaveLength(4);
			expect(audited.filter((a) => a.action === 'survey_paper_import')).toHaveLength(1);

			// The same file again: recognised by form number, nothing stored twice — the used code is no error for its own form.
			expect(await importPaperAnswers(ctx.db, world.worker, survey.id, { text }, during)).toEqual({
				outcome: 'stored',
				rows: 4,
				stored: 0,
				alreadyStored: 4,
				issues: []
			});
			expect((await surveyResults(ctx.db, world.worker, survey.id, { now: during })).wave.answerSets).toBe(4);
			// Another form with that household's code, or an online answer with it, is refused.
			const again = await importPaperAnswers(
				ctx.db,
				world.worker,
				survey.id,
				{ text: csv([{ form: 'P9', code: letter.code, home_happy: '1', repair_asked: 'nee' }]) },
				during
			);
			expect(again.issues.map((i) => [i.line, i.column, i.code])).toEqual([[2, 'code', 'code_used']]);
			await expect(
				submitAnswerSet(
					ctx.db,
					anonymous,
					survey.id,
					{ submissionId: newId(), channel: 'code', code: letter.code, answers: { home_happy: 1, repair_asked: 'no' } },
					during
				)
			).rejects.toMatchObject({ issues: [{ code: 'code_used' }] });
		});
	},
	{ each: true }
);
