// The surveys module's own reads that every part needs: a survey with its policy context, its latest version, its
// waves and the wave open at a moment. Stored structures were validated when saved, so they are read as they are.
import { authorize, type Actor } from '../access';
import type { SurveyContext } from '../access';
import { estatesInScope, type EstateInScope } from '../areas';
import type { Db } from '../db';
import type { Survey, SurveyVersion, SurveyWave } from '../db';
import { NotFound } from '../errors';
import type { Structure, SurveyMode, Wording } from './model';

export type SurveyRecord = Survey & { ctx: SurveyContext };
export type VersionRecord = { id: string; number: number; structure: Structure; updatedAt: string; createdAt: string };

export async function loadSurvey(db: Db, id: string): Promise<SurveyRecord> {
	const row = await db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFound('survey', id);
	const partners = await db.selectFrom('survey_partners').select('organisation_id').where('survey_id', '=', id).execute();
	return { ...row, ctx: { organisationId: row.organisation_id, partnerOrganisationIds: partners.map((p) => p.organisation_id) } };
}

/** Loads a survey and asks the policy; a survey the actor may not read is "not found" to them. */
export async function surveyFor(db: Db, actor: Actor, id: string, action: 'read' | 'read-results' | 'update' | 'enter-answers'): Promise<SurveyRecord> {
	const survey = await loadSurvey(db, id);
	authorize(actor, action, 'survey', survey.ctx);
	return survey;
}

export const modesOf = (s: Pick<Survey, 'modes'>): SurveyMode[] => (Array.isArray(s.modes) ? (s.modes as SurveyMode[]) : []);
export const titleOf = (s: Pick<Survey, 'title_texts'>): Wording => s.title_texts as Wording;

const toVersion = (v: Pick<SurveyVersion, 'id' | 'number' | 'structure' | 'updated_at' | 'created_at'>): VersionRecord => ({
	id: v.id,
	number: v.number,
	structure: v.structure as Structure,
	updatedAt: v.updated_at,
	createdAt: v.created_at
});

export async function latestVersion(db: Db, surveyId: string): Promise<VersionRecord> {
	const row = await db
		.selectFrom('survey_versions')
		.select(['id', 'number', 'structure', 'updated_at', 'created_at'])
		.where('survey_id', '=', surveyId)
		.orderBy('number', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) throw new NotFound('survey-version', surveyId);
	return toVersion(row);
}

export async function allVersions(db: Db, surveyId: string): Promise<VersionRecord[]> {
	const rows = await db
		.selectFrom('survey_versions')
		.select(['id', 'number', 'structure', 'updated_at', 'created_at'])
		.where('survey_id', '=', surveyId)
		.orderBy('number', 'desc')
		.execute();
	return rows.map(toVersion);
}

export async function wavesOf(db: Db, surveyId: string): Promise<SurveyWave[]> {
	return db.selectFrom('survey_waves').selectAll().where('survey_id', '=', surveyId).orderBy('number').execute();
}

export async function loadWave(db: Db, surveyId: string, waveId: string): Promise<SurveyWave> {
	const wave = await db.selectFrom('survey_waves').selectAll().where('id', '=', waveId).where('survey_id', '=', surveyId).executeTakeFirst();
	if (!wave) throw new NotFound('survey-wave', waveId);
	return wave;
}

/** Is the wave open at this moment (from its first instant, up to but not including its close)? */
export const waveIsOpen = (w: Pick<SurveyWave, 'opens_at' | 'closes_at'>, at: Date): boolean => {
	const t = at.getTime();
	return Date.parse(w.opens_at) <= t && (w.closes_at === null || t < Date.parse(w.closes_at));
};

/** The wave open at this moment, if any (waves never overlap). */
export async function openWave(db: Db, surveyId: string, at: Date): Promise<SurveyWave | null> {
	const iso = at.toISOString();
	const row = await db
		.selectFrom('survey_waves')
		.selectAll()
		.where('survey_id', '=', surveyId)
		.where('opens_at', '<=', iso)
		.where((eb) => eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', iso)]))
		.orderBy('number', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ?? null;
}

/** The areas and single estates a survey targets. */
export async function targetsOf(db: Db, surveyId: string): Promise<{ areaIds: string[]; estateIds: string[] }> {
	const rows = await db.selectFrom('survey_targets').select(['area_id', 'estate_id']).where('survey_id', '=', surveyId).execute();
	return { areaIds: rows.flatMap((r) => (r.area_id ? [r.area_id] : [])), estateIds: rows.flatMap((r) => (r.estate_id ? [r.estate_id] : [])) };
}

/** The estates a survey covers now. */
export async function surveyEstates(db: Db, surveyId: string): Promise<EstateInScope[]> {
	return estatesInScope(db, await targetsOf(db, surveyId));
}

/** Whether an estate is among a wave's households in scope. */
export async function estateInWaveOf(db: Db, waveId: string, estateId: string): Promise<boolean> {
	return !!(await db.selectFrom('survey_wave_estates').select('estate_id').where('wave_id', '=', waveId).where('estate_id', '=', estateId).executeTakeFirst());
}
