// A tenant survey that a test builds for itself on its server's database, through the surveys services as the demo's
// community worker: the questions below (the tests' own copy, so a change to the demo's survey cannot move what they
// check), waves, household codes, answer sets with known answers, themes and published results. The demo stays the
// background: its estates (Wallaysplein, Vlashof), its organisations and its sign-in accounts.
import { newId } from '../../src/core/db/ids';
import type { Db } from '../../src/core/db/database';
import { staffActor } from '../../src/core/demo/signals';
import { organisationByName } from '../../src/core/partners';
import {
	createSurvey,
	createTheme,
	createWave,
	generateHouseholdCodes,
	listOpenAnswers,
	publishWave,
	setSurveyStatus,
	submitAnswerSet,
	tagOpenAnswers
} from '../../src/core/surveys';
import type { AnswerMap, StructureInput, SurveyInput } from '../../src/core/surveys/model';
import { DEMO } from './session';

const DAY = 86_400_000;

export const TENANT_SURVEY_TITLE = {
	nl: 'Hoe woont u? Uw mening over De Vlashaard en het buurtwerk',
	fr: 'Comment vivez-vous ici ? Votre avis sur De Vlashaard et le travail de quartier',
	en: 'How do you live here? Your view of De Vlashaard and neighbourhood work'
};
export const TENANT_SURVEY_INTRO = {
	nl: {
		text: 'De Vlashaard en het buurtwerk willen weten hoe u woont en wat beter kan. Het duurt ongeveer 10 minuten.',
		easy: 'Wij willen weten hoe u woont. Wat is goed? Wat kan beter? Het duurt 10 minuten.'
	},
	fr: 'De Vlashaard et le travail de quartier veulent savoir comment vous vivez et ce qui peut être amélioré. Cela prend environ 10 minutes.',
	en: 'De Vlashaard and neighbourhood work want to know how you live and what could be better. It takes about 10 minutes.'
};
export const TENANT_SURVEY_CONSENT = {
	nl: {
		text: 'Uw antwoorden zijn anoniem: we weten niet wie wat antwoordde. Met een code uit uw brief zien we alleen dat uw gezin antwoordde. We tonen nooit cijfers van minder dan 5 gezinnen.',
		easy: 'Niemand weet wat u antwoordt. Uw naam staat er niet bij.'
	},
	fr: 'Vos réponses sont anonymes : nous ne savons pas qui a répondu quoi. Avec le code de votre lettre, nous voyons seulement que votre ménage a répondu. Nous ne montrons jamais de chiffres de moins de 5 ménages.',
	en: 'Your answers are anonymous: we do not know who answered what. With the code from your letter we only see that your household answered. We never show figures of fewer than 5 households.'
};

const o = (key: string, nl: string, fr: string, en: string) => ({ key, label: { nl, fr, en } });

