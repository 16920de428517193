// Building a survey: its settings (texts, modes, the areas and estates it covers, partners who read the results),
// its structure in versions, and its status. A structure without answers is changed in place; once an answer set
// uses the current version, saving makes a new version, so every answer set keeps the questions it was given.
import { audit, authorize, can, isStaff, type Actor } from '../access';
import { slugify } from '../areas/model';
import { areaPath } from '../areas';
import { estateById, estatesInScope, missingPlaces, type EstateInScope } from '../areas';
import { inTransaction, type Db } from '../db';
import { isUniqueViolation, newId } from '../db';
import type { SurveyStatus } from '../db';
import { NotFound } from '../errors';
import { getOrganisation } from '../partners';
import { parseSurveyInput, surveyInvalid } from './issues';
import { structure as structureSchema, surveyInput, type Structure, type StructureInput, type SurveyInput, type SurveyMode, type Wording } from './model';
import { allVersions, latestVersion, modesOf, surveyEstates, surveyFor, targetsOf, titleOf, waveIsOpen, wavesOf } from './records';
import { snapshotHouseholds } from './waves';

export type SurveySummary = {
	id: string;
	slug: string;
	title: Wording;
	status: SurveyStatus;
	modes: SurveyMode[];
	organisationId: string;
	isOwner: boolean;
	answerSets: number;
	waves: number;
	updatedAt: string;
};
export type VersionSummary = { id: string; number: number; answerSets: number; createdAt: string; updatedAt: string };
export type WaveView = {
	id: string;
	number: number;
	opensAt: string;
	closesAt: string | null;
	isOpen: boolean;
	publishedAt: string | null;
	feedback: Wording | null;
	answerSets: number;
	households: number;
};
export type SurveyView = {
	id: string;
	slug: string;
	organisationId: string;
	title: Wording;
	intro: Wording | null;
	consent: Wording;
	status: SurveyStatus;
	modes: SurveyMode[];
	areaIds: string[];
	estateIds: string[];
	partnerOrganisationIds: string[];
	/** The estates covered, from the areas and single estates together. */
	estates: EstateInScope[];
	version: { id: string; number: number; structure: Structure; answerSets: number };
	versions: VersionSummary[];
	waves: WaveView[];
	can: { update: boolean; enterAnswers: boolean; readResults: boolean };
};

const NOW = () => new Date();

async function freeSurveySlug(db: Db, wish: string): Promise<string> {
	const base = slugify(wish).slice(0, 60).replace(/-+$/, '') || 'bevraging';
	const taken = new Set(
		(
			await db
				.selectFrom('surveys')
				.select('slug')
				.where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
				.execute()
		).map((r) => r.slug)
	);
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A slug the builder chose: free, or taken by this very survey. */
async function chosenSlug(db: Db, slug: string, surveyId: string | null): Promise<string> {
	const holder = await db.selectFrom('surveys').select('id').where('slug', '=', slug).executeTakeFirst();
	if (holder && holder.id !== surveyId) throw surveyInvalid('slug', 'slug_taken', 'Another survey has this link');
	return slug;
}

/** Two builders choosing the same slug at the same moment: the unique index refuses the second, with the same answer. */
async function slugSafe<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isUniqueViolation(error, 'slug')) throw surveyInvalid('slug', 'slug_taken', 'Another survey has this link');
		throw error;
	}
}

async function checkScope(db: Db, actor: Actor, v: { areaIds: string[]; estateIds: string[]; partnerOrganisationIds: string[] }): Promise<void> {
	const missing = await missingPlaces(db, v);
	if (missing.areaIds.length) throw surveyInvalid('areaIds', 'not_found', 'No such area', { id: missing.areaIds[0] });
	if (missing.estateIds.length) throw surveyInvalid('estateIds', 'not_found', 'No such estate', { id: missing.estateIds[0] });
	// Households are reached (letters with their address) only where the running organisation works.
	for (const areaId of v.areaIds) {
		if (!can(actor, 'target', 'survey', { areaPath: await areaPath(db, areaId), housingCompanyId: null }))
			throw surveyInvalid('areaIds', 'outside_working_area', 'This area lies outside the working area', { id: areaId });
	}
	for (const estateId of v.estateIds) {
		const estate = await estateById(db, estateId);
		if (!estate) throw new NotFound('estate', estateId);
		if (!can(actor, 'target', 'survey', { areaPath: await areaPath(db, estate.areaId), housingCompanyId: estate.housingCompanyId }))
			throw surveyInvalid('estateIds', 'outside_working_area', 'This estate lies outside the working area', { id: estateId });
	}
	for (const id of v.partnerOrganisationIds) {
		try {
			await getOrganisation(db, actor, id);
		} catch (error) {
			if (error instanceof NotFound) throw surveyInvalid('partnerOrganisationIds', 'unknown_partner', 'No such organisation');
			throw error;
		}
	}
}

