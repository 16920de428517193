// The hot paths whose SQL is committed (docs/architecture.md, "The hot queries"): a small fixed neighbourhood — the
// people world of the factories, three categories with their routing, a dozen signals at fixed dates, a collective
// issue, the tenant survey with answers — then every call of a list or dashboard, through the modules' public
// functions, with the inputs its pages use. Only the calls under `capture` are written down; the setup is not.
import { anonymous, type Actor } from '../../src/core/access';
import type { Db } from '../../src/core/db';
import { createHousehold, createResident } from '../../src/core/people';
import { buildOpenSurvey, buildSurveyWorld } from '../../src/core/surveys/factories';
import {
	assignSignal,
	changeStatus,
	createCategory,
	createCollectiveIssue,
	ensureGeneralCategories,
	getCollectiveIssue,
	inbox,
	inboxStatusCounts,
	listCollectiveIssues,
	publicSignalFigures,
	referSignal,
	registerSignal,
	reportSignal,
	setRoutingRule,
	signalFigures
} from '../../src/core/signals';
import {
	compareWaves,
	createTheme,
	listOpenAnswers,
	publicSurveyResults,
	publishWave,
	resultsContext,
	setOpenAnswersPublic,
	submitAnswerSet,
	surveyResults,
	tagOpenAnswers
} from '../../src/core/surveys';

/** The committed files, as `<module>/<name>`: src/core/<module>/sql/<name>.<dialect>.sql. */
export const SNAPSHOT_FILES = [
	'signals/intake',
	'signals/inbox',
	'signals/inbox-counts',
	'signals/collective',
	'signals/figures',
	'signals/public-figures',
	'surveys/results',
	'surveys/results-context'
] as const;
export type SnapshotFile = (typeof SNAPSHOT_FILES)[number];

/** Runs `work` as the call named `call` of `file`, writing down every statement it runs. */
export type Capture = (file: SnapshotFile, call: string, work: () => Promise<unknown>) => Promise<unknown>;

const baseUrl = 'https://leefbaar.test';
const now = new Date('2026-04-01T10:00:00Z');
const day = (iso: string) => new Date(`${iso}T09:00:00Z`);

