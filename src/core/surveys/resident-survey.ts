// The survey as a resident sees it behind an open link or a poster's QR code: the current version's structure, the
// wave open now, the estates to choose from and the languages it is complete in. Structures are cached per version.
import { authorize, type Actor } from '../access';
import type { Db } from '../db';
import { NotFound } from '../errors';
import { questionsInOrder, type Structure, type SurveyMode, type Wording } from './model';
import { loadSurvey, modesOf, openWave, surveyEstates, type VersionRecord } from './records';

export type ResidentSurvey = {
	id: string;
	slug: string;
	title: Wording;
	intro: Wording | null;
	consent: Wording;
	modes: SurveyMode[];
	/** Answers are taken now (the survey is open and a wave runs). */
	isOpen: boolean;
	wave: { id: string; number: number; closesAt: string | null } | null;
	version: { id: string; number: number; structure: Structure };
	/** For "where do you live?" when the link does not say (an open link without an estate). */
	estates: Array<{ id: string; name: string; slug: string }>;
	/** Languages every section title and question has a text in (Dutch always). */
	languages: string[];
};

// Structures are read often (every submit) and change rarely: cached per version and its last change, so a version
// changed in place (before anyone answered) is read again. Safe with several processes: the key holds the change time.
const structures = new Map<string, { updatedAt: string; structure: Structure }>();

async function currentVersion(db: Db, surveyId: string): Promise<VersionRecord> {
	const head = await db
		.selectFrom('survey_versions')
		.select(['id', 'number', 'updated_at', 'created_at'])
		.where('survey_id', '=', surveyId)
		.orderBy('number', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!head) throw new NotFound('survey-version', surveyId);
	const structure = await structureOf(db, { id: head.id, updatedAt: head.updated_at });
	return { id: head.id, number: head.number, structure, updatedAt: head.updated_at, createdAt: head.created_at };
}

/** The structure of a version whose id and last change are known, from the cache or read once. */
export async function structureOf(db: Db, version: { id: string; updatedAt: string }): Promise<Structure> {
	const cached = structures.get(version.id);
	if (cached && cached.updatedAt === version.updatedAt) return cached.structure;
	const row = await db.selectFrom('survey_versions').select(['structure', 'updated_at']).where('id', '=', version.id).executeTakeFirstOrThrow();
	const structure = row.structure as Structure;
	if (structures.size > 200) structures.delete(structures.keys().next().value!);
	structures.set(version.id, { updatedAt: row.updated_at, structure });
	return structure;
}

export function completeLanguages(title: Wording, s: Structure): string[] {
	const texts: Wording[] = [title, ...s.sections.map((sec) => sec.title), ...questionsInOrder(s).map((q) => q.question.label)];
	const candidates = Object.keys(title);
	return ['nl', ...candidates.filter((l) => l !== 'nl' && texts.every((w) => !!w[l])).sort()];
}

/** The survey behind an open link or a poster's QR code. A survey still in draft does not exist for residents. */
export async function surveyForResident(db: Db, actor: Actor, slug: string, now = new Date()): Promise<ResidentSurvey> {
	authorize(actor, 'answer', 'survey');
	const row = await db.selectFrom('surveys').select('id').where('slug', '=', slug).executeTakeFirst();
	if (!row) throw new NotFound('survey', slug);
	const survey = await loadSurvey(db, row.id);
	if (survey.status === 'draft') throw new NotFound('survey', slug);
	const [version, wave, estates] = await Promise.all([currentVersion(db, survey.id), openWave(db, survey.id, now), surveyEstates(db, survey.id)]);
	const title = survey.title_texts as Wording;
	return {
		id: survey.id,
		slug: survey.slug,
		title,
		intro: (survey.intro_texts as Wording | null) ?? null,
		consent: survey.consent_texts as Wording,
		modes: modesOf(survey),
		isOpen: survey.status === 'open' && !!wave,
		wave: wave ? { id: wave.id, number: wave.number, closesAt: wave.closes_at } : null,
		version: { id: version.id, number: version.number, structure: version.structure },
		estates: estates.map((e) => ({ id: e.id, name: e.name, slug: e.slug })),
		languages: completeLanguages(title, version.structure)
	};
}
