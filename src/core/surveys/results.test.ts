// Koen, coordinator, reads the results of the tenant satisfaction survey with De Vlashaard: answer sets and response
// rate per estate, a distribution per question, the open answers Sara tagged with themes, the CSV for the partner
// meeting, and a year later wave 2 next to wave 1. Residents read the published results without any group of fewer
// than 5. Every figure below is counted by hand from the answers given here.
import { beforeEach, expect, it } from 'vitest';
import { anonymous } from '../access';
import { newId } from '../db/ids';
import { describeOnDatabases } from '../db/testing';
import { parseCsv } from '../formats';
import { buildHouseholds, buildOpenSurvey, buildSurveyWorld } from './factories';
import { compareWaves, publicSurveyResults, surveyResults } from './results';
import { createTheme, listOpenAnswers, listThemes, renameTheme, setOpenAnswerThemes, setOpenAnswersPublic, tagOpenAnswers } from './themes';
import { createWave, publishWave } from './waves';
import { exportAnswerSetsCsv } from './answer-sets';
import { submitAnswerSet } from './submission';

const during = new Date('2026-03-10T12:00:00Z');
const year2 = new Date('2027-03-05T12:00:00Z');

type A = Record<string, unknown>;
const vlashofSets: A[] = [
	{
		home_happy: 5,
		repair_asked: 'yes',
		repair_speed: 4,
		contact: 'weekly',
		activities: ['drink', 'plant_swap'],
		years: 10,
		remark: 'Meer groen op het plein',
		ideas: { needs: 'Een bank' }
	},
	{
		home_happy: 5,
		repair_asked: 'yes',
		repair_speed: 4,
		contact: 'weekly',
		activities: ['drink', 'plant_swap'],
		years: 3,
		remark: '=HYPERLINK("http://evil.example")',
		ideas: { needs: 'Licht in de gang', ideas: 'Samen koken' }
	},
	{ home_happy: 5, repair_asked: 'yes', repair_speed: 2, contact: 'weekly', activities: ['drink'], years: 3, ideas: { needs: 'Een speeltuin' } },
	{ home_happy: 5, repair_asked: 'no', contact: 'weekly', activities: ['drink'], years: 25 },
	{ home_happy: 4, repair_asked: 'no', contact: 'weekly', activities: ['drink'] },
	{ home_happy: 4, repair_asked: 'no', contact: 'monthly' },
	{ home_happy: 2, repair_asked: 'no', contact: 'monthly' },
	{ home_happy: 1, repair_asked: 'yes', repair_speed: 1, contact: { choice: 'other', other: 'Alleen in de lift' } }
];
const leiemeersenSets: A[] = [
	{ home_happy: 3, repair_asked: 'no', contact: 'weekly', activities: ['homework'], years: 40, remark: 'Fijne buren en veel groen' },
	{ home_happy: 2, repair_asked: 'no', contact: 'never', activities: { choices: ['drink'], other: 'Petanque' } },
	{ home_happy: 4, repair_asked: 'yes', repair_speed: 5 }
];