export async function runHotPaths(db: Db, capture: Capture): Promise<void> {
	// The neighbourhood: an institute, two housing companies and an OCMW with their staff; estates with households.
	const world = await buildSurveyWorld(db);
	const { worker, coordinator, landlord } = world;
	await ensureGeneralCategories(db);
	const noise = await createCategory(db, coordinator, { key: 'noise', kind: 'nuisance', name: 'Lawaai', isActive: true });
	const leak = await createCategory(db, coordinator, { key: 'leak', kind: 'home_repair', name: 'Lek of vocht', isActive: true });
	const paperwork = await createCategory(db, coordinator, { key: 'paperwork', kind: 'help', name: 'Papieren', isActive: true });
	await setRoutingRule(db, coordinator, { categoryId: noise.id, organisationId: world.institute.id, deadlineDays: 10 });
	await setRoutingRule(db, coordinator, { categoryId: leak.id, organisationId: world.shm.id, deadlineDays: 5 });
	await setRoutingRule(db, coordinator, { categoryId: paperwork.id, organisationId: world.ocmw.id, deadlineDays: 3 });
	const household = await createHousehold(db, coordinator, { name: 'Gezin Benali' });
	const resident = await createResident(db, coordinator, { householdId: household.id, firstName: 'Fatima', lastName: 'Benali' });

	// Signals of the first quarter: noise for the institute, leaks for the housing company (one referred to the
	// institute), one registered by the worker; one accepted and assigned, one resolved.
	const report = async (categoryId: string, kind: 'nuisance' | 'home_repair', description: string, at: string) =>
		(await reportSignal(db, anonymous, { kind, categoryId, description, estateId: world.estate.id }, { baseUrl, now: day(at) })).id;
	const music = await report(noise.id, 'nuisance', 'Harde muziek elke nacht', '2026-01-12');
	const shouting = await report(noise.id, 'nuisance', 'Geroep in de gang na middernacht', '2026-02-02');
	await changeStatus(db, worker, shouting, { status: 'accepted' }, { baseUrl, now: day('2026-02-03') });
	await assignSignal(db, worker, shouting, worker.id, { baseUrl, now: day('2026-02-03') });
	await changeStatus(db, worker, music, { status: 'resolved' }, { baseUrl, now: day('2026-01-20') });
	const damp = [
		await report(leak.id, 'home_repair', 'Schimmel in de badkamer, blok A', '2026-01-05'),
		await report(leak.id, 'home_repair', 'Vocht aan het plafond, blok B', '2026-02-09'),
		await report(leak.id, 'home_repair', 'Water in de kelder van blok C', '2026-03-02')
	];
	await referSignal(
		db,
		landlord,
		damp[2],
		{ toOrganisationId: world.institute.id, note: 'Kunnen jullie de bewoners samenbrengen?' },
		{ baseUrl, now: day('2026-03-03') }
	);
	await registerSignal(
		db,
		worker,
		{ kind: 'home_repair', categoryId: leak.id, description: 'Lek onder het aanrecht', estateId: world.estate.id, channel: 'house_visit' },
		{ baseUrl, now: day('2026-03-10') }
	);
	const issue = await createCollectiveIssue(
		db,
		worker,
		{ title: 'Vocht in de woningen', estateId: world.estate.id, categoryId: leak.id, signalIds: damp },
		{ now: day('2026-03-16') }
	);

	// The tenant survey: wave 1 open from 1 March, five answer sets, an open answer tagged and made public, published.
	const survey = await buildOpenSurvey(db, worker, [world.vlashof.id, world.leiemeersen.id], { partners: [world.shm.id] });
	const answerSets: Array<[string, Record<string, unknown>]> = [
		[world.vlashof.id, { home_happy: 5, repair_asked: 'yes', repair_speed: 4, contact: 'weekly', activities: ['drink'], years: 10, remark: 'Meer groen' }],
		[world.vlashof.id, { home_happy: 4, repair_asked: 'no', contact: 'monthly', ideas: { needs: 'Een bank' } }],
		[world.vlashof.id, { home_happy: 2, repair_asked: 'no', contact: { choice: 'other', other: 'Alleen in de lift' } }],
		[world.leiemeersen.id, { home_happy: 3, repair_asked: 'no', contact: 'never', activities: ['homework'], years: 40 }],
		[world.leiemeersen.id, { home_happy: 4, repair_asked: 'yes', repair_speed: 5 }]
	];
	for (const [k, [estateId, answers]] of answerSets.entries())
		await submitAnswerSet(
			db,
			anonymous,
			survey.id,
			{ submissionId: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`, channel: 'open_link', estateId, answers: answers as never },
			new Date(day('2026-03-10').getTime() + k * 60_000)
		);
	const groen = await createTheme(db, worker, survey.id, 'Groen');
	const remarks = await listOpenAnswers(db, worker, survey.id, { questionKey: 'remark' });
	await tagOpenAnswers(db, worker, survey.id, { openAnswerIds: remarks.items.map((i) => i.id), themeId: groen.id });
	await setOpenAnswersPublic(
		db,
		worker,
		survey.id,
		remarks.items.map((i) => i.id),
		true
	);
	await publishWave(db, worker, survey.id, survey.waveId, { published: true, feedback: { nl: 'Er komen banken op het plein.' } }, now);

	// Intake: every statement of one report or registration.
	await capture('signals/intake', "reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })", () =>
		reportSignal(
			db,
			anonymous,
			{ kind: 'home_repair', categoryId: leak.id, description: 'De lift staat al een week stil', estateId: world.estate.id, email: 'huurder@example.be' },
			{ baseUrl, now }
		)
	);
	await capture('signals/intake', "reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category", () =>
		reportSignal(db, anonymous, { kind: 'nuisance', description: 'Sluikstort naast de glasbol', locationKind: 'map', lon: 3.2, lat: 50.81 }, { baseUrl, now })
	);
	await capture('signals/intake', "registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })", () =>
		registerSignal(
			db,
			worker,
			{ kind: 'home_repair', categoryId: leak.id, description: 'Deur van de berging klemt', householdId: household.id, channel: 'house_visit' },
			{ baseUrl, now }
		)
	);
	await capture('signals/intake', "registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })", () =>
		registerSignal(
			db,
			worker,
			{
				kind: 'help',
				categoryId: paperwork.id,
				description: 'Hulp bij het invullen van de huurpremie',
				residentId: resident.id,
				consentGiven: true,
				contactPhone: '0470 12 34 56',
				channel: 'community_centre'
			},
			{ baseUrl, now }
		)
	);

	// The inbox and its tab counts, as the staff inbox page asks for them.
	const inboxCalls: Array<[string, Actor, Parameters<typeof inbox>[2]]> = [
		['inbox(worker)', worker, {}],
		["inbox(worker, { status: 'all' })", worker, { status: 'all' }],
		['inbox(worker, { mine, overdue })', worker, { mine: true, overdue: true }],
		['inbox(worker, { categoryId, areaId, unassigned })', worker, { categoryId: noise.id, areaId: world.area.id, unassigned: true }],
		['inbox(worker, { reopened, replied })', worker, { reopened: true, replied: true }],
		["inbox(worker, { q: 'gang' })", worker, { q: 'gang' }],
		["inbox(landlord, { status: 'all', pageSize: 10, page: 2 })", landlord, { status: 'all', pageSize: 10, page: 2 }]
	];
	for (const [call, actor, filter] of inboxCalls) await capture('signals/inbox', call, () => inbox(db, actor, filter, now));
	await capture('signals/inbox-counts', 'inboxStatusCounts(worker)', () => inboxStatusCounts(db, worker, {}, now));
	await capture('signals/inbox-counts', 'inboxStatusCounts(worker, { categoryId, mine })', () =>
		inboxStatusCounts(db, worker, { categoryId: noise.id, mine: true }, now)
	);

	// The collective issues: the list and one issue with its figures and signals.
	await capture('signals/collective', 'listCollectiveIssues(coordinator)', () => listCollectiveIssues(db, coordinator));
	await capture('signals/collective', "listCollectiveIssues(worker, { status: 'open' })", () => listCollectiveIssues(db, worker, { status: 'open' }));
	await capture('signals/collective', 'getCollectiveIssue(landlord, issueId)', () => getCollectiveIssue(db, landlord, issue.id, now));

	// The figures for staff, and the public ones of an area and of an estate.
	await capture('signals/figures', 'signalFigures(coordinator)', () => signalFigures(db, coordinator, {}, now));
	await capture('signals/figures', "signalFigures(coordinator, { areaId, categoryId, from, to, bucket: 'week' })", () =>
		signalFigures(db, coordinator, { areaId: world.area.id, categoryId: leak.id, from: '2026-01-01', to: '2026-03-31', bucket: 'week' }, now)
	);
	await capture('signals/figures', 'signalFigures(landlord, { estateId })', () => signalFigures(db, landlord, { estateId: world.estate.id }, now));
	await capture('signals/public-figures', 'publicSignalFigures(anonymous, areaId)', () => publicSignalFigures(db, anonymous, world.area.id, now));
	await capture('signals/public-figures', 'publicSignalFigures(anonymous, areaId, { estateId })', () =>
		publicSignalFigures(db, anonymous, world.area.id, now, { estateId: world.estate.id })
	);

	// The survey results: for staff, a partner in French, waves side by side, the public page; and their context.
	await capture('surveys/results', 'surveyResults(worker, surveyId)', () => surveyResults(db, worker, survey.id, { now }));
	await capture('surveys/results', "surveyResults(landlord, surveyId, { waveId, locale: 'fr' })", () =>
		surveyResults(db, landlord, survey.id, { waveId: survey.waveId, locale: 'fr', now })
	);
	await capture('surveys/results', 'compareWaves(worker, surveyId)', () => compareWaves(db, worker, survey.id, { now }));
	await capture('surveys/results', 'publicSurveyResults(anonymous, slug)', () => publicSurveyResults(db, anonymous, survey.slug));
	await capture('surveys/results-context', 'resultsContext(worker, surveyId)', () => resultsContext(db, worker, survey.id));
	await capture('surveys/results-context', 'resultsContext(landlord, surveyId)', () => resultsContext(db, landlord, survey.id));
}