async function writeScope(
	tx: Db,
	surveyId: string,
	v: { areaIds: string[]; estateIds: string[]; partnerOrganisationIds: string[] },
	ownerId: string
): Promise<void> {
	await tx.deleteFrom('survey_targets').where('survey_id', '=', surveyId).execute();
	await tx.deleteFrom('survey_partners').where('survey_id', '=', surveyId).execute();
	const targets = [
		...v.areaIds.map((a) => ({ survey_id: surveyId, area_id: a, estate_id: null })),
		...v.estateIds.map((e) => ({ survey_id: surveyId, area_id: null, estate_id: e }))
	];
	if (targets.length) await tx.insertInto('survey_targets').values(targets).execute();
	const partners = v.partnerOrganisationIds.filter((o) => o !== ownerId).map((o) => ({ survey_id: surveyId, organisation_id: o }));
	if (partners.length) await tx.insertInto('survey_partners').values(partners).execute();
}

/**
 * A new survey in draft, run by the actor's organisation, with version 1 of its structure (empty unless given). The
 * slug for its open link is the one chosen, or comes from the Dutch title.
 */
export async function createSurvey(
	db: Db,
	actor: Actor,
	input: SurveyInput,
	structure: StructureInput = { sections: [] }
): Promise<{ id: string; slug: string; versionId: string }> {
	authorize(actor, 'create', 'survey');
	if (!isStaff(actor) || !actor.organisationId) throw surveyInvalid('', 'staff_only', 'Only staff of an organisation run a survey');
	const v = parseSurveyInput(surveyInput, input);
	const s = parseSurveyInput(structureSchema, structure);
	await checkScope(db, actor, v);
	const organisationId = actor.organisationId;
	return slugSafe(() =>
		inTransaction(db, async (tx) => {
			const now = new Date().toISOString();
			const id = newId();
			const slug = v.slug ? await chosenSlug(tx, v.slug, null) : await freeSurveySlug(tx, v.title.nl.text);
			await tx
				.insertInto('surveys')
				.values({
					id,
					organisation_id: organisationId,
					slug,
					title_texts: v.title,
					intro_texts: v.intro ?? null,
					consent_texts: v.consent,
					status: 'draft',
					modes: v.modes,
					created_by: actor.id,
					created_at: now,
					updated_at: now
				})
				.execute();
			await writeScope(tx, id, v, organisationId);
			const versionId = newId();
			await tx
				.insertInto('survey_versions')
				.values({ id: versionId, survey_id: id, number: 1, structure: s, created_by: actor.id, created_at: now, updated_at: now })
				.execute();
			await audit(tx, actor, { action: 'survey_create', resourceType: 'survey', resourceId: id });
			return { id, slug, versionId };
		})
	);
}

