// Demo signals: the demo categories in three languages, routing rules for the demo places (Wevelgem → De Vlashaard,
// OCMW Wevelgem, the municipality and neighbourhood work; Brecht → De Voorkempen, the municipality and the Antwerp
// institute; elsewhere the West-Flemish institute), a year of signals with realistic outcomes, a few referrals and
// help requests with consent, one collective issue, and the category classifier trained on the demo texts.
// Everything goes through the signal services with fixed `now` values, so timelines, deadlines and audit rows are
// what real use would write. Deterministic: the same seed gives the same demo (relative to `now`).
import { train } from '../classifier';
import { anonymous, system, type StaffActor } from '../access';
import { inTransaction, type Db } from '../db';
import type { SignalKind } from '../db';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../signals';
import { storeModel } from '../signals';
import { closeCollectiveIssue, createCollectiveIssue } from '../signals';
import { changeStatus, type HandlingOptions } from '../signals';
import { registerSignal, reportSignal, type IntakeResult } from '../signals';
import { referSignal, respondToReferral } from '../signals';
import { DEMO_CATEGORY_KEYS, demoSignalTexts, type DemoCategoryKey, type DemoSignalText } from './signal-texts';
import { loadReach, organisationById, teamIdsOfMember } from '../partners';
import { staffAccountByEmail } from '../auth';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Names in Dutch, French and English: residents pick them in their own language. */
const CATEGORY_NAMES: Record<DemoCategoryKey, [string, string, string]> = {
	heating: ['Verwarming en warm water', 'Chauffage et eau chaude', 'Heating and hot water'],
	leak_damp: ['Lek, vocht of schimmel', 'Fuite, humidité ou moisissure', 'Leak, damp or mould'],
	electricity: ['Elektriciteit', 'Électricité', 'Electricity'],
	doors_windows: ['Deuren, ramen en sloten', 'Portes, fenêtres et serrures', 'Doors, windows and locks'],
	lift: ['Lift', 'Ascenseur', 'Lift'],
	common_cleaning: ['Poetsen en afval in gemeenschappelijke ruimtes', 'Nettoyage et déchets dans les espaces communs', 'Cleaning and rubbish in common spaces'],
	common_lighting: ['Verlichting in gang of trappenhal', 'Éclairage du couloir ou de la cage d’escalier', 'Lighting in hallways and stairs'],
	noise: ['Lawaai', 'Bruit', 'Noise'],
	neighbour_conflict: ['Ruzie met buren', 'Conflit entre voisins', 'Conflict with neighbours'],
	dumping: ['Sluikstort en zwerfvuil', 'Dépôts clandestins et déchets', 'Fly-tipping and litter'],
	street_lighting: ['Straatverlichting', 'Éclairage public', 'Street lighting'],
	roads_paths: ['Straten en voetpaden', 'Rues et trottoirs', 'Streets and pavements'],
	green_play: ['Groen en speelplein', 'Espaces verts et plaine de jeux', 'Green spaces and playground'],
	money_debts: ['Geld en schulden', 'Argent et dettes', 'Money and debts'],
	paperwork: ['Papieren en formulieren', 'Papiers et formulaires', 'Paperwork and forms'],
	loneliness_care: ['Eenzaamheid en zorg', 'Solitude et soins', 'Loneliness and care']
};

/** Working days to act, per category, for the housing company's technical team (heating without heat is urgent). */
const TECHNICAL_DAYS: Partial<Record<DemoCategoryKey, { days: number; priority: 'urgent' | 'high' | 'normal' }>> = {
	heating: { days: 1, priority: 'urgent' },
	leak_damp: { days: 5, priority: 'high' },
	electricity: { days: 5, priority: 'high' },
	doors_windows: { days: 10, priority: 'normal' },
	lift: { days: 5, priority: 'high' },
	common_cleaning: { days: 10, priority: 'normal' },
	common_lighting: { days: 5, priority: 'normal' }
};

/** How the signals spread over the demo estates: Wallaysplein, the oldest and largest, gets the most. */
const ESTATE_WEIGHTS: Record<string, number> = {
	Wallaysplein: 34,
	Vlashof: 8,
	Leiemeersen: 7,
	Lindenhof: 7,
	Kapelakker: 20,
	'Nieuwe Stad': 6,
	'De Barakken': 6,
	Centrumwijk: 5,
	'Dierdonk-Zwartegevel': 7
};

