// Sara builds the tenant survey in the builder with plain form posts: each post is one edit of the whole structure,
// saved with saveStructure. Keys come from the Dutch labels, a condition follows a renamed question, moving past the
// end of a section moves into the next one, and the schema's issues point at the question and field they are about.
import { beforeEach, expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { Invalid } from '../errors';
import { buildSurveyWorld, tenantSurveyInput } from './factories';
import { createSurvey, getSurvey, saveStructure, setSurveyStatus } from './builder';
import { submitAnswerSet } from './submission';
import { applyStructureEdit, builderLanguages, conditionFromForm, conditionToForm, issueTarget, keyFromLabel, type BuilderEdit } from './structure-edits';
import type { StructureInput } from './model';
import { newId } from '../db/ids';

const LANGS = ['nl', 'fr', 'en'];

describeOnDatabases(
	'the builder edits a survey one form post at a time',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildSurveyWorld>>;
		let surveyId: string;
		const edit = async (op: BuilderEdit, form: Record<string, string>) => {
			const current = (await getSurvey(ctx.db, world.worker, surveyId)).version.structure as StructureInput;
			const { structure, target } = applyStructureEdit(current, op, form, LANGS);
			return { saved: await saveStructure(ctx.db, world.worker, surveyId, structure), target };
		};
		const structure = async () => (await getSurvey(ctx.db, world.worker, surveyId)).version.structure;

		// The builder's posts of the tests before, in order: a test that edits a later state builds it with these.
		const addHomeSection = async () => {
			await edit('add_section', { 'title.nl': 'Uw woning', 'title.fr': 'Votre logement' });
			await edit('add_question', { section: '0', kind: 'scale', 'label.nl': 'Hoe tevreden bent u over uw woning?', required: 'on' });
			await edit('add_question', { section: '0', kind: 'yes_no', 'label.nl': 'Vroeg u een herstelling aan?' });
			await edit('add_question', {
				section: '0',
				kind: 'single_choice',
				'label.nl': 'Hoe snel?',
				options: 'Binnen de week\nBinnen de maand\n\nLater',
				allowOther: 'on',
				condition: 'is:vroeg_u_een_herstelling_aan:yes'
			});
		};
		const renameRepairAsked = async () => {
			await addHomeSection();
			await edit('update_question', {
				section: '0',
				question: '1',
				key: 'repair_asked',
				'label.nl': 'Vroeg u het voorbije jaar een herstelling aan?',
				'label.nl.easy': 'Was er iets kapot?',
				'label.en': 'Did you ask for a repair?',
				required: 'on'
			});
		};
		const editOptionRows = async () => {
			await renameRepairAsked();
			await edit('update_question', {
				section: '0',
				question: '2',
				key: 'hoe_snel',
				'label.nl': 'Hoe snel werd het hersteld?',
				condition: 'is:repair_asked:yes',
				'options.0.key': 'binnen_de_week',
				'options.0.label.nl': 'Binnen de week',
				'options.0.label.fr': 'Dans la semaine',
				'options.1.key': '',
				'options.1.label.nl': '',
				'options.2.key': 'later',
				'options.2.label.nl': 'Later',
				'options.3.label.nl': 'Nog niet'
			});
		};
		const addNeighbourhoodSection = async () => {
			await editOptionRows();
			await edit('add_section', { 'title.nl': 'Uw buurt' });
			await edit('add_question', { section: '1', kind: 'number', 'label.nl': 'Hoeveel jaar woont u hier?' });
		};

		// Each test gets its own database (each: true) with the world and an empty draft survey.
		beforeEach(async () => {
			world = await buildSurveyWorld(ctx.db);
			surveyId = (await createSurvey(ctx.db, world.worker, tenantSurveyInput([world.vlashof.id, world.leiemeersen.id]))).id;
		});

		it('adds sections and questions of several kinds, with keys made from the Dutch text', async () => {
			await addHomeSection();
			const s = await structure();
			expect(s.sections[0].title).toEqual({ nl: { text: 'Uw woning' }, fr: { text: 'Votre logement' } });
			expect(s.sections[0].questions.map((q) => [q.key, q.kind, q.required])).toEqual([
				['hoe_tevreden_bent_u_over_uw_wo', 'scale', true],
				['vroeg_u_een_herstelling_aan', 'yes_no', false],
				['hoe_snel', 'single_choice', false]
			]);
			const choice = s.sections[0].questions[2];
			expect(choice.kind === 'single_choice' && choice.options.map((o) => o.key)).toEqual(['binnen_de_week', 'binnen_de_maand', 'later']);
			expect(choice.condition).toEqual({ question: 'vroeg_u_een_herstelling_aan', is: 'yes' });
		});

		it('changes a question with texts per language and easy read; a renamed question keeps the conditions on it', async () => {
			await renameRepairAsked();
			const s = await structure();
			expect(s.sections[0].questions[1]).toMatchObject({
				key: 'repair_asked',
				required: true,
				label: { nl: { text: 'Vroeg u het voorbije jaar een herstelling aan?', easy: 'Was er iets kapot?' }, en: { text: 'Did you ask for a repair?' } }
			});
			expect(s.sections[0].questions[2].condition).toEqual({ question: 'repair_asked', is: 'yes' });
		});

		it('edits options in rows: a new row gets a key, an emptied row goes', async () => {
			await editOptionRows();
			const q = (await structure()).sections[0].questions[2];
			expect(q.kind === 'single_choice' && q.options.map((o) => o.key)).toEqual(['binnen_de_week', 'later', 'nog_niet']);
			expect(q.kind === 'single_choice' && q.allowOther).toBe(false);
		});

		it('moves a question into the next section, and refuses a condition that would point at a later question', async () => {
			await addNeighbourhoodSection();
			await edit('move_question', { section: '0', question: '2', direction: 'down' });
			let s = await structure();
			expect(s.sections[1].questions.map((q) => q.key)).toEqual(['hoe_snel', 'hoeveel_jaar_woont_u_hier']);
			await edit('move_question', { section: '1', question: '0', direction: 'up' });
			s = await structure();
			expect(s.sections[0].questions.map((q) => q.key)).toEqual(['hoe_tevreden_bent_u_over_uw_wo', 'repair_asked', 'hoe_snel']);
			const bad = applyStructureEdit(s as StructureInput, 'move_question', { section: '0', question: '1', direction: 'down' }, LANGS);
			// repair_asked moved below hoe_snel, whose condition names it.
			const refusal = await saveStructure(ctx.db, world.worker, surveyId, bad.structure).catch((e: unknown) => e);
			expect(refusal).toBeInstanceOf(Invalid);
			const issue = (refusal as Invalid).issues[0];
			expect(issue.code).toBe('condition_not_earlier');
			expect(issueTarget(issue.path)).toEqual({ target: 'question-0-1', field: 'condition' });
		});

		it('number limits and a missing Dutch text are refused at their field', async () => {
			await addNeighbourhoodSection();
			const s = (await structure()) as StructureInput;
			const bad = applyStructureEdit(s, 'update_question', { section: '1', question: '0', key: 'years', 'label.fr': 'Années', min: '10', max: '5' }, LANGS);
			const refusal = (await saveStructure(ctx.db, world.worker, surveyId, bad.structure).catch((e: unknown) => e)) as Invalid;
			expect(refusal.issues.map((i) => [issueTarget(i.path).target, issueTarget(i.path).field, i.code]).sort()).toEqual([
				['question-1-0', 'label.nl', 'dutch_required'],
				['question-1-0', 'max', 'min_above_max']
			]);
		});

		it('saving after the first answer makes a new version; deleting and moving sections work', async () => {
			await addNeighbourhoodSection();
			await edit('add_question', { section: '1', kind: 'long_text', 'label.nl': 'Wat wilt u nog kwijt?' });
			await setSurveyStatus(ctx.db, world.worker, surveyId, 'open');
			await submitAnswerSet(ctx.db, { kind: 'anonymous' }, surveyId, {
				submissionId: newId(),
				channel: 'open_link',
				answers: { hoe_tevreden_bent_u_over_uw_wo: 4, repair_asked: 'no' }
			});
			const { saved } = await edit('move_section', { section: '1', direction: 'up' });
			expect(saved).toMatchObject({ newVersion: true, number: 2 });
			expect((await structure()).sections.map((x) => x.title.nl.text)).toEqual(['Uw buurt', 'Uw woning']);
			const again = await edit('delete_question', { section: '0', question: '1' });
			expect(again.saved).toMatchObject({ newVersion: false, number: 2 });
			expect((await structure()).sections[0].questions.map((q) => q.key)).toEqual(['hoeveel_jaar_woont_u_hier']);
		});
	},
	{ each: true }
);

