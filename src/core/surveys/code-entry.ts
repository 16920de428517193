// Household codes as residents use them: a code typed at the door (or read from the letter's QR code) is checked for
// its survey and wave; it is only marked used when the answers are stored (submission.ts). Afterwards nothing may link
// a used code to its answer set, not even PostgreSQL's row stamps (unlinkUsedCodes).
import { sql } from 'kysely';
import { authorize, type Actor } from '../access';
import type { Db } from '../db';
import { hashHouseholdCode, normaliseHouseholdCode } from './codes';
import { surveyInvalid } from './issues';
import { openWave } from './records';

export type CodeRow = { code_hash: string; survey_id: string; wave_id: string; estate_id: string | null; status: string };

/** Finds a code for a survey and wave, or says clearly why it cannot be used (unknown, used, void, another survey or wave). */
export async function usableCode(db: Db, codeHash: string, surveyId: string | null, waveId: string | null): Promise<CodeRow> {
	const row = await db
		.selectFrom('survey_codes')
		.select(['code_hash', 'survey_id', 'wave_id', 'estate_id', 'status'])
		.where('code_hash', '=', codeHash)
		.executeTakeFirst();
	if (!row) throw surveyInvalid('code', 'unknown_code', 'We do not know this code');
	if (surveyId && row.survey_id !== surveyId) throw surveyInvalid('code', 'code_other_survey', 'This code belongs to another survey');
	if (waveId && row.wave_id !== waveId) throw surveyInvalid('code', 'code_other_wave', 'This code was for another round of this survey');
	if (row.status === 'used') throw surveyInvalid('code', 'code_used', 'This code was used already');
	if (row.status === 'void') throw surveyInvalid('code', 'code_void', 'This code no longer works');
	return row;
}

export function hashOfTyped(code: string): string {
	const normalised = normaliseHouseholdCode(code);
	if (!normalised) throw surveyInvalid('code', 'unknown_code', 'We do not know this code');
	return hashHouseholdCode(normalised);
}

/**
 * A code typed on the "I have a code" page (or read from the letter's QR code): which survey it opens. The code is
 * not used yet; that happens when the answers are stored.
 */
export async function checkHouseholdCode(
	db: Db,
	actor: Actor,
	code: string,
	now = new Date()
): Promise<{ surveyId: string; slug: string; waveId: string; estateId: string | null }> {
	authorize(actor, 'answer', 'survey');
	const row = await usableCode(db, hashOfTyped(code), null, null);
	const survey = await db.selectFrom('surveys').select(['id', 'slug', 'status']).where('id', '=', row.survey_id).executeTakeFirstOrThrow();
	const wave = await openWave(db, survey.id, now);
	if (survey.status !== 'open' || !wave) throw surveyInvalid('code', 'survey_not_open', 'This survey does not take answers now');
	if (wave.id !== row.wave_id) throw surveyInvalid('code', 'code_other_wave', 'This code was for another round of this survey');
	return { surveyId: survey.id, slug: survey.slug, waveId: wave.id, estateId: row.estate_id };
}

/**
 * PostgreSQL stamps every row version with the transaction that wrote it (xmin). A code marked used and the answer
 * set stored with it are written in one transaction (all or nothing), so for a while they carry the same stamp: a
 * link between a household and its answers for anyone reading the database's system columns. This sweep writes those
 * codes again, all in one statement, so they carry this sweep's stamp (shared by every code it touches) instead, and
 * asks VACUUM to clear the old row versions. SQLite keeps no such stamp: nothing to do there. Returns the codes
 * rewritten; for the periodic sweeps (every 10 minutes).
 */
export async function unlinkUsedCodes(db: Db): Promise<number> {
	if (db.dialect !== 'postgres') return 0;
	const result = await sql<never>`
		update survey_codes c set status = 'used'
		where c.status = 'used'
		  and exists (select 1 from survey_responses r where r.wave_id = c.wave_id and r.xmin::text = c.xmin::text)`.execute(db);
	const rewritten = Number(result.numAffectedRows ?? 0);
	if (rewritten > 0 && !db.isTransaction) await sql`vacuum survey_codes`.execute(db);
	return rewritten;
}
