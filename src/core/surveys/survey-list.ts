// The surveys list of the worker's pages: the surveys the actor may see (listSurveys) with, per survey, the wave
// running now and how many of its households answered — in three grouped reads for all surveys at once, instead of
// reading each survey whole (getSurvey counts answer sets per version and wave, which a list does not need).
import type { Actor } from '../access';
import type { Db } from '../db';
import { listSurveys, type SurveySummary } from './builder';
import { waveIsOpen } from './records';

export type SurveyListItem = SurveySummary & { openWave: { number: number; answerSets: number; households: number } | null };

export async function listSurveysWithResponse(db: Db, actor: Actor, now = new Date()): Promise<SurveyListItem[]> {
	const surveys = await listSurveys(db, actor);
	const open = surveys.filter((s) => s.status === 'open').map((s) => s.id);
	const waves = open.length
		? (await db.selectFrom('survey_waves').selectAll().where('survey_id', 'in', open).orderBy('number').execute()).filter((w) => waveIsOpen(w, now))
		: [];
	const ids = waves.map((w) => w.id);
	const households = new Map(
		ids.length
			? (
					await db
						.selectFrom('survey_wave_estates')
						.select(['wave_id', (eb) => eb.fn.sum<number>('households').as('n')])
						.where('wave_id', 'in', ids)
						.groupBy('wave_id')
						.execute()
				).map((r) => [r.wave_id, Number(r.n ?? 0)])
			: []
	);
	const answered = new Map(
		ids.length
			? (
					await db
						.selectFrom('survey_responses')
						.select(['wave_id', (eb) => eb.fn.countAll<number>().as('n')])
						.where('wave_id', 'in', ids)
						.groupBy('wave_id')
						.execute()
				).map((r) => [r.wave_id, Number(r.n)])
			: []
	);
	return surveys.map((s) => {
		const wave = waves.find((w) => w.survey_id === s.id);
		return { ...s, openWave: wave ? { number: wave.number, answerSets: answered.get(wave.id) ?? 0, households: households.get(wave.id) ?? 0 } : null };
	});
}