export const TENANT_SURVEY_STRUCTURE: StructureInput = {
	sections: [
		{
			key: 'woning',
			title: { nl: 'Uw woning en De Vlashaard', fr: 'Votre logement et De Vlashaard', en: 'Your home and De Vlashaard' },
			questions: [
				{
					key: 'woning_tevreden',
					kind: 'scale',
					required: true,
					label: {
						nl: { text: 'Hoe tevreden bent u over uw woning?', easy: 'Bent u blij met uw huis?' },
						fr: 'Êtes-vous satisfait de votre logement ?',
						en: 'How happy are you with your home?'
					}
				},
				{
					key: 'herstelling_gevraagd',
					kind: 'yes_no',
					required: true,
					label: {
						nl: { text: 'Vroeg u het voorbije jaar een herstelling aan bij De Vlashaard?', easy: 'Vroeg u dit jaar iets te maken?' },
						fr: 'Avez-vous demandé une réparation à De Vlashaard cette année ?',
						en: 'Did you ask De Vlashaard for a repair this year?'
					}
				},
				{
					key: 'herstelling_snel',
					kind: 'scale',
					required: true,
					condition: { question: 'herstelling_gevraagd', is: 'yes' },
					label: {
						nl: { text: 'Hoe tevreden bent u over hoe snel de herstelling gebeurde?', easy: 'Werd het snel gemaakt?' },
						fr: 'Êtes-vous satisfait de la rapidité de la réparation ?',
						en: 'How happy are you with how quickly the repair was done?'
					}
				},
				{
					key: 'contact_vlashaard',
					kind: 'single_choice',
					allowOther: true,
					label: {
						nl: 'Hoe neemt u meestal contact op met De Vlashaard?',
						fr: 'Comment contactez-vous De Vlashaard le plus souvent ?',
						en: 'How do you usually contact De Vlashaard?'
					},
					options: [
						o('telefoon', 'Ik bel', 'Par téléphone', 'I phone'),
						o('loket', 'Aan het loket', 'Au guichet', 'At the desk'),
						o('mail', 'Met een mail of het webformulier', 'Par mail ou le formulaire web', 'By email or the web form'),
						o('buurtwerk', 'Via de opbouwwerker', 'Via le travailleur de quartier', 'Through the community worker'),
						o('nooit', 'Ik neem nooit contact op', 'Je ne les contacte jamais', 'I never contact them')
					]
				},
				{
					key: 'vlashaard_luistert',
					kind: 'scale',
					label: {
						nl: { text: 'Voelt u zich gehoord door De Vlashaard?', easy: 'Luistert De Vlashaard naar u?' },
						fr: 'Vous sentez-vous écouté par De Vlashaard ?',
						en: 'Do you feel heard by De Vlashaard?'
					}
				}
			]
		},
		{
			key: 'buurt',
			title: { nl: 'Uw buurt en het buurtwerk', fr: 'Votre quartier et le travail de quartier', en: 'Your neighbourhood and neighbourhood work' },
			questions: [
				{
					key: 'buurt_tevreden',
					kind: 'scale',
					required: true,
					label: {
						nl: { text: 'Hoe graag woont u in uw buurt?', easy: 'Woont u hier graag?' },
						fr: 'Aimez-vous vivre dans votre quartier ?',
						en: 'How much do you like living in your neighbourhood?'
					}
				},
				{
					key: 'buurtwerk_kent',
					kind: 'yes_no',
					required: true,
					label: {
						nl: { text: 'Kent u het buurtwerk (de opbouwwerker, het buurthuis)?', easy: 'Kent u de opbouwwerker of het buurthuis?' },
						fr: 'Connaissez-vous le travail de quartier (le travailleur de quartier, la maison de quartier) ?',
						en: 'Do you know the neighbourhood work (the community worker, the community centre)?'
					}
				},
				{
					key: 'activiteiten',
					kind: 'multiple_choice',
					allowOther: true,
					condition: { question: 'buurtwerk_kent', is: 'yes' },
					label: { nl: 'Aan welke activiteiten nam u deel?', fr: 'À quelles activités avez-vous participé ?', en: 'Which activities did you take part in?' },
					options: [
						o('buurtdrink', 'De buurtdrink op Dag van de Buren', 'Le verre de la Fête des voisins', "The neighbours' day drink"),
						o('plantenruil', 'De plantenruil', "L'échange de plantes", 'The plant swap'),
						o('kennismaking', 'De kennismaking met nieuwe huurders', "L'accueil des nouveaux locataires", 'Meeting the new tenants'),
						o('vergadering', 'Een bewonersvergadering', 'Une réunion des habitants', "A residents' meeting"),
						o('huiswerk', 'De huiswerkklas', "L'école des devoirs", 'The homework club')
					]
				},
				{
					key: 'buurtwerk_tevreden',
					kind: 'scale',
					condition: { question: 'buurtwerk_kent', is: 'yes' },
					label: {
						nl: 'Hoe tevreden bent u over het buurtwerk?',
						fr: 'Êtes-vous satisfait du travail de quartier ?',
						en: 'How happy are you with the neighbourhood work?'
					}
				},
				{
					key: 'jaren',
					kind: 'number',
					min: 0,
					max: 70,
					label: {
						nl: 'Hoeveel jaar woont u al in deze wijk?',
						fr: 'Depuis combien d’années habitez-vous ce quartier ?',
						en: 'How many years have you lived on this estate?'
					},
					unit: { nl: 'jaar', fr: 'ans', en: 'years' }
				}
			]
		},
		{
			key: 'ideeen',
			title: { nl: 'Uw ideeën', fr: 'Vos idées', en: 'Your ideas' },
			questions: [
				{
					key: 'noden',
					kind: 'needs_block',
					label: {
						nl: { text: 'Wat heeft u nodig, wat verwacht u, en welke ideeën heeft u voor de wijk?', easy: 'Wat wilt u? Wat is uw idee?' },
						fr: 'De quoi avez-vous besoin, qu’attendez-vous, quelles idées avez-vous pour le quartier ?',
						en: 'What do you need, what do you expect, and what ideas do you have for the estate?'
					}
				},
				{
					key: 'opmerking',
					kind: 'long_text',
					label: { nl: 'Wilt u nog iets zeggen?', fr: 'Voulez-vous encore dire quelque chose ?', en: 'Anything else you want to say?' }
				}
			]
		}
	]
};

