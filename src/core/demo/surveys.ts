// The demo's tenant satisfaction survey: De Vlashaard and neighbourhood work ask the tenants of Wallaysplein and
// Vlashof in Wevelgem (the seed's "bewonersbevraging in twee sociale woonwijken"). Wave 1 ran a year ago: code letters
// to every household, answers by code, on paper typed in by Sara, on her tablet door to door and by the poster's open
// link; Sara tagged the open answers with themes and published the results with what was done. Wave 2 is open now,
// with its letters sent and the first answers in. Also a draft exploration survey (verkenningsfase) for Kapelakker.
// Everything goes through the services with fixed `now` values; deterministic (a seeded generator, relative to now).
import { system, type StaffActor } from '../access';
import { createBuilding, createDwelling, estatesByName } from '../areas';
import { organisationByName } from '../partners';
import type { Db } from '../db';
import { newId } from '../db';
import { createHousehold, createResident } from '../people';
import {
	createSurvey,
	createTheme,
	createWave,
	generateHouseholdCodes,
	listOpenAnswers,
	publishWave,
	setOpenAnswersPublic,
	setSurveyStatus,
	submitAnswerSet,
	tagOpenAnswers,
	type CodeLetter
} from '../surveys';
import type { AnswerMap, SurveyMode } from '../surveys/model';
import { demoHouseholds } from './people';
import { staffActor } from './signals';
import { DEMO_NEEDS, DEMO_REMARKS, DEMO_SURVEY_CONSENT, DEMO_SURVEY_INTRO, DEMO_SURVEY_STRUCTURE, DEMO_SURVEY_TITLE, DEMO_THEMES } from './survey-texts';

const DAY = 86_400_000;

function generator(seed: number) {
	let s = Math.imul(seed + 0x9e3779b9, 2654435761) >>> 0;
	const next = () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
	/** An index drawn with the given weights. */
	const weighted = (weights: readonly number[]) => {
		let r = next() * weights.reduce((a, b) => a + b, 0);
		for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
		return weights.length - 1;
	};
	return { next, chance: (p: number) => next() < p, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)], weighted };
}
type Rnd = ReturnType<typeof generator>;

/**
 * The two estates are larger than the demo's first blocks: the other blocks of Wallaysplein (the old estate) and of
 * Vlashof (new), with their tenants, so the survey has a few hundred households to ask.
 */
const MORE_BLOCKS: Record<'Wallaysplein' | 'Vlashof', Array<{ street: string; houseNumber: string; dwellings: number }>> = {
	Wallaysplein: [
		...['20', '22', '24', '26', '28', '30'].map((houseNumber) => ({ street: 'Wallaysplein', houseNumber, dwellings: 30 })),
		{ street: 'Vlasbloemstraat', houseNumber: '15', dwellings: 30 },
		{ street: 'Vlasbloemstraat', houseNumber: '17', dwellings: 30 },
		{ street: 'Lijnzaadstraat', houseNumber: '2', dwellings: 12 },
		{ street: 'Lijnzaadstraat', houseNumber: '4', dwellings: 12 }
	],
	Vlashof: ['4', '6', '8', '10'].map((houseNumber) => ({ street: 'Vlashofstraat', houseNumber, dwellings: 24 }))
};

async function addBlocks(
	db: Db,
	estate: { id: string; name: 'Wallaysplein' | 'Vlashof'; slug: string; lon: number | null; lat: number | null },
	seed: number,
	usedNames: Set<string>,
	now: Date
): Promise<void> {
	const actor = system('demo');
	for (const [b, block] of MORE_BLOCKS[estate.name].entries()) {
		const building = await createBuilding(db, actor, {
			estateId: estate.id,
			name: `${block.street} ${block.houseNumber}`,
			street: block.street,
			houseNumber: block.houseNumber,
			postalCode: '8560',
			lon: estate.lon,
			lat: estate.lat
		});
		const households = demoHouseholds(block.dwellings, seed + b, estate.name === 'Vlashof', usedNames, now);
		for (let i = 0; i < block.dwellings; i++) {
			const ref = `${estate.slug.slice(0, 3).toUpperCase()}-${block.houseNumber}-${i + 1}`;
			const dwelling = await createDwelling(db, actor, {
				buildingId: building.id,
				externalRef: ref,
				street: block.street,
				houseNumber: block.houseNumber,
				box: String(i + 1),
				postalCode: '8560',
				bedrooms: 1 + ((i + b) % 3)
			});
			// One flat in twelve stands empty (between tenants).
			if ((i + b) % 12 === 5) continue;
			const h = households[i];
			const household = await createHousehold(db, actor, { name: h.name, dwellingId: dwelling.id, externalRef: `HC-${ref}`, moveInDate: h.moveInDate });
			for (const r of h.residents) await createResident(db, actor, { householdId: household.id, ...r });
		}
	}
}