describeOnDatabases(
	'results of the tenant satisfaction survey',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildSurveyWorld>>;
		let survey: Awaited<ReturnType<typeof buildOpenSurvey>>;

		// Each test gets its own database (each: true) with the survey open for Vlashof (12 households) and Leiemeersen (4),
		// the housing company as partner, and the answer sets above.
		beforeEach(async () => {
			world = await buildSurveyWorld(ctx.db);
			await buildHouseholds(ctx.db, world.vlashof.id, 6, 'Vlasbloem'); // Vlashof: 12 households, Leiemeersen: 4
			survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id, world.leiemeersen.id], { partners: [world.shm.id] });
			// A minute apart, so the sets come in (and are numbered in the CSV) in this order.
			let minute = 0;
			const submit = (estateId: string | undefined, answers: A) =>
				submitAnswerSet(
					ctx.db,
					anonymous,
					survey.id,
					{ submissionId: newId(), channel: 'open_link', estateId, answers: answers as never },
					new Date(during.getTime() + 60_000 * minute++)
				);
			for (const a of vlashofSets) await submit(world.vlashof.id, a);
			for (const a of leiemeersenSets) await submit(world.leiemeersen.id, a);
			await submit(undefined, { home_happy: 4, repair_asked: 'no' });
		});

		/** Sara's themes on the remarks as the tagging test leaves them: Groen on two, Buren on one, one remark made public. */
		const tagRemarks = async () => {
			const groen = await createTheme(ctx.db, world.worker, survey.id, 'Groen');
			const buren = await createTheme(ctx.db, world.worker, survey.id, 'Buren');
			const page = await listOpenAnswers(ctx.db, world.worker, survey.id, { questionKey: 'remark' });
			const byText = Object.fromEntries(page.items.map((i) => [i.text, i.id]));
			await tagOpenAnswers(ctx.db, world.worker, survey.id, { openAnswerIds: [byText['Meer groen op het plein']], themeId: groen.id });
			await setOpenAnswerThemes(ctx.db, world.worker, survey.id, byText['Fijne buren en veel groen'], [groen.id, buren.id]);
			await setOpenAnswersPublic(ctx.db, world.worker, survey.id, [byText['Meer groen op het plein']], true);
		};
		const publishWave1 = () =>
			publishWave(ctx.db, world.worker, survey.id, survey.waveId, {
				published: true,
				feedback: { nl: 'Er komen banken op het plein.', fr: 'Des bancs seront placés.' }
			});

		it('counts answer sets and the response rate per estate against the households in scope', async () => {
			const r = await surveyResults(ctx.db, world.landlord, survey.id, { now: during });
			expect(r.wave).toMatchObject({ number: 1, answerSets: 12, households: 16, responseRate: 0.75 });
			expect(r.channels).toEqual({ open_link: 12, code: 0, paper: 0, tablet: 0 });
			expect(r.estates).toEqual([
				{ estateId: world.leiemeersen.id, name: 'Leiemeersen', households: 4, answerSets: 3, responseRate: 0.75 },
				{ estateId: world.vlashof.id, name: 'Vlashof', households: 12, answerSets: 8, responseRate: 0.6667 },
				{ estateId: null, name: 'Wijk niet gekend', households: 0, answerSets: 1, responseRate: null }
			]);
		});

		it('gives each question its distribution, mean and median, overall and per estate', async () => {
			const r = await surveyResults(ctx.db, world.worker, survey.id, { now: during });
			const q = (key: string) => r.questions.find((x) => x.key === key)!;
			const counts = (key: string, estate?: string) =>
				Object.fromEntries((estate ? q(key).estates.find((e) => e.name === estate)!.figures : q(key).total).options.map((o) => [o.key, o.count]));

			// Scale: 1×1, 2×2, 3×1, 4×4, 5×4 of 12; mean 44/12, median of the 6th and 7th value (4 and 4).
			expect(q('home_happy').total).toMatchObject({ answered: 12, mean: 3.6667, median: 4, min: 1, max: 5 });
			expect(counts('home_happy')).toEqual({ 1: 1, 2: 2, 3: 1, 4: 4, 5: 4 });
			expect(q('home_happy').total.options.map((o) => o.label)).toEqual([
				'Heel ontevreden',
				'Ontevreden',
				'Niet tevreden, niet ontevreden',
				'Tevreden',
				'Heel tevreden'
			]);
			expect(q('home_happy').estates.find((e) => e.name === 'Vlashof')!.figures).toMatchObject({ answered: 8, mean: 3.875 });
			expect(q('home_happy').estates.find((e) => e.name === 'Leiemeersen')!.figures).toMatchObject({ answered: 3, mean: 3, median: 3 });
			// Yes/no; the conditional question is answered only by the 5 who said yes: 1, 2, 4, 4, 5.
			expect(counts('repair_asked')).toEqual({ yes: 5, no: 7 });
			expect(q('repair_speed').total).toMatchObject({ answered: 5, mean: 3.2, median: 4 });
			// Single choice with "other, namely": shares of the 10 who answered.
			expect(q('contact').total.options.map((o) => [o.key, o.count, o.share])).toEqual([
				['weekly', 6, 0.6],
				['monthly', 2, 0.2],
				['never', 1, 0.1],
				['other', 1, 0.1]
			]);
			expect(q('contact').total.options[3].label).toBe('Iets anders');
			// Multiple choice: 7 answered, 6 ticked the drink; 10 ticks in all.
			expect(q('activities').total).toMatchObject({ answered: 7, mean: 1.4286 });
			expect(counts('activities')).toEqual({ drink: 6, plant_swap: 2, homework: 1, other: 1 });
			expect(counts('activities', 'Leiemeersen')).toEqual({ drink: 1, plant_swap: 0, homework: 1, other: 1 });
			// Number: 3, 3, 10, 25, 40.
			expect(q('years').total).toMatchObject({ answered: 5, mean: 16.2, median: 10, min: 3, max: 40 });
			// Texts and the needs block count what was written.
			expect(q('remark').total.answered).toBe(3);
			expect(q('ideas').total.options.map((o) => [o.key, o.count])).toEqual([
				['needs', 3],
				['expectations', 0],
				['ideas', 1]
			]);
			// In French, for a partner meeting in Menen.
			const fr = await surveyResults(ctx.db, world.worker, survey.id, { now: during, locale: 'fr' });
			expect(fr.questions.find((x) => x.key === 'contact')!.total.options.map((o) => o.label)).toEqual([
				'Chaque semaine',
				'Chaque mois',
				'Jamais',
				'Autre chose'
			]);
		});

		it('Sara tags open answers with themes; results count answers per theme and those still untagged', async () => {
			const groen = await createTheme(ctx.db, world.worker, survey.id, 'Groen');
			const buren = await createTheme(ctx.db, world.worker, survey.id, 'Burenn');
			await renameTheme(ctx.db, world.worker, survey.id, buren.id, 'Buren');
			await expect(createTheme(ctx.db, world.worker, survey.id, 'Groen')).rejects.toMatchObject({ issues: [{ code: 'theme_exists' }] });
			await expect(createTheme(ctx.db, world.landlord, survey.id, 'Parkeren')).rejects.toThrow('You may not do this');

			const page = await listOpenAnswers(ctx.db, world.worker, survey.id, { questionKey: 'remark' });
			expect(page.total).toBe(3);
			const byText = Object.fromEntries(page.items.map((i) => [i.text, i]));
			expect(byText['Fijne buren en veel groen']).toMatchObject({ estateName: 'Leiemeersen', waveNumber: 1, themes: [], isPublic: false });
			await tagOpenAnswers(ctx.db, world.worker, survey.id, {
				openAnswerIds: [byText['Meer groen op het plein'].id, byText['Fijne buren en veel groen'].id],
				themeId: groen.id
			});
			await setOpenAnswerThemes(ctx.db, world.worker, survey.id, byText['Fijne buren en veel groen'].id, [groen.id, buren.id]);
			// An answer of another survey cannot be tagged from this one.
			await expect(tagOpenAnswers(ctx.db, world.worker, survey.id, { openAnswerIds: ['nope'], themeId: groen.id })).rejects.toThrow('not found');

			expect((await listOpenAnswers(ctx.db, world.worker, survey.id, { questionKey: 'remark', themeId: groen.id })).items.map((i) => i.text).sort()).toEqual([
				'Fijne buren en veel groen',
				'Meer groen op het plein'
			]);
			expect((await listOpenAnswers(ctx.db, world.worker, survey.id, { questionKey: 'remark', untagged: true })).items.map((i) => i.text)).toEqual([
				'=HYPERLINK("http://evil.example")'
			]);
			expect(await listThemes(ctx.db, world.worker, survey.id)).toEqual([
				{ id: buren.id, name: 'Buren', answers: 1 },
				{ id: groen.id, name: 'Groen', answers: 2 }
			]);
			const r = await surveyResults(ctx.db, world.worker, survey.id, { now: during });
			expect(r.questions.find((q) => q.key === 'remark')!.themes).toEqual({
				counts: [
					{ themeId: buren.id, name: 'Buren', count: 1 },
					{ themeId: groen.id, name: 'Groen', count: 2 }
				],
				untagged: 1
			});
			// "Other, namely" texts are open answers too.
			expect((await listOpenAnswers(ctx.db, world.worker, survey.id, { questionKey: 'contact' })).items.map((i) => [i.part, i.text])).toEqual([
				['other', 'Alleen in de lift']
			]);
			await setOpenAnswersPublic(ctx.db, world.worker, survey.id, [byText['Meer groen op het plein'].id], true);
		});

		it('exports one row per answer set as CSV: UTF-8 with BOM, no formula, columns per question and option', async () => {
			const { filename, csv } = await exportAnswerSetsCsv(ctx.db, world.landlord, survey.id, { now: during });
			expect(filename).toBe(`${survey.slug}-wave-1.csv`);
			expect(csv.startsWith('\uFEFF')).toBe(true);
			const { records } = parseCsv(csv.slice(1));
			const [header, ...rows] = records.map((r) => r.fields);
			expect(header).toEqual([
				'answer_set',
				'wave',
				'version',
				'estate',
				'channel',
				'language',
				'submitted_on',
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
			expect(rows).toHaveLength(12);
			expect(rows[0]).toEqual([
				'1',
				'1',
				'1',
				'Vlashof',
				'open_link',
				'nl',
				'2026-03-10',
				'5',
				'Ja',
				'4',
				'Elke week',
				'',
				'1',
				'1',
				'0',
				'0',
				'',
				'',
				'10',
				'Meer groen op het plein',
				'Een bank',
				'',
				''
			]);
			// A formula typed by a resident is text in a spreadsheet.
			expect(rows[1][19]).toBe(`'=HYPERLINK("http://evil.example")`);
			expect(rows[7].slice(10, 12)).toEqual(['Iets anders', 'Alleen in de lift']);
			// Not answered is empty; answered without ticking is 0.
			expect(rows[5].slice(12, 16)).toEqual(['', '', '', '']);
			expect(rows[9].slice(12, 17)).toEqual(['1', '0', '0', '1', 'Petanque']);
			expect(rows[11]).toEqual(['12', '1', '1', '', 'open_link', 'nl', '2026-03-10', '4', 'Nee', ...Array(14).fill('')]);
			const audited = await ctx.db.selectFrom('audit_log').select(['action', 'summary']).where('action', '=', 'survey_export').execute();
			expect(audited).toEqual([{ action: 'survey_export', summary: 'wave 1: 12 answer sets' }]);
		});

		it('shows the published results to residents without any group of fewer than 5, and only open answers marked public', async () => {
			await tagRemarks();
			await expect(publicSurveyResults(ctx.db, anonymous, survey.slug)).rejects.toThrow('not found');
			await publishWave1();
			const pub = await publicSurveyResults(ctx.db, anonymous, survey.slug, { locale: 'fr' });
			expect(pub).toMatchObject({ wave: { number: 1 }, feedback: 'Des bancs seront placés.', answerSets: 12, households: 16, responseRate: 0.75 });
			// Leiemeersen (3 sets) and the unknown estate (1) show no count; Vlashof (8) does.
			expect(pub.estates).toEqual([
				{ name: 'Leiemeersen', answerSets: null, responseRate: null },
				{ name: 'Vlashof', answerSets: 8, responseRate: 0.6667 },
				{ name: 'Quartier inconnu', answerSets: null, responseRate: null }
			]);
			const q = (key: string) => pub.questions.find((x) => x.key === key)!;
			// Overall 5 yes and 7 no show: what the estates hide of them comes from several estates and is 5 or more.
			expect(q('repair_asked').total!.options.map((o) => [o.key, o.count])).toEqual([
				['yes', 5],
				['no', 7]
			]);
			// 6 said "every week": 5 in Vlashof and 1 in Leiemeersen, whose 2 answers are not shown. Showing the 6 next to
			// Vlashof's 5 would give that one answer away, so Vlashof's 5 is hidden too and the total's 6 stays (residents
			// read the total first); the other totals rest on cells of one estate only and stay hidden.
			expect(q('contact').total!.options.map((o) => [o.key, o.count, o.share])).toEqual([
				['weekly', 6, 0.6],
				['monthly', null, null],
				['never', null, null],
				['other', null, null]
			]);
			expect(q('contact').estates[1].figures!.options.map((o) => [o.key, o.count])).toEqual([
				['weekly', null],
				['monthly', null],
				['never', 0],
				['other', null]
			]);
			// A question answered by fewer than 5 in an estate: that estate's cell is left out entirely. Vlashof shows no
			// mean: with the counts it shows, the mean would give its hidden counts back.
			expect(q('home_happy').estates.map((e) => [e.name, e.figures?.answered ?? null, e.figures?.mean ?? null])).toEqual([
				['Leiemeersen', null, null],
				['Vlashof', 8, null],
				['Quartier inconnu', null, null]
			]);
			// Within Vlashof every option was chosen by 1 to 4 sets: no count shows; a 0 stays 0.
			expect(q('home_happy').estates[1].figures!.options.map((o) => [o.key, o.count])).toEqual([
				['1', null],
				['2', null],
				['3', 0],
				['4', null],
				['5', null]
			]);
			expect(q('repair_speed').estates.every((e) => e.figures === null)).toBe(true);
			// No free texts except the one marked public, without its estate; themes with fewer than 5 answers show no count.
			expect(pub.questions.map((x) => x.key)).not.toContain('remark');
			expect(pub.openAnswers).toEqual([{ questionKey: 'remark', text: 'Meer groen op het plein', themes: ['Groen'] }]);
			expect(pub.themes).toEqual([
				{ name: 'Buren', count: null },
				{ name: 'Groen', count: null }
			]);
			const text = JSON.stringify(pub);
			for (const hidden of ['Petanque', 'Alleen in de lift', 'HYPERLINK', 'Fijne buren', world.vlashof.id]) expect(text).not.toContain(hidden);
		});

		it('a year later, wave 2 compares with wave 1 question by question and estate by estate', async () => {
			await publishWave1();
			// Wave 1 ran for a year from 1 March 2026, 9:00: wave 2 cannot start on 1 March 2027 itself.
			expect((await createWave(ctx.db, world.worker, survey.id, { opensAt: '2027-03-01', closesAt: '2027-05-31' }, year2).catch((e) => e)).issues[0].code).toBe(
				'waves_overlap'
			);
			const wave2 = await createWave(ctx.db, world.worker, survey.id, { opensAt: '2027-03-02', closesAt: '2027-05-31' }, year2);
			expect(wave2.number).toBe(2);
			for (const home_happy of [5, 5])
				await submitAnswerSet(
					ctx.db,
					anonymous,
					survey.id,
					{ submissionId: newId(), channel: 'open_link', estateId: world.vlashof.id, answers: { home_happy, repair_asked: 'no' } },
					year2
				);
			await submitAnswerSet(
				ctx.db,
				anonymous,
				survey.id,
				{ submissionId: newId(), channel: 'open_link', estateId: world.leiemeersen.id, answers: { home_happy: 4, repair_asked: 'no' } },
				year2
			);
			const c = await compareWaves(ctx.db, world.worker, survey.id, { now: new Date('2027-04-01T00:00:00Z') });
			expect(c.waves.map((w) => [w.number, w.answerSets, w.households, w.responseRate])).toEqual([
				[1, 12, 16, 0.75],
				[2, 3, 16, 0.1875]
			]);
			const happy = c.questions.find((q) => q.key === 'home_happy')!;
			expect(happy.waves.map((w) => [w.number, w.figures.answered, w.figures.mean])).toEqual([
				[1, 12, 3.6667],
				[2, 3, 4.6667]
			]);
			expect(happy.estates.map((e) => [e.name, e.waves.map((w) => w.figures.mean)])).toEqual([
				['Leiemeersen', [3, 4]],
				['Vlashof', [3.875, 5]],
				['Wijk niet gekend', [4, null]]
			]);
			expect(c.estates.find((e) => e.name === 'Vlashof')!.waves.map((w) => w.responseRate)).toEqual([0.6667, 0.1667]);
			// Wave 2 is not published: residents still see wave 1.
			expect((await publicSurveyResults(ctx.db, anonymous, survey.slug)).wave.number).toBe(1);
		});
	},
	{ each: true }
);