/** What tenants wrote in the survey's last field, in turn. */
export const TENANT_REMARKS = [
	'Er zit al twee jaar schimmel in de badkamer.',
	'Het buurthuis is fijn, daar leer je de buren kennen.',
	'In de trappenhal ligt vaak afval.',
	'Het vocht in de slaapkamer maakt mijn zoon ziek.'
];

/**
 * The answers of the `i`th tenant: every field filled in a fixed turn, so each wave's figures follow from its count;
 * `better` moves the home's score one up (wave 2, after the damp was tackled).
 */
export function tenantAnswers(i: number, better = false): AnswerMap {
	const a: AnswerMap = {
		woning_tevreden: Math.min(5, 1 + (i % 5) + (better ? 1 : 0)),
		herstelling_gevraagd: i % 2 === 0 ? 'yes' : 'no',
		contact_vlashaard: ['telefoon', 'loket', 'mail', 'buurtwerk'][i % 4],
		vlashaard_luistert: 1 + ((i + 2) % 5),
		buurt_tevreden: 1 + ((i + 1) % 5),
		buurtwerk_kent: i % 3 === 0 ? 'no' : 'yes',
		jaren: 1 + ((i * 7) % 30)
	};
	if (a.herstelling_gevraagd === 'yes') a.herstelling_snel = 1 + ((i + 3) % 5);
	if (a.buurtwerk_kent === 'yes') {
		a.activiteiten = i % 2 === 0 ? ['buurtdrink'] : ['plantenruil', 'huiswerk'];
		a.buurtwerk_tevreden = 1 + ((i + 4) % 5);
	}
	if (i % 2 === 1) a.opmerking = TENANT_REMARKS[((i - 1) / 2) % TENANT_REMARKS.length];
	if (i % 3 === 1) a.noden = { needs: 'Een spreekuur van De Vlashaard in het buurthuis' };
	return a;
}

export type TenantSurvey = {
	id: string;
	slug: string;
	/** Wave 1 ran a year ago and its results are published; wave 2 is open now and every household has a code. */
	waves: [{ id: string; number: 1 }, { id: string; number: 2 }];
	estates: { wallaysplein: string; vlashof: string };
	/** Answer sets stored per wave and estate. */
	answered: Array<{ wallaysplein: number; vlashof: number }>;
	/** The run of household codes of wave 2 and how many letters it holds. */
	codes: { batchId: string; letters: number };
	/** The themes of wave 1's open answers, each with the answers tagged with it. */
	themes: Array<{ id: string; name: string; tagged: number }>;
	/** The feedback published with wave 1. */
	feedback: string;
};

/** Wave 1: 25 answers from Wallaysplein and three from Vlashof, a group too small to show the public. */
const WAVE_1 = { wallaysplein: 25, vlashof: 3 };
const WAVE_2 = { wallaysplein: 6, vlashof: 2 };

/**
 * The tenant survey of the demo's community worker (Sara) and De Vlashaard for Wallaysplein and Vlashof, as the demo
 * has one, but with this test's own rows: open, with the two waves of `TenantSurvey`.
 */