/** How the tenants of each estate tend to answer: Wallaysplein's flats are old and damp, Vlashof is new. */
const PROFILE = {
	Wallaysplein: {
		home: [8, 17, 30, 33, 12],
		repairAsked: 0.62,
		speed: [22, 30, 25, 16, 7],
		heard: [15, 25, 30, 22, 8],
		area: [5, 12, 28, 38, 17],
		knowsWork: 0.72,
		work: [2, 5, 20, 45, 28],
		years: [1, 35],
		activities: [0.45, 0.25, 0.05, 0.3, 0.12]
	},
	Vlashof: {
		home: [2, 5, 15, 45, 33],
		repairAsked: 0.35,
		speed: [10, 20, 30, 28, 12],
		heard: [8, 15, 35, 30, 12],
		area: [5, 10, 35, 35, 15],
		knowsWork: 0.35,
		work: [2, 6, 25, 42, 25],
		years: [0, 2],
		activities: [0.3, 0.1, 0.5, 0.15, 0.05]
	}
} as const;
const ACTIVITIES = ['buurtdrink', 'plantenruil', 'kennismaking', 'vergadering', 'huiswerk'];
const CONTACT = ['telefoon', 'loket', 'mail', 'buurtwerk', 'nooit', 'other'];

/** One tenant's answers; `better` shifts the repair scores up a little (wave 2, after the damp project). */
function demoAnswers(rnd: Rnd, estate: 'Wallaysplein' | 'Vlashof' | null, better = 0): AnswerMap {
	const p = PROFILE[estate ?? 'Wallaysplein'];
	const scale = (weights: readonly number[]) => Math.min(5, 1 + rnd.weighted(weights) + (better && rnd.chance(better) ? 1 : 0));
	const a: AnswerMap = { woning_tevreden: scale(p.home), herstelling_gevraagd: rnd.chance(p.repairAsked) ? 'yes' : 'no' };
	if (a.herstelling_gevraagd === 'yes') a.herstelling_snel = scale(p.speed);
	if (rnd.chance(0.93)) {
		const contact = CONTACT[rnd.weighted(estate === 'Vlashof' ? [30, 10, 30, 20, 7, 3] : [40, 15, 10, 25, 7, 3])];
		a.contact_vlashaard =
			contact === 'other' ? { choice: 'other', other: rnd.pick(['Via mijn dochter', 'Ik ga langs bij de conciërge', 'Par mon assistante sociale']) } : contact;
	}
	if (rnd.chance(0.9)) a.vlashaard_luistert = scale(p.heard);
	a.buurt_tevreden = scale(p.area);
	a.buurtwerk_kent = rnd.chance(p.knowsWork) ? 'yes' : 'no';
	if (a.buurtwerk_kent === 'yes') {
		const picked = ACTIVITIES.filter((_, i) => rnd.chance(p.activities[i]));
		if (rnd.chance(0.04)) a.activiteiten = { choices: picked, other: rnd.pick(['Het paasfeest', 'De fietsherstelling']) };
		else if (picked.length) a.activiteiten = picked;
		if (rnd.chance(0.92)) a.buurtwerk_tevreden = scale(p.work);
	}
	if (rnd.chance(0.8)) a.jaren = p.years[0] + Math.floor(rnd.next() ** 1.6 * (p.years[1] - p.years[0] + 1));
	const noden: Record<string, string> = {};
	if (rnd.chance(0.35)) noden.needs = rnd.pick(DEMO_NEEDS.needs);
	if (rnd.chance(0.2)) noden.expectations = rnd.pick(DEMO_NEEDS.expectations);
	if (rnd.chance(0.25)) noden.ideas = rnd.pick(DEMO_NEEDS.ideas);
	if (Object.keys(noden).length) a.noden = noden;
	if (rnd.chance(0.3)) a.opmerking = rnd.pick(DEMO_REMARKS[estate ?? 'Wallaysplein']);
	return a;
}

type Ctx = { db: Db; surveyId: string; sara: StaffActor; rnd: Rnd };

