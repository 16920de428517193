// Demo data from the real places in PRODUCT.md, with invented people. Built through the modules' services, so the
// demo exercises the same rules, validation and audit trail as real use.
import { system, type Actor } from '../access';
import { createArea, listAreas } from '../areas';
import { importAreas } from '../areas';
import { createBuilding, createDwelling, createEstate } from '../areas';
import type { Db } from '../db';
import type { Role } from '../db';
import { addWorkingArea } from '../partners';
import { createOrganisation, createTeam } from '../partners';
import { createUser } from '../auth';
import { recordConsent } from '../people';
import { createHousehold, createResident } from '../people';
import municipalities from './municipalities.geo.json';
import { demoHouseholds } from './people';
import { DEMO_AREAS, squareAround, type DemoArea, type DemoEstate } from './places';
import { loadDemoOpen311 } from './open311';
import { loadDemoSignals } from './signals';
import { loadDemoSurveys } from './surveys';

export const DEMO_PASSWORD = 'leefbaar-demo';
/** Where the demo's mails link to when no origin is given (the server passes its configured ORIGIN). */
export const DEMO_ORIGIN = 'http://localhost:3000';
export type DemoLogin = { role: Role; email: string; name: string; organisation: string; team?: string };

/** The demo's people who sign in, in the order `npm start` and the README list them. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
	{ role: 'admin', email: 'admin@leefbaar.demo', name: 'Ann Claeys', organisation: 'Samenlevingsopbouw West-Vlaanderen' },
	{ role: 'coordinator', email: 'coordinator@leefbaar.demo', name: 'Koen Vermeulen', organisation: 'Samenlevingsopbouw West-Vlaanderen' },
	{
		role: 'community_worker',
		email: 'opbouwwerker@leefbaar.demo',
		name: 'Sara El Amrani',
		organisation: 'Samenlevingsopbouw West-Vlaanderen',
		team: 'Buurtwerk Wevelgem'
	},
	{ role: 'partner_staff', email: 'vlashaard@leefbaar.demo', name: 'Pieter Desmet', organisation: 'De Vlashaard', team: 'Technische dienst' },
	{ role: 'partner_staff', email: 'ocmw@leefbaar.demo', name: 'Lien Vandenberghe', organisation: 'OCMW Wevelgem', team: 'Sociale dienst' },
	// Jonas works for a second institute, in Brecht only: the demo of each organisation staying inside its own work.
	{ role: 'community_worker', email: 'kapelakker@leefbaar.demo', name: 'Jonas Wouters', organisation: 'Samenlevingsopbouw Antwerpen provincie' }
];

/** `now` is the day the demo is loaded: every date in it (signals, their handling, surveys, move-ins) counts back from it. */
export async function buildDemoData(db: Db, options: { origin?: string; now?: Date } = {}): Promise<DemoLogin[]> {
	const origin = options.origin ?? DEMO_ORIGIN;
	const now = options.now ?? new Date();
	const actor = system('demo');
	const orgs = await createDemoOrganisations(db, actor);
	const municipalityByCode = await importDemoMunicipalities(db, actor);
	// Where each organisation works (the housing companies reach their own estates). West-Vlaanderen's institute works
	// in the five West Flemish municipalities, Antwerpen's in Brecht; the OCMW and the councils in their own territory.
	const works = async (organisationId: string, areaId: string | undefined) => {
		if (areaId) await addWorkingArea(db, actor, { organisationId, areaId });
	};
	for (const nis of ['34041', '34027', '34013', '35013', '37015']) await works(orgs.westFlanders.id, municipalityByCode.get(nis));
	await works(orgs.antwerp.id, municipalityByCode.get('11009'));
	await works(orgs.ocmw.id, municipalityByCode.get('34041'));
	await works(orgs.wevelgemCouncil.id, municipalityByCode.get('34041'));
	await works(orgs.brechtCouncil.id, municipalityByCode.get('11009'));

	const places: PlacesState = { db, actor, now, housingCompanies: orgs.housingCompanies, seed: 1, usedNames: new Set(), wevelgemResidents: [] };
	for (const place of DEMO_AREAS) {
		const area = await createArea(db, actor, {
			kind: place.kind,
			parentId: municipalityByCode.get(place.municipalityCode) ?? null,
			name: place.name,
			description: place.description,
			boundary: squareAround(place.centre, place.halfSize)
		});
		if (place.name === 'Sint-Lenaarts') await works(orgs.committee.id, area.id);
		for (const e of place.estates) await createDemoEstate(places, place, area.id, e);
	}

	// A few Wevelgem tenants agreed that the OCMW's social service may know their household situation.
	for (const residentId of places.wevelgemResidents.filter((_, i) => i % 7 === 0)) {
		await recordConsent(db, actor, {
			residentId,
			organisationId: orgs.ocmw.id,
			scope: 'household_situation',
			purpose: 'Opvolging door de sociale dienst na een huisbezoek'
		});
	}
	// A year of signals, routed by the demo's rules, with the category classifier trained on the demo texts.
	await loadDemoSignals(db, now, origin);
	// The Open311 client of the README's examples: key `demo`.
	await loadDemoOpen311(db);
	// The tenant satisfaction survey of Wallaysplein and Vlashof: wave 1 answered a year ago, wave 2 open now.
	await loadDemoSurveys(db, now, origin);
	return [...DEMO_LOGINS];
}

