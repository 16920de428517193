// Test data for surveys: two estates with households living on them, staff of every kind, and the tenant
// satisfaction survey of the seeds (De Vlashaard and neighbourhood work ask their tenants), built through the services.
import { system } from '../access/actor';
import type { Db } from '../db/database';
import { buildArea, buildDwelling, buildEstate, buildPeopleWorld, buildStaff, reloadReach, worksIn } from '../people/factories';
import { createHousehold } from '../people/households';
import { createSurvey, setSurveyStatus } from './builder';
import { createWave } from './waves';
import type { StructureInput, SurveyInput, SurveyMode } from './model';

const setup = system('test');

/** A household in each of `count` new dwellings of the estate (the dwellings' house numbers 1, 2, …). */
export async function buildHouseholds(db: Db, estateId: string, count: number, street = 'Vlasstraat'): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const dwelling = await buildDwelling(db, estateId, { street, houseNumber: String(i + 1) });
		ids.push((await createHousehold(db, setup, { name: `Gezin ${street} ${i + 1}`, dwellingId: dwelling.id })).id);
	}
	return ids;
}

/** Wevelgem with two estates (Vlashof: 6 households, Leiemeersen: 4), an estate elsewhere, and the people world's staff. */
export async function buildSurveyWorld(db: Db) {
	const world = await buildPeopleWorld(db);
	const wevelgem = await buildArea(db, { name: 'Wevelgem', kind: 'municipality' });
	const area = await buildArea(db, { name: 'Nieuwe woonwijken', parentId: wevelgem.id });
	const vlashof = await buildEstate(db, area.id, world.shm.id, { name: 'Vlashof' });
	const leiemeersen = await buildEstate(db, area.id, world.shm.id, { name: 'Leiemeersen' });
	const elsewhere = await buildEstate(db, world.area.id, world.shm.id, { name: 'Elders' });
	await buildHouseholds(db, vlashof.id, 6, 'Vlashofstraat');
	await buildHouseholds(db, leiemeersen.id, 4, 'Leiemeers');
	await buildHouseholds(db, elsewhere.id, 2, 'Andere straat');
	// The institute works in Wevelgem too, and the OCMW (its territory); their staff's next requests see it.
	await worksIn(db, world.institute, wevelgem.id);
	await worksIn(db, world.ocmw, wevelgem.id);
	await reloadReach(db, world.admin, world.coordinator, world.worker, world.ocmwWorker);
	const partnerWorker = await buildStaff(db, 'community_worker', world.shm, 'Bert Vlashaard');
	return { ...world, wevelgem, area, vlashof, leiemeersen, elsewhere, partnerWorker };
}