/** Every household with a letter answers or not: by its code, on the worker's tablet at the door, or on paper. */
async function answerWave(
	c: Ctx,
	letters: readonly CodeLetter[],
	estates: Record<string, string>,
	window: { from: number; days: number },
	share: { code: number; tablet: number; paper: number; openLink: number },
	better = 0
): Promise<number> {
	let stored = 0;
	// A day in the window (not its last, so nine in the evening still falls before the close), between 9:00 and 20:00.
	const at = () => new Date(window.from + Math.floor(c.rnd.next() * (window.days - 1)) * DAY + (9 + Math.floor(c.rnd.next() * 11)) * 3_600_000);
	for (const letter of letters) {
		const estate = letter.estateName as 'Wallaysplein' | 'Vlashof';
		const way = c.rnd.weighted([share.code, share.tablet, share.paper, Math.max(0, 1 - share.code - share.tablet - share.paper)]);
		if (way === 3) continue;
		const channel: SurveyMode = way === 0 ? 'code' : way === 1 ? 'tablet' : 'paper';
		const language = c.rnd.weighted([85, 10, 5]);
		await submitAnswerSet(
			c.db,
			channel === 'code' ? { kind: 'anonymous' } : c.sara,
			c.surveyId,
			{
				submissionId: newId(),
				channel,
				code: channel === 'code' || channel === 'paper' ? letter.code : undefined,
				estateId: estates[estate],
				language: ['nl', 'fr', 'en'][language],
				answers: demoAnswers(c.rnd, estate, better)
			},
			at()
		);
		stored++;
	}
	// The poster in the hall: a few answer by its link, some without saying where they live.
	const posters = Math.round(letters.length * share.openLink);
	for (let i = 0; i < posters; i++) {
		const estate = c.rnd.chance(0.7) ? (c.rnd.chance(0.75) ? 'Wallaysplein' : 'Vlashof') : null;
		await submitAnswerSet(
			c.db,
			{ kind: 'anonymous' },
			c.surveyId,
			{
				submissionId: newId(),
				channel: 'open_link',
				estateId: estate ? estates[estate] : undefined,
				language: 'nl',
				answers: demoAnswers(c.rnd, estate, better)
			},
			at()
		);
		stored++;
	}
	return stored;
}

/** Sara reads the open answers of wave 1 and puts most under a theme; a few she marks for the public page. */
async function tagWave(c: Ctx, waveId: string, themes: ReadonlyArray<{ id: string; words: RegExp }>): Promise<void> {
	for (const questionKey of ['opmerking', 'noden']) {
		const { items } = await listOpenAnswers(c.db, c.sara, c.surveyId, { waveId, questionKey, pageSize: 500 });
		const tagged = new Map<string, string[]>();
		for (const item of items) {
			// She has not read them all yet: about one in five waits for her.
			if (c.rnd.chance(0.2)) continue;
			for (const t of themes) if (t.words.test(item.text)) tagged.set(t.id, [...(tagged.get(t.id) ?? []), item.id]);
		}
		for (const [themeId, openAnswerIds] of tagged) await tagOpenAnswers(c.db, c.sara, c.surveyId, { openAnswerIds, themeId });
		const fit = items.filter((i) => /buurthuis is fijn|speelruimte|buurtfeest|plantenruil|spreekuur/i.test(i.text)).slice(0, 8);
		if (fit.length)
			await setOpenAnswersPublic(
				c.db,
				c.sara,
				c.surveyId,
				fit.map((i) => i.id),
				true
			);
	}
}

/** The tenant satisfaction survey of Wallaysplein and Vlashof (wave 1 a year ago, wave 2 open now), and Kapelakker's draft. */
export async function loadDemoSurveys(db: Db, now = new Date(), origin = 'http://localhost:3000'): Promise<{ surveyId: string; answerSets: number }> {
	const rnd = generator(4242);
	const sara = await staffActor(db, 'opbouwwerker@leefbaar.demo');
	const estateIds = await surveyedEstates(db, now);
	const vlashaard = await organisationByName(db, 'De Vlashaard');
	if (!vlashaard) throw new Error('The demo housing company De Vlashaard is missing');

	const wave1 = { from: now.getTime() - 400 * DAY, days: 45 };
	const wave2 = { from: now.getTime() - 12 * DAY, days: 12 };
	const survey = await createSurvey(
		db,
		sara,
		{
			title: DEMO_SURVEY_TITLE,
			intro: DEMO_SURVEY_INTRO,
			consent: DEMO_SURVEY_CONSENT,
			modes: ['open_link', 'code', 'paper', 'tablet'],
			estateIds: Object.values(estateIds),
			partnerOrganisationIds: [vlashaard.id]
		},
		DEMO_SURVEY_STRUCTURE
	);
	const first = await createWave(
		db,
		sara,
		survey.id,
		{ opensAt: new Date(wave1.from), closesAt: new Date(wave1.from + wave1.days * DAY) },
		new Date(wave1.from - DAY)
	);
	await setSurveyStatus(db, sara, survey.id, 'open', new Date(wave1.from - DAY));
	const c: Ctx = { db, surveyId: survey.id, sara, rnd };
	// The letter's QR code opens /enquete/c/<code> (src/routes/enquete/c/[code]).
	const link = (code: string) => `${origin}/enquete/c/${code}`;

	const letters1 = await generateHouseholdCodes(db, sara, { surveyId: survey.id, waveId: first.id, link }, new Date(wave1.from - DAY));
	const firstAnswers = await answerWave(c, letters1.letters, estateIds, wave1, { code: 0.4, tablet: 0.12, paper: 0.08, openLink: 0.05 });
	const themes = [];
	for (const t of DEMO_THEMES) themes.push({ ...(await createTheme(db, sara, survey.id, t.name)), words: t.words });
	await tagWave(c, first.id, themes);
	await publishFirstWave(db, sara, survey.id, first.id, firstAnswers, new Date(wave1.from + (wave1.days + 30) * DAY));

	// A year later: wave 2 opened twelve days ago, letters went out, the first tenants answered.
	const second = await createWave(
		db,
		sara,
		survey.id,
		{ opensAt: new Date(wave2.from), closesAt: new Date(now.getTime() + 30 * DAY) },
		new Date(wave2.from - DAY)
	);
	const letters2 = await generateHouseholdCodes(db, sara, { surveyId: survey.id, waveId: second.id, link }, new Date(wave2.from - DAY));
	const answerSets =
		firstAnswers +
		(await answerWave(c, letters2.letters, estateIds, { from: wave2.from, days: 11 }, { code: 0.12, tablet: 0.03, paper: 0, openLink: 0.01 }, 0.3));

	await draftKapelakkerSurvey(db);
	return { surveyId: survey.id, answerSets };
}