/** The demo's organisations, their teams, and the people of DEMO_LOGINS who sign in. */
async function createDemoOrganisations(db: Db, actor: Actor) {
	const org = async (name: string, kind: Parameters<typeof createOrganisation>[2]['kind'], email?: string) =>
		createOrganisation(db, actor, { name, kind, email });

	const westFlanders = await org('Samenlevingsopbouw West-Vlaanderen', 'regional_institute', 'info@west.leefbaar.demo');
	const antwerp = await org('Samenlevingsopbouw Antwerpen provincie', 'regional_institute');
	const vlashaard = await org('De Vlashaard', 'housing_company', 'info@vlashaard.leefbaar.demo');
	const voorkempen = await org('De Voorkempen', 'housing_company');
	const ocmw = await org('OCMW Wevelgem', 'welfare_centre', 'sociale.dienst@ocmw-wevelgem.leefbaar.demo');
	const wevelgemCouncil = await org('Gemeente Wevelgem', 'municipality');
	const brechtCouncil = await org('Gemeente Brecht', 'municipality');
	const committee = await org('Buurtcomité Kapelakker', 'association');
	const housingCompanies: Record<string, string> = { 'De Vlashaard': vlashaard.id, 'De Voorkempen': voorkempen.id };

	const neighbourhoodWork = await createTeam(db, actor, { organisationId: westFlanders.id, name: 'Buurtwerk Wevelgem' });
	const technical = await createTeam(db, actor, { organisationId: vlashaard.id, name: 'Technische dienst' });
	await createTeam(db, actor, { organisationId: vlashaard.id, name: 'Huurdersbegeleiding' });
	const socialService = await createTeam(db, actor, { organisationId: ocmw.id, name: 'Sociale dienst' });

	const organisationIds: Record<string, string> = Object.fromEntries([westFlanders, antwerp, vlashaard, ocmw].map((o) => [o.name, o.id]));
	const teamIds: Record<string, string> = Object.fromEntries([neighbourhoodWork, technical, socialService].map((t) => [t.name, t.id]));
	for (const { role, email, name, organisation, team } of DEMO_LOGINS) {
		await createUser(db, actor, {
			role,
			email,
			name,
			organisationId: organisationIds[organisation],
			teamIds: team ? [teamIds[team]] : undefined,
			password: DEMO_PASSWORD
		});
	}
	return { westFlanders, antwerp, ocmw, wevelgemCouncil, brechtCouncil, committee, housingCompanies };
}

/** Region, then the six municipalities from their real boundaries, through the same import users run; by NIS code. */
async function importDemoMunicipalities(db: Db, actor: Actor): Promise<Map<string | null, string>> {
	const region = await createArea(db, actor, { kind: 'region', name: 'Vlaanderen', nameFr: 'Flandre', code: '02000' });
	await importAreas(db, actor, {
		text: JSON.stringify(municipalities),
		fileName: 'municipalities.geo.json',
		kind: 'municipality',
		parentId: region.id,
		nameProperty: 'name_nl',
		nameFrProperty: 'name_fr',
		codeProperty: 'nis'
	});
	return new Map((await listAreas(db, actor, { kind: 'municipality' })).map((m) => [m.code, m.id]));
}

/** What creating the places carries from one building to the next: the seed of its households, the names in use. */
type PlacesState = {
	db: Db;
	actor: Actor;
	now: Date;
	housingCompanies: Record<string, string>;
	seed: number;
	usedNames: Set<string>;
	wevelgemResidents: string[];
};

/** An estate with its buildings, their dwellings, and the households and residents living there. */
async function createDemoEstate(state: PlacesState, place: DemoArea, areaId: string, e: DemoEstate): Promise<void> {
	const { db, actor } = state;
	const estate = await createEstate(db, actor, {
		areaId,
		name: e.name,
		housingCompanyId: e.housingCompany ? state.housingCompanies[e.housingCompany] : null,
		description: e.description,
		lon: e.centre[0],
		lat: e.centre[1]
	});
	const isNew = place.name !== 'Wallaysplein';
	for (const b of e.buildings) {
		const building = await createBuilding(db, actor, {
			estateId: estate.id,
			name: `${b.street} ${b.houseNumber}`,
			street: b.street,
			houseNumber: b.houseNumber,
			postalCode: b.postalCode,
			lon: e.centre[0],
			lat: e.centre[1]
		});
		const households = demoHouseholds(b.dwellings, state.seed++, isNew, state.usedNames, state.now);
		for (let i = 0; i < b.dwellings; i++) {
			const ref = `${estate.slug.slice(0, 3).toUpperCase()}-${b.houseNumber}-${i + 1}`;
			const dwelling = await createDwelling(db, actor, {
				buildingId: building.id,
				externalRef: ref,
				street: b.street,
				houseNumber: b.houseNumber,
				box: String(i + 1),
				postalCode: b.postalCode,
				bedrooms: 1 + (i % 3)
			});
			// One dwelling in six stands empty (between tenants).
			if ((i + state.seed) % 6 === 0) continue;
			const h = households[i];
			const household = await createHousehold(db, actor, { name: h.name, dwellingId: dwelling.id, externalRef: `HC-${ref}`, moveInDate: h.moveInDate });
			for (const r of h.residents) {
				const resident = await createResident(db, actor, { householdId: household.id, ...r });
				if (place.municipalityCode === '34041') state.wevelgemResidents.push(resident.id);
			}
		}
	}
}