/** Texts, modes, scope and partners. A changed scope recounts the households of waves that have not closed yet. */
export async function updateSurvey(db: Db, actor: Actor, id: string, input: SurveyInput, now = NOW()): Promise<void> {
	const survey = await surveyFor(db, actor, id, 'update');
	const v = parseSurveyInput(surveyInput, input);
	await checkScope(db, actor, v);
	// The link may change while the survey is a draft; once open, posters and letters carry it.
	if (v.slug && v.slug !== survey.slug && survey.status !== 'draft') throw surveyInvalid('slug', 'slug_fixed', 'The link of an opened survey stays as it is');
	await slugSafe(() =>
		inTransaction(db, async (tx) => {
			const slug = v.slug && v.slug !== survey.slug ? await chosenSlug(tx, v.slug, id) : survey.slug;
			await tx
				.updateTable('surveys')
				.set({ slug, title_texts: v.title, intro_texts: v.intro ?? null, consent_texts: v.consent, modes: v.modes, updated_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
			await writeScope(tx, id, v, survey.organisation_id);
			const estates = await estatesInScope(tx, v);
			for (const wave of await wavesOf(tx, id)) {
				if (wave.closes_at === null || Date.parse(wave.closes_at) > now.getTime()) await snapshotHouseholds(tx, wave.id, estates, now);
			}
			await audit(tx, actor, { action: 'survey_update', resourceType: 'survey', resourceId: id });
		})
	);
}

const sameStructure = (a: Structure, b: Structure) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves the structure. While no answer set uses the current version it is changed in place; after that a new version
 * is made (and an unchanged structure makes none). Answers keep the version they were given on.
 */
export async function saveStructure(
	db: Db,
	actor: Actor,
	surveyId: string,
	input: StructureInput
): Promise<{ versionId: string; number: number; newVersion: boolean }> {
	await surveyFor(db, actor, surveyId, 'update');
	const s = parseSurveyInput(structureSchema, input);
	return inTransaction(db, async (tx) => {
		const current = await latestVersion(tx, surveyId);
		const now = new Date().toISOString();
		const used = await tx.selectFrom('survey_responses').select('id').where('version_id', '=', current.id).limit(1).executeTakeFirst();
		if (sameStructure(current.structure, s)) return { versionId: current.id, number: current.number, newVersion: false };
		if (!used) {
			await tx.updateTable('survey_versions').set({ structure: s, updated_at: now }).where('id', '=', current.id).execute();
			await audit(tx, actor, { action: 'survey_structure', resourceType: 'survey', resourceId: surveyId, summary: `version ${current.number} changed` });
			return { versionId: current.id, number: current.number, newVersion: false };
		}
		const id = newId();
		await tx
			.insertInto('survey_versions')
			.values({
				id,
				survey_id: surveyId,
				number: current.number + 1,
				structure: s,
				created_by: isStaff(actor) ? actor.id : null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await tx.updateTable('surveys').set({ updated_at: now }).where('id', '=', surveyId).execute();
		await audit(tx, actor, { action: 'survey_structure', resourceType: 'survey', resourceId: surveyId, summary: `version ${current.number + 1}` });
		return { versionId: id, number: current.number + 1, newVersion: true };
	});
}

/** Why a structure cannot be opened to residents yet (empty means it can). */
export function readinessIssues(s: Structure): string[] {
	const issues: string[] = [];
	if (s.sections.length === 0) issues.push('no_sections');
	s.sections.forEach((sec) => {
		if (sec.questions.length === 0) issues.push(`empty_section:${sec.key}`);
	});
	return issues;
}

const TRANSITIONS: Record<SurveyStatus, readonly SurveyStatus[]> = { draft: ['open'], open: ['closed', 'draft'], closed: ['open'] };

/**
 * Opens, closes or reopens a survey. Opening needs a structure with questions in every section, and makes wave 1
 * (open from now) when there is no wave yet. Back to draft only while no one answered.
 */
export async function setSurveyStatus(db: Db, actor: Actor, surveyId: string, status: SurveyStatus, now = NOW()): Promise<void> {
	const survey = await surveyFor(db, actor, surveyId, 'update');
	if (survey.status === status) return;
	if (!TRANSITIONS[survey.status].includes(status))
		throw surveyInvalid('status', 'status_not_allowed', 'This step is not possible from the current status', { from: survey.status, to: status });
	await inTransaction(db, async (tx) => {
		if (status === 'open') {
			const version = await latestVersion(tx, surveyId);
			const problems = readinessIssues(version.structure);
			if (problems.length) throw surveyInvalid('', 'survey_not_ready', 'Add questions to every section first', { problems: problems.join(', ') });
			if ((await wavesOf(tx, surveyId)).length === 0) {
				const estates = await surveyEstates(tx, surveyId);
				const waveId = newId();
				await tx
					.insertInto('survey_waves')
					.values({
						id: waveId,
						survey_id: surveyId,
						number: 1,
						opens_at: now.toISOString(),
						closes_at: null,
						published_at: null,
						feedback_texts: null,
						created_by: isStaff(actor) ? actor.id : null,
						created_at: now.toISOString(),
						updated_at: now.toISOString()
					})
					.execute();
				await snapshotHouseholds(tx, waveId, estates, now);
			}
		}
		if (status === 'draft') {
			const answered = await tx.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).limit(1).executeTakeFirst();
			if (answered) throw surveyInvalid('status', 'survey_has_answers', 'Residents answered already');
		}
		await tx.updateTable('surveys').set({ status, updated_at: now.toISOString() }).where('id', '=', surveyId).execute();
		await audit(tx, actor, { action: 'survey_status', resourceType: 'survey', resourceId: surveyId, summary: `${survey.status} -> ${status}` });
	});
}

/** A survey in draft that no one answered can go entirely. */
export async function deleteSurvey(db: Db, actor: Actor, surveyId: string): Promise<void> {
	const survey = await surveyFor(db, actor, surveyId, 'update');
	if (survey.status !== 'draft') throw surveyInvalid('', 'not_draft', 'Only a survey in draft can be deleted');
	await inTransaction(db, async (tx) => {
		const answered = await tx.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).limit(1).executeTakeFirst();
		if (answered) throw surveyInvalid('', 'survey_has_answers', 'Residents answered already');
		await tx.deleteFrom('surveys').where('id', '=', surveyId).execute();
		await audit(tx, actor, { action: 'survey_delete', resourceType: 'survey', resourceId: surveyId });
	});
}

/** The surveys the actor's organisation runs or reads as a partner, newest first. */
export async function listSurveys(db: Db, actor: Actor): Promise<SurveySummary[]> {
	authorize(actor, 'list', 'survey');
	const org = isStaff(actor) ? actor.organisationId : null;
	if (!org && actor.kind !== 'system') return [];
	const rows = await db
		.selectFrom('surveys as s')
		.select(['s.id', 's.slug', 's.title_texts', 's.status', 's.modes', 's.organisation_id', 's.updated_at'])
		.select((eb) => [
			eb
				.selectFrom('survey_responses as r')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('r.survey_id', '=', 's.id')
				.as('answer_sets'),
			eb
				.selectFrom('survey_waves as w')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('w.survey_id', '=', 's.id')
				.as('wave_count')
		])
		.$if(!!org, (q) =>
			q.where((eb) =>
				eb.or([
					eb('s.organisation_id', '=', org!),
					eb.exists(eb.selectFrom('survey_partners as p').select('p.survey_id').whereRef('p.survey_id', '=', 's.id').where('p.organisation_id', '=', org!))
				])
			)
		)
		.orderBy('s.updated_at', 'desc')
		.orderBy('s.id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		title: r.title_texts as Wording,
		status: r.status,
		modes: modesOf(r),
		organisationId: r.organisation_id,
		isOwner: r.organisation_id === org,
		answerSets: Number(r.answer_sets ?? 0),
		waves: Number(r.wave_count ?? 0),
		updatedAt: r.updated_at
	}));
}