it('keys, conditions and languages read from a form', () => {
	expect(keyFromLabel('Élève? 3 ans', new Set(), 'x')).toBe('eleve_3_ans');
	expect(keyFromLabel('3 kinderen', new Set(), 'vraag_1')).toBe('vraag_1');
	expect(keyFromLabel('Ja', new Set(['ja']), 'x', true)).toBe('ja_2');
	expect(keyFromLabel('Other', new Set(), 'x', true)).toBe('other_answer');
	for (const c of ['is:a:yes', 'is:a:no', 'equals:b:c', 'includes:d:e']) expect(conditionToForm(conditionFromForm(c))).toBe(c);
	expect(conditionFromForm('')).toBeUndefined();
	expect(builderLanguages({ sections: [{ key: 's', title: { nl: 'x', ar: 'y' }, questions: [] }] }, ['tr', 'BAD'])).toEqual(['nl', 'fr', 'en', 'ar', 'tr']);
	expect(issueTarget('sections.2.questions.0.options.1.label.nl.text')).toEqual({ target: 'question-2-0', field: 'options.1.label.nl' });
	expect(issueTarget('sections.1.title')).toEqual({ target: 'section-1', field: 'title.nl' });
	expect(issueTarget('sections')).toEqual({ target: 'sections', field: 'sections' });
});