export const DEMO_SIGNAL_COUNT = 360;
const TEXT_SEED = 2026;
/** The classifier learns from other texts than the demo signals' own (a later seed), as it would from real history. */
const TRAINING_SEED = 7301;
const TRAINING_SIZE = 1600;

function generator(seed: number) {
	let s = Math.imul(seed + 0x9e3779b9, 2654435761) >>> 0;
	const next = () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
	return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)], chance: (p: number) => next() < p };
}

type Orgs = Record<'westFlanders' | 'antwerp' | 'vlashaard' | 'voorkempen' | 'ocmw' | 'wevelgem' | 'brecht', string>;

/** The actor a demo login signs in as (other demo loaders act as the same people). */
export async function staffActor(db: Db, email: string): Promise<StaffActor> {
	const u = await staffAccountByEmail(db, email);
	if (!u) throw new Error(`The demo account ${email} is missing`);
	const [organisation, teamIds] = await Promise.all([u.organisation_id ? organisationById(db, u.organisation_id) : null, teamIdsOfMember(db, u.id)]);
	return {
		kind: 'staff',
		id: u.id,
		name: u.name,
		email: u.email,
		role: u.role,
		organisationId: u.organisation_id,
		organisationKind: organisation?.kind ?? null,
		teamIds,
		reach: await loadReach(db, u.organisation_id)
	};
}