/** Everything the builder's pages show of one survey. */
export async function getSurvey(db: Db, actor: Actor, surveyId: string, now = NOW()): Promise<SurveyView> {
	const survey = await surveyFor(db, actor, surveyId, 'read');
	const [targets, versions, waves, estates] = await Promise.all([
		targetsOf(db, surveyId),
		allVersions(db, surveyId),
		wavesOf(db, surveyId),
		surveyEstates(db, surveyId)
	]);
	const perVersion = new Map(
		(
			await db
				.selectFrom('survey_responses')
				.select(['version_id', (eb) => eb.fn.countAll<number>().as('n')])
				.where('survey_id', '=', surveyId)
				.groupBy('version_id')
				.execute()
		).map((r) => [r.version_id, Number(r.n)])
	);
	const perWave = new Map(
		(
			await db
				.selectFrom('survey_responses')
				.select(['wave_id', (eb) => eb.fn.countAll<number>().as('n')])
				.where('survey_id', '=', surveyId)
				.groupBy('wave_id')
				.execute()
		).map((r) => [r.wave_id, Number(r.n)])
	);
	const households = new Map(
		waves.length
			? (
					await db
						.selectFrom('survey_wave_estates')
						.select(['wave_id', (eb) => eb.fn.sum<number>('households').as('n')])
						.where(
							'wave_id',
							'in',
							waves.map((w) => w.id)
						)
						.groupBy('wave_id')
						.execute()
				).map((r) => [r.wave_id, Number(r.n ?? 0)])
			: []
	);
	const current = versions[0];
	return {
		id: survey.id,
		slug: survey.slug,
		organisationId: survey.organisation_id,
		title: titleOf(survey),
		intro: (survey.intro_texts as Wording | null) ?? null,
		consent: survey.consent_texts as Wording,
		status: survey.status,
		modes: modesOf(survey),
		areaIds: targets.areaIds,
		estateIds: targets.estateIds,
		partnerOrganisationIds: [...survey.ctx.partnerOrganisationIds],
		estates,
		version: { id: current.id, number: current.number, structure: current.structure, answerSets: perVersion.get(current.id) ?? 0 },
		versions: versions.map((v) => ({ id: v.id, number: v.number, answerSets: perVersion.get(v.id) ?? 0, createdAt: v.createdAt, updatedAt: v.updatedAt })),
		waves: waves.map((w) => ({
			id: w.id,
			number: w.number,
			opensAt: w.opens_at,
			closesAt: w.closes_at,
			isOpen: survey.status === 'open' && waveIsOpen(w, now),
			publishedAt: w.published_at,
			feedback: (w.feedback_texts as Wording | null) ?? null,
			answerSets: perWave.get(w.id) ?? 0,
			households: households.get(w.id) ?? 0
		})),
		can: {
			update: can(actor, 'update', 'survey', survey.ctx),
			enterAnswers: can(actor, 'enter-answers', 'survey', survey.ctx),
			readResults: can(actor, 'read-results', 'survey', survey.ctx)
		}
	};
}

/** One version's structure, for the builder's history and for answer sets given on it. */
export async function getVersion(db: Db, actor: Actor, surveyId: string, number: number): Promise<{ id: string; number: number; structure: Structure }> {
	await surveyFor(db, actor, surveyId, 'read');
	const version = (await allVersions(db, surveyId)).find((v) => v.number === number);
	if (!version) throw new NotFound('survey-version', String(number));
	return { id: version.id, number: version.number, structure: version.structure };
}