export async function buildTenantSurvey(db: Db, now = new Date()): Promise<TenantSurvey> {
	const sara = await staffActor(db, DEMO.communityWorker);
	const vlashaard = await organisationByName(db, 'De Vlashaard');
	const estates = await db.selectFrom('estates').select(['id', 'name']).where('name', 'in', ['Wallaysplein', 'Vlashof']).execute();
	const estateId = (name: string) => estates.find((e) => e.name === name)?.id;
	const wallaysplein = estateId('Wallaysplein');
	const vlashof = estateId('Vlashof');
	if (!vlashaard || !wallaysplein || !vlashof) throw new Error('The demo background (De Vlashaard, Wallaysplein, Vlashof) is missing');
	const input: SurveyInput = {
		title: TENANT_SURVEY_TITLE,
		intro: TENANT_SURVEY_INTRO,
		consent: TENANT_SURVEY_CONSENT,
		modes: ['open_link', 'code', 'paper', 'tablet'],
		estateIds: [wallaysplein, vlashof],
		partnerOrganisationIds: [vlashaard.id]
	};
	const survey = await createSurvey(db, sara, input, TENANT_SURVEY_STRUCTURE);
	const first = { from: now.getTime() - 400 * DAY, days: 45 };
	const second = { from: now.getTime() - 12 * DAY, days: 42 };
	const wave1 = await createWave(
		db,
		sara,
		survey.id,
		{ opensAt: new Date(first.from), closesAt: new Date(first.from + first.days * DAY) },
		new Date(first.from - DAY)
	);
	await setSurveyStatus(db, sara, survey.id, 'open', new Date(first.from - DAY));

	const answer = async (waveFrom: number, counts: { wallaysplein: number; vlashof: number }, better: boolean) => {
		let i = 0;
		for (const [estate, count] of [
			[wallaysplein, counts.wallaysplein],
			[vlashof, counts.vlashof]
		] as const) {
			for (let n = 0; n < count; n++, i++) {
				const at = new Date(waveFrom + (1 + (i % 5)) * DAY + 10 * 3_600_000);
				await submitAnswerSet(
					db,
					sara,
					survey.id,
					{ submissionId: newId(), channel: 'tablet', estateId: estate, language: 'nl', answers: tenantAnswers(i, better) },
					at
				);
			}
		}
	};
	await answer(first.from, WAVE_1, false);

	const themes: TenantSurvey['themes'] = [];
	const { items } = await listOpenAnswers(db, sara, survey.id, { waveId: wave1.id, questionKey: 'opmerking', pageSize: 500 });
	for (const [name, words] of [
		['Vocht en schimmel', /schimmel|vocht/],
		['Samen in de buurt', /buren|buurthuis/]
	] as const) {
		const theme = await createTheme(db, sara, survey.id, name);
		const tagged = items.filter((item) => words.test(item.text)).map((item) => item.id);
		await tagOpenAnswers(db, sara, survey.id, { openAnswerIds: tagged, themeId: theme.id });
		themes.push({ ...theme, tagged: tagged.length });
	}
	const feedback = 'Bedankt voor uw antwoorden! De Vlashaard pakt het vocht in de flats van het Wallaysplein aan.';
	await publishWave(
		db,
		sara,
		survey.id,
		wave1.id,
		{ published: true, feedback: { nl: feedback, fr: 'Merci pour vos réponses !', en: 'Thank you for your answers!' } },
		new Date(first.from + (first.days + 30) * DAY)
	);

	const wave2 = await createWave(
		db,
		sara,
		survey.id,
		{ opensAt: new Date(second.from), closesAt: new Date(second.from + second.days * DAY) },
		new Date(second.from - DAY)
	);
	const run = await generateHouseholdCodes(
		db,
		sara,
		{ surveyId: survey.id, waveId: wave2.id, link: (code) => `http://leefbaar.invalid/enquete/c/${code}` },
		new Date(second.from - DAY)
	);
	if (!run.batchId) throw new Error('Wallaysplein and Vlashof have no households to send a letter to');
	await answer(second.from, WAVE_2, true);

	return {
		id: survey.id,
		slug: survey.slug,
		waves: [
			{ id: wave1.id, number: 1 },
			{ id: wave2.id, number: 2 }
		],
		estates: { wallaysplein, vlashof },
		answered: [WAVE_1, WAVE_2],
		codes: { batchId: run.batchId, letters: run.letters.length },
		themes,
		feedback
	};
}

/** A survey still being written, which nobody outside the organisation sees. */
export async function buildDraftSurvey(db: Db, email: string = DEMO.communityWorker, estate = 'Vlashof'): Promise<{ id: string; slug: string }> {
	const worker = await staffActor(db, email);
	const { id: estateId } = await db.selectFrom('estates').select('id').where('name', '=', estate).executeTakeFirstOrThrow();
	const survey = await createSurvey(
		db,
		worker,
		{ title: { nl: `Verkenning ${newId().slice(-6)}` }, consent: { nl: 'Uw antwoorden zijn anoniem.' }, modes: ['open_link'], estateIds: [estateId] },
		TENANT_SURVEY_STRUCTURE
	);
	return { id: survey.id, slug: survey.slug };
}
