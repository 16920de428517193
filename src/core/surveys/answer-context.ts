// What storing an answer set reads before it writes: the survey, its open wave and head version, in one statement.
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db';
import { modesOf } from './records';

/**
 * What storing an answer set needs to know, in one read: the survey (owner, status, modes), the wave open at `now`,
 * the head version (its structure comes from the cache while it is unchanged) and whether the estate named is in that
 * wave. Every submit pays for this read, so it is one statement instead of five; the version's columns come from the
 * `survey_versions_head` index alone (the row itself carries the structure, pages long).
 */
export async function answerContext(db: Db, surveyId: string, now: Date, estateId: string | null) {
	const iso = now.toISOString();
	const head = (column: 'id' | 'number' | 'updated_at') => (eb: ExpressionBuilder<Database, 'surveys'>) =>
		eb.selectFrom('survey_versions as v').select(`v.${column}`).whereRef('v.survey_id', '=', 'surveys.id').orderBy('v.number', 'desc').limit(1);
	const row = await db
		.selectFrom('surveys')
		.leftJoin('survey_waves as w', (join) =>
			join.on((eb) =>
				eb(
					'w.id',
					'=',
					eb
						.selectFrom('survey_waves as o')
						.select('o.id')
						.whereRef('o.survey_id', '=', 'surveys.id')
						.where('o.opens_at', '<=', iso)
						.where((o) => o.or([o('o.closes_at', 'is', null), o('o.closes_at', '>', iso)]))
						.orderBy('o.number', 'desc')
						.limit(1)
				)
			)
		)
		.select((eb) => [
			'surveys.organisation_id',
			'surveys.status',
			'surveys.modes',
			'w.id as wave_id',
			'w.number as wave_number',
			head('id')(eb).as('version_id'),
			head('number')(eb).as('version_number'),
			head('updated_at')(eb).as('version_updated_at'),
			(estateId
				? eb.exists(eb.selectFrom('survey_wave_estates as e').select('e.estate_id').whereRef('e.wave_id', '=', 'w.id').where('e.estate_id', '=', estateId))
				: eb.val(false)
			).as('estate_in_wave')
		])
		.where('surveys.id', '=', surveyId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		organisationId: row.organisation_id,
		status: row.status,
		modes: modesOf(row),
		wave: row.wave_id ? { id: row.wave_id, number: Number(row.wave_number) } : null,
		version: row.version_id ? { id: String(row.version_id), number: Number(row.version_number), updatedAt: String(row.version_updated_at) } : null,
		estateInWave: !!row.estate_in_wave
	};
}