/** Wallaysplein and Vlashof, with the blocks and households the survey is sent to; their ids by name. */
async function surveyedEstates(db: Db, now: Date): Promise<Record<string, string>> {
	const estates = (await estatesByName(db, ['Wallaysplein', 'Vlashof'])).reverse().map(({ id, name, slug, lon, lat }) => ({ id, name, slug, lon, lat }));
	const usedNames = new Set<string>();
	for (const [i, e] of estates.entries()) await addBlocks(db, { ...e, name: e.name as 'Wallaysplein' | 'Vlashof' }, 900 + 50 * i, usedNames, now);
	return Object.fromEntries(estates.map((e) => [e.name, e.id]));
}

/** Wave 1's results published a month after its close, with what is done about them in three languages. */
async function publishFirstWave(db: Db, sara: StaffActor, surveyId: string, waveId: string, answered: number, at: Date): Promise<void> {
	await publishWave(
		db,
		sara,
		surveyId,
		waveId,
		{
			published: true,
			feedback: {
				nl: {
					text: `Bedankt aan de ${answered} gezinnen die antwoordden! Wat we doen: De Vlashaard pakt het vocht in de flats van het Wallaysplein aan, er is elke eerste dinsdag van de maand een spreekuur van De Vlashaard in het buurthuis, en in de lente komt er een plantenruil op Vlashof.`,
					easy: 'Dank u voor uw antwoorden! Wat doen we nu? We maken de natte muren droog. Elke eerste dinsdag kunt u De Vlashaard spreken in het buurthuis. In de lente ruilen we planten.'
				},
				fr: 'Merci aux ménages qui ont répondu ! De Vlashaard s’attaque à l’humidité des appartements du Wallaysplein, une permanence de De Vlashaard a lieu chaque premier mardi du mois à la maison de quartier, et un échange de plantes aura lieu au printemps à Vlashof.',
				en: 'Thank you to every household that answered! De Vlashaard is tackling the damp in the Wallaysplein flats, De Vlashaard holds a drop-in at the community centre every first Tuesday, and there will be a plant swap at Vlashof in spring.'
			}
		},
		at
	);
}

/** Kapelakker's exploration phase (verkenningsfase), still being written by Jonas. */
async function draftKapelakkerSurvey(db: Db): Promise<void> {
	const jonas = await staffActor(db, 'kapelakker@leefbaar.demo');
	const [kapelakker] = await estatesByName(db, ['Kapelakker']);
	if (kapelakker) {
		await createSurvey(
			db,
			jonas,
			{
				title: { nl: 'Samenleven in Kapelakker: wat vindt u?', fr: 'Vivre ensemble à Kapelakker : votre avis' },
				consent: { nl: 'Uw antwoorden zijn anoniem. We brengen ze samen en bespreken ze met De Voorkempen.' },
				modes: ['open_link', 'paper', 'tablet'],
				estateIds: [kapelakker.id]
			},
			{
				sections: [
					{
						key: 'verkenning',
						title: { nl: 'Samenleven in de wijk' },
						questions: [
							{ key: 'kent_buren', kind: 'yes_no', required: true, label: { nl: { text: 'Kent u uw buren al?', easy: 'Kent u de mensen naast u?' } } },
							{ key: 'noden', kind: 'needs_block', label: { nl: 'Wat heeft u nodig, wat verwacht u, welke ideeën heeft u voor het samenleven in de wijk?' } }
						]
					}
				]
			}
		);
	}
}