/** The tenant satisfaction survey: the home (with a condition), the neighbourhood, numbers, texts and ideas. */
export const TENANT_SURVEY: StructureInput = {
	sections: [
		{
			key: 'home',
			title: { nl: 'Uw woning', fr: 'Votre logement', en: 'Your home' },
			questions: [
				{
					key: 'home_happy',
					kind: 'scale',
					required: true,
					label: {
						nl: { text: 'Hoe tevreden bent u over uw woning?', easy: 'Bent u blij met uw huis?' },
						fr: 'Êtes-vous satisfait de votre logement ?',
						en: 'How happy are you with your home?'
					}
				},
				{
					key: 'repair_asked',
					kind: 'yes_no',
					required: true,
					label: {
						nl: 'Vroeg u het voorbije jaar een herstelling aan?',
						fr: 'Avez-vous demandé une réparation cette année ?',
						en: 'Did you ask for a repair this year?'
					}
				},
				{
					key: 'repair_speed',
					kind: 'scale',
					required: true,
					condition: { question: 'repair_asked', is: 'yes' },
					label: { nl: 'Hoe snel werd de herstelling gedaan?', fr: 'La réparation a-t-elle été rapide ?', en: 'How quickly was the repair done?' }
				}
			]
		},
		{
			key: 'neighbourhood',
			title: { nl: 'Uw buurt', fr: 'Votre quartier', en: 'Your neighbourhood' },
			questions: [
				{
					key: 'contact',
					kind: 'single_choice',
					allowOther: true,
					label: { nl: 'Hoe vaak praat u met uw buren?', fr: 'Parlez-vous souvent avec vos voisins ?', en: 'How often do you talk to your neighbours?' },
					options: [
						{ key: 'weekly', label: { nl: 'Elke week', fr: 'Chaque semaine', en: 'Every week' } },
						{ key: 'monthly', label: { nl: 'Elke maand', fr: 'Chaque mois', en: 'Every month' } },
						{ key: 'never', label: { nl: 'Nooit', fr: 'Jamais', en: 'Never' } }
					]
				},
				{
					key: 'activities',
					kind: 'multiple_choice',
					allowOther: true,
					maxChoices: 3,
					label: { nl: 'Naar welke activiteiten wilt u komen?', fr: 'À quelles activités voulez-vous venir ?', en: 'Which activities would you come to?' },
					options: [
						{ key: 'drink', label: { nl: 'Buurtdrink', fr: 'Verre entre voisins', en: "Neighbours' drink" } },
						{ key: 'plant_swap', label: { nl: 'Plantenruil', fr: 'Échange de plantes', en: 'Plant swap' } },
						{ key: 'homework', label: { nl: 'Huiswerkklas', fr: 'École des devoirs', en: 'Homework club' } }
					]
				},
				{
					key: 'drink_day',
					kind: 'short_text',
					maxLength: 200,
					condition: { question: 'activities', includes: 'drink' },
					label: { nl: 'Welke dag past voor de buurtdrink?', fr: 'Quel jour pour le verre ?', en: 'Which day suits the drink?' }
				},
				{
					key: 'years',
					kind: 'number',
					min: 0,
					max: 80,
					label: { nl: 'Hoeveel jaar woont u hier?', fr: 'Depuis combien d’années habitez-vous ici ?', en: 'How many years have you lived here?' }
				},
				{ key: 'remark', kind: 'long_text', label: { nl: 'Wat wilt u nog kwijt?', fr: 'Autre chose à dire ?', en: 'Anything else?' } },
				{
					key: 'ideas',
					kind: 'needs_block',
					label: { nl: 'Uw noden, verwachtingen en ideeën', fr: 'Vos besoins, attentes et idées', en: 'Your needs, expectations and ideas' }
				}
			]
		}
	]
};

export function tenantSurveyInput(
	estateIds: string[],
	modes: SurveyMode[] = ['open_link', 'code', 'paper', 'tablet'],
	partnerOrganisationIds: string[] = []
): SurveyInput {
	return {
		title: { nl: 'Tevredenheid van huurders 2026', fr: 'Satisfaction des locataires 2026', en: 'Tenant satisfaction 2026' },
		consent: {
			nl: 'Uw antwoorden zijn anoniem. We gebruiken ze alleen om de wijk beter te maken.',
			fr: 'Vos réponses sont anonymes.',
			en: 'Your answers are anonymous.'
		},
		modes,
		estateIds,
		partnerOrganisationIds
	};
}

/** The survey open with wave 1 (from `opensAt`, for a year), run by the worker's organisation. */
export async function buildOpenSurvey(
	db: Db,
	actor: Parameters<typeof createSurvey>[1],
	estateIds: string[],
	options: { opensAt?: Date; modes?: SurveyMode[]; partners?: string[] } = {}
) {
	const survey = await createSurvey(db, actor, tenantSurveyInput(estateIds, options.modes, options.partners), TENANT_SURVEY);
	const opensAt = options.opensAt ?? new Date('2026-03-01T08:00:00Z');
	const wave = await createWave(db, actor, survey.id, { opensAt, closesAt: new Date(opensAt.getTime() + 365 * 86_400_000) }, opensAt);
	await setSurveyStatus(db, actor, survey.id, 'open', opensAt);
	return { ...survey, waveId: wave.id, opensAt };
}