async function idOf(db: Db, table: 'organisations' | 'teams', name: string): Promise<string> {
	return (await db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** Categories, with routing rules per municipality and a default for the rest of the region. */
async function categoriesAndRules(db: Db, orgs: Orgs): Promise<Map<string, { id: string; kind: SignalKind }>> {
	const actor = system('demo');
	await ensureGeneralCategories(db);
	for (const [i, c] of DEMO_CATEGORY_KEYS.entries()) {
		const [name, nameFr, nameEn] = CATEGORY_NAMES[c.key];
		await createCategory(db, actor, { key: c.key, kind: c.kind, name, nameFr, nameEn, sortOrder: 10 * (i + 1), isActive: true });
	}
	const categories = new Map(
		(await db.selectFrom('signal_categories').select(['id', 'key', 'kind']).execute()).map((c) => [c.key, { id: c.id, kind: c.kind }])
	);
	const area = async (name: string, kind: 'municipality') =>
		(await db.selectFrom('areas').select('id').where('name', '=', name).where('kind', '=', kind).executeTakeFirstOrThrow()).id;
	const wevelgem = await area('Wevelgem', 'municipality');
	const brecht = await area('Brecht', 'municipality');
	const technicalTeam = await idOf(db, 'teams', 'Technische dienst');
	const socialService = await idOf(db, 'teams', 'Sociale dienst');
	const neighbourhoodWork = await idOf(db, 'teams', 'Buurtwerk Wevelgem');
	for (const [key, c] of categories) {
		const demo = key as DemoCategoryKey;
		const technical = TECHNICAL_DAYS[demo] ?? { days: 10, priority: 'normal' as const };
		const rule = (
			areaId: string | undefined,
			organisationId: string,
			teamId: string | undefined,
			deadlineDays: number,
			priority: 'urgent' | 'high' | 'normal' = 'normal'
		) => setRoutingRule(db, actor, { categoryId: c.id, areaId, organisationId, teamId, deadlineDays, priority });
		switch (c.kind) {
			case 'home_repair':
			case 'common_spaces':
				await rule(wevelgem, orgs.vlashaard, technicalTeam, technical.days, technical.priority);
				await rule(brecht, orgs.voorkempen, undefined, technical.days, technical.priority);
				await rule(undefined, orgs.westFlanders, undefined, 10);
				break;
			case 'help':
				await rule(wevelgem, orgs.ocmw, socialService, 3, 'high');
				await rule(brecht, orgs.antwerp, undefined, 3, 'high');
				await rule(undefined, orgs.westFlanders, undefined, 3, 'high');
				break;
			case 'public_space':
				await rule(wevelgem, orgs.wevelgem, undefined, 10);
				await rule(brecht, orgs.brecht, undefined, 10);
				await rule(undefined, orgs.westFlanders, undefined, 10);
				break;
			case 'nuisance':
				await rule(wevelgem, orgs.westFlanders, neighbourhoodWork, 10);
				await rule(brecht, orgs.antwerp, undefined, 10);
				await rule(undefined, orgs.westFlanders, undefined, 10);
				break;
		}
	}
	return categories;
}

type Estate = { id: string; name: string; lon: number | null; lat: number | null; municipality: string; residentIds: string[] };

async function demoEstates(db: Db): Promise<Estate[]> {
	const estates = await db
		.selectFrom('estates as e')
		.innerJoin('areas as a', 'a.id', 'e.area_id')
		.leftJoin('areas as m', 'm.id', 'a.parent_id')
		.select(['e.id', 'e.name', 'e.lon', 'e.lat', 'm.name as municipality'])
		.orderBy('e.name')
		.execute();
	const residents = await db
		.selectFrom('residents as r')
		.innerJoin('households as h', 'h.id', 'r.household_id')
		.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.innerJoin('buildings as b', 'b.id', 'd.building_id')
		.select(['r.id', 'b.estate_id'])
		.orderBy('r.id')
		.execute();
	return estates.map((e) => ({
		id: e.id,
		name: e.name,
		lon: e.lon,
		lat: e.lat,
		municipality: e.municipality ?? '',
		residentIds: residents.filter((r) => r.estate_id === e.id).map((r) => r.id)
	}));
}

const REJECT_REASONS = [
	'Na controle: condens door te weinig verluchten. We gaven uitleg over verluchten.',
	'Dit valt onder het onderhoud door de huurder (zie huurcontract).',
	'Dubbele melding: we volgen dit op in een andere melding.'
];
const NOT_OUR_TASK = [
	'Dit is voor de gemeente: wij hebben het doorgegeven.',
	'Privéterrein: de eigenaar is verwittigd.',
	'Dit is een burenruzie: de opbouwwerker neemt contact op.'
];

/**
 * Loads the demo signals after the demo places, organisations and people exist (buildDemoData). `now` anchors the
 * year of signals, so the demo always shows the last twelve months.
 */
export async function loadDemoSignals(
	outer: Db,
	now = new Date(),
	origin = 'http://localhost:3000'
): Promise<{ signals: number; collectiveIssueId: string | null }> {
	return inTransaction(outer, (db) => loadAll(db, now, origin));
}

async function loadAll(db: Db, now: Date, origin: string): Promise<{ signals: number; collectiveIssueId: string | null }> {
	const orgs: Orgs = {
		westFlanders: await idOf(db, 'organisations', 'Samenlevingsopbouw West-Vlaanderen'),
		antwerp: await idOf(db, 'organisations', 'Samenlevingsopbouw Antwerpen provincie'),
		vlashaard: await idOf(db, 'organisations', 'De Vlashaard'),
		voorkempen: await idOf(db, 'organisations', 'De Voorkempen'),
		ocmw: await idOf(db, 'organisations', 'OCMW Wevelgem'),
		wevelgem: await idOf(db, 'organisations', 'Gemeente Wevelgem'),
		brecht: await idOf(db, 'organisations', 'Gemeente Brecht')
	};
	const categories = await categoriesAndRules(db, orgs);

	// The classifier first, as if trained on last years' signals, so the demo's suggestions work from the start.
	const training = demoSignalTexts(TRAINING_SIZE, TRAINING_SEED).map(({ text, category }) => ({ text, category }));
	await storeModel(db, train(training, { now }), training.length);

	const people = {
		worker: await staffActor(db, 'opbouwwerker@leefbaar.demo'),
		kapelakkerWorker: await staffActor(db, 'kapelakker@leefbaar.demo'),
		landlord: await staffActor(db, 'vlashaard@leefbaar.demo'),
		ocmwWorker: await staffActor(db, 'ocmw@leefbaar.demo')
	};
	const estates = await demoEstates(db);
	const run: DemoRun = { db, now, origin, orgs, categories, people, rnd: generator(TEXT_SEED), referrals: 0, consented: new Set() };
	const texts = demoSignalTexts(DEMO_SIGNAL_COUNT, TEXT_SEED);
	const weighted = estates.flatMap((e) => Array<Estate>(ESTATE_WEIGHTS[e.name] ?? 3).fill(e));
	const moments = signalMoments(run.rnd, texts.length, now);
	for (const [i, t] of texts.entries()) {
		const estate = run.rnd.pick(weighted);
		// Office hours, Brussels (UTC+1/+2): 07:00–18:00 UTC.
		const day = new Date(moments[i]);
		day.setUTCHours(7 + Math.floor(run.rnd.next() * 11), Math.floor(run.rnd.next() * 60), 0, 0);
		const createdAt = day.getTime() > now.getTime() - HOUR ? new Date(now.getTime() - HOUR) : day;
		const result = await takeInDemoSignal(run, t, estate, createdAt);
		await liveThrough(run, result, createdAt, estate, t.category);
	}

	const collectiveIssueId = await bundleKapelakkerLitter(run, estates);
	if (collectiveIssueId) await closeWallayspleinDampTalk(run, estates);
	return { signals: texts.length, collectiveIssueId };
}

/** What loading the year of signals shares from one signal to the next; `rnd` makes it the same demo every time. */
type DemoRun = {
	db: Db;
	now: Date;
	origin: string;
	orgs: Orgs;
	categories: Map<string, { id: string; kind: SignalKind }>;
	people: Record<'worker' | 'kapelakkerWorker' | 'landlord' | 'ocmwWorker', StaffActor>;
	rnd: ReturnType<typeof generator>;
	/** Neighbour conflicts referred to the OCMW so far. */
	referrals: number;
	/** Residents whose help request was registered with their consent. */
	consented: Set<string>;
};

/** When the signals came in over the year, oldest first. */
function signalMoments(rnd: ReturnType<typeof generator>, count: number, now: Date): number[] {
	const start = now.getTime() - 365 * DAY;
	// Oldest first, so ids and timelines grow in time as they would have.
	const moments = Array.from({ length: count }, () => start + rnd.next() * 364 * DAY).sort((a, b) => a - b);
	// The last few came in over the past two days, and more over the past three weeks: the inbox has fresh, new signals
	// and the work of these weeks.
	for (let k = 0; k < 24; k++) moments[moments.length - 1 - k] = now.getTime() - (k < 6 ? (2 + k * 7) * HOUR : (2 + (k - 6) * 1.1) * DAY);
	return moments.sort((a, b) => a - b);
}

/** One signal in: a help request a worker registers with the resident's consent, else a resident's report. */
async function takeInDemoSignal(run: DemoRun, t: DemoSignalText, estate: Estate, createdAt: Date): Promise<IntakeResult> {
	const { db, rnd } = run;
	const category = run.categories.get(t.category)!;
	const onMap = rnd.chance(0.45) && estate.lon !== null && estate.lat !== null;
	const point = onMap
		? { lon: estate.lon! + (rnd.next() - 0.5) * 0.003, lat: estate.lat! + (rnd.next() - 0.5) * 0.002, locationKind: 'map' as const }
		: {
				locationKind:
					category.kind === 'common_spaces' ? ('common_space' as const) : category.kind === 'home_repair' ? ('dwelling' as const) : ('none' as const)
			};
	const at = { baseUrl: run.origin, now: createdAt };
	const wevelgem = estate.municipality === 'Wevelgem';
	const resident = category.kind === 'help' && wevelgem ? estate.residentIds.find((r) => !run.consented.has(r)) : undefined;
	if (resident) {
		// A worker meets the resident (house visit, community centre) and registers it with their consent (once per
		// resident: a consent in force cannot be recorded twice).
		run.consented.add(resident);
		return registerSignal(
			db,
			run.people.worker,
			{
				kind: 'help',
				categoryId: category.id,
				description: t.text,
				estateId: estate.id,
				residentId: resident,
				channel: rnd.pick(['house_visit', 'community_centre'] as const),
				consentGiven: true
			},
			at
		);
	}
	// Residents report on their phone; demo reporters leave a phone number at most, so the demo sends no mail.
	const phone =
		category.kind === 'help' || rnd.chance(0.3)
			? `+32 470 ${String(100000 + Math.floor(rnd.next() * 899999)).replace(/(\d{2})(\d{2})(\d{2})/, '$1 $2 $3')}`
			: undefined;
	return reportSignal(
		db,
		anonymous,
		{ kind: category.kind, categoryId: category.id, description: t.text, estateId: estate.id, ...point, phone, language: t.language },
		{ ...at, source: 'web' }
	);
}

/** Who moves a signal on: the organisation's own demo login, else the institute's worker of that region. */
function handlerFor(run: DemoRun, organisationId: string | null, estate: Estate): StaffActor {
	const { orgs, people } = run;
	return organisationId === orgs.vlashaard
		? people.landlord
		: organisationId === orgs.ocmw
			? people.ocmwWorker
			: organisationId === orgs.antwerp || estate.municipality === 'Brecht'
				? people.kapelakkerWorker
				: people.worker;
}

/** The signal's life until `now`: left new, rejected, not for us, accepted and left open, or solved (and closed). */
async function liveThrough(run: DemoRun, signal: IntakeResult, createdAt: Date, estate: Estate, key: DemoCategoryKey): Promise<void> {
	const { db, now, rnd } = run;
	const handler = handlerFor(run, signal.organisationId, estate);
	const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
	const deadline = signal.deadlineAt ? new Date(signal.deadlineAt).getTime() : createdAt.getTime() + 10 * DAY;
	const when = (ms: number): HandlingOptions => ({ baseUrl: run.origin, now: new Date(ms) });
	const firstResponse = createdAt.getTime() + (1 + rnd.next() * rnd.next() * 96) * HOUR;
	if (firstResponse >= now.getTime() || ageDays < 2 || (ageDays < 4 && rnd.chance(0.6))) return; // still new
	const r = rnd.next();
	// What stays open is mostly recent work: partners answer and solve, so an inbox the day the demo is loaded holds a
	// few weeks' open signals and only some past their deadline, not a year of them. Damp on Wallaysplein is the
	// estate's long-running problem: of the last months' damp more stays open, past its deadline.
	const beforeDeadline = deadline > now.getTime();
	const stuck =
		estate.name === 'Wallaysplein' && key === 'leak_damp'
			? ageDays < 150
				? 0.5
				: 0.01
			: beforeDeadline
				? 0.7
				: ageDays < 30
					? 0.12
					: ageDays < 90
						? 0.03
						: 0.005;
	if (r < 0.07) {
		await changeStatus(db, handler, signal.id, { status: 'rejected', reason: rnd.pick(REJECT_REASONS) }, when(firstResponse));
		return;
	}
	if (r < 0.12) {
		await changeStatus(db, handler, signal.id, { status: 'not_our_task', reason: rnd.pick(NOT_OUR_TASK) }, when(firstResponse));
		if (ageDays > 20 && rnd.chance(0.5)) await changeStatus(db, handler, signal.id, { status: 'closed' }, when(firstResponse + 7 * DAY));
		return;
	}
	await changeStatus(db, handler, signal.id, { status: 'accepted' }, when(firstResponse));
	// A few nuisance signals in Wevelgem turn out to hide a social need: neighbourhood work refers them to the OCMW.
	const referred = key === 'neighbour_conflict' && estate.municipality === 'Wevelgem' && run.referrals < 6;
	const handledBy = referred ? await referToOcmw(run, handler, signal.id, firstResponse) : handler;
	if (r < 0.12 + stuck) {
		if (rnd.chance(0.4)) await changeStatus(db, handledBy, signal.id, { status: rnd.chance(0.5) ? 'in_progress' : 'waiting' }, when(firstResponse + HOUR * 3));
		return;
	}
	// Three in four solved on time; the rest days or weeks late.
	const onTime = rnd.chance(0.75);
	const span = Math.max(deadline - firstResponse, 2 * HOUR);
	const solvedAt = onTime ? firstResponse + HOUR + rnd.next() * span * 0.9 : deadline + (1 + rnd.next() * 20) * DAY;
	if (solvedAt >= now.getTime()) {
		await changeStatus(db, handledBy, signal.id, { status: 'in_progress' }, when(firstResponse + HOUR));
		return;
	}
	await changeStatus(db, handledBy, signal.id, { status: 'resolved' }, when(solvedAt));
	if (solvedAt + 14 * DAY < now.getTime() && rnd.chance(0.6)) await changeStatus(db, handledBy, signal.id, { status: 'closed' }, when(solvedAt + 14 * DAY));
}

/** Neighbourhood work refers the signal to the OCMW, which answers within days (the third one declines); returns who handles it then. */
async function referToOcmw(run: DemoRun, handler: StaffActor, signalId: string, firstResponse: number): Promise<StaffActor> {
	const { db, rnd, people } = run;
	const when = (ms: number): HandlingOptions => ({ baseUrl: run.origin, now: new Date(ms) });
	run.referrals++;
	const referral = await referSignal(
		db,
		handler,
		signalId,
		{ toOrganisationId: run.orgs.ocmw, note: 'Achter de ruzie zit een gezin met schulden; kunnen jullie langsgaan?' },
		when(firstResponse + 2 * HOUR)
	);
	const answerAt = firstResponse + (1 + rnd.next() * 2) * DAY;
	if (answerAt >= run.now.getTime()) return handler;
	const accept = run.referrals !== 3;
	await respondToReferral(
		db,
		people.ocmwWorker,
		referral.id,
		{ accept, reason: accept ? undefined : 'Het gezin is al in begeleiding bij het CAW.' },
		when(answerAt)
	);
	return accept ? people.ocmwWorker : handler;
}

/** The municipality of Brecht and the residents of Kapelakker talk about litter: the worker bundles those signals. */
async function bundleKapelakkerLitter(run: DemoRun, estates: Estate[]): Promise<string | null> {
	const { db } = run;
	const kapelakker = estates.find((e) => e.name === 'Kapelakker')!;
	const dumping = run.categories.get('dumping')!;
	const litter = await db.selectFrom('signals').select('id').where('estate_id', '=', kapelakker.id).where('category_id', '=', dumping.id).execute();
	if (litter.length === 0) return null;
	const issue = await createCollectiveIssue(
		db,
		run.people.kapelakkerWorker,
		{
			title: 'Zwerfvuil en sluikstort rond Kapelakker',
			description: 'Voor het overleg met de gemeente Brecht: waar en hoe vaak bewoners zwerfvuil melden.',
			estateId: kapelakker.id,
			categoryId: dumping.id,
			signalIds: litter.map((s) => s.id)
		},
		{ now: run.now }
	);
	return issue.id;
}

/**
 * An earlier talk in Wevelgem, closed with what was agreed: the damp in the Wallaysplein flats solved in the first
 * months (the ones still open stay free for a new bundle).
 */
async function closeWallayspleinDampTalk(run: DemoRun, estates: Estate[]): Promise<void> {
	const { db, now } = run;
	const wallaysplein = estates.find((e) => e.name === 'Wallaysplein');
	const damp = run.categories.get('leak_damp');
	if (!wallaysplein || !damp) return;
	const before = new Date(now.getTime() - 200 * DAY).toISOString();
	const wet = await db
		.selectFrom('signals')
		.select('id')
		.where('estate_id', '=', wallaysplein.id)
		.where('category_id', '=', damp.id)
		.where('created_at', '<', before)
		.where('status', 'in', ['resolved', 'closed'])
		.execute();
	if (wet.length === 0) return;
	const talk = await createCollectiveIssue(
		db,
		run.people.worker,
		{
			title: 'Vocht en schimmel in de flats van het Wallaysplein',
			description: 'Voor het overleg met De Vlashaard en het buurtcomité: hoeveel gezinnen vocht melden, en hoe lang het duurt.',
			estateId: wallaysplein.id,
			categoryId: damp.id,
			signalIds: wet.map((r) => r.id)
		},
		{ now: new Date(now.getTime() - 190 * DAY) }
	);
	await closeCollectiveIssue(
		db,
		run.people.worker,
		talk.id,
		{
			outcome:
				'De Vlashaard plaatst ventilatie in blok A en B en controleert de daken voor de winter. Het buurtcomité volgt op en bespreekt het opnieuw in het voorjaar.'
		},
		{ now: new Date(now.getTime() - 160 * DAY) }
	);
}
