// The letters of a print run, kept sealed for a day so the worker downloads them from the codes page (and again, if
// the first download got lost) instead of only in the answer to the post that made the codes. The codes stay out of
// the database in the clear: the letters are encrypted (AES-256-GCM) with a key derived from the worker's session
// token, which the database only holds as a hash. So only the browser session that made a print run can open it,
// and only while its maker may still change the survey.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { audit, type Actor } from '../access';
import type { Db } from '../db';
import { NotFound } from '../errors';
import type { CodeLetter } from './codes';
import { surveyFor } from './records';

/** How long a print run's letters can be downloaded after they were made. */
export const LETTERS_KEPT_HOURS = 24;

/** What the letters PDF says besides the letters (see renderCodeLetters), as chosen when the codes were made. */
export type LetterSheet = { locale: 'nl' | 'fr' | 'en'; surveyTitle: string; senders: string[]; contact: string; deadline: string | null };
export type KeptLetters = { waveNumber: number; sheet: LetterSheet; letters: CodeLetter[] };

/** The key a session seals its print runs with, from its token (never stored: the sessions table holds its hash). */
export const lettersKeyOf = (sessionToken: string): Buffer => createHmac('sha256', sessionToken).update('survey-code-letters').digest();

/** Stored beside the sealed letters: tells which session's key opens them, and nothing about the key. */
export const lettersKeyCheck = (key: Uint8Array): string => createHash('sha256').update('survey-code-letters-check:').update(key).digest('hex');

export function sealLetters(key: Uint8Array, content: { sheet: LetterSheet; letters: CodeLetter[] }): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const body = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The letters, or null when this key does not open them (another session) or they were tampered with. */
export function openLetters(key: Uint8Array, sealed: string): { sheet: LetterSheet; letters: CodeLetter[] } | null {
	try {
		const raw = Buffer.from(sealed, 'base64');
		const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
		decipher.setAuthTag(raw.subarray(12, 28));
		return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
	} catch {
		return null;
	}
}

/** The print runs of a wave whose letters this session can still download, with until when. */
export async function keptLetterRuns(db: Db, waveId: string, key: Uint8Array, now = new Date()): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('survey_code_letters as l')
		.innerJoin('survey_code_batches as b', 'b.id', 'l.batch_id')
		.select(['l.batch_id', 'l.expires_at'])
		.where('b.wave_id', '=', waveId)
		.where('b.voided_at', 'is', null)
		.where('l.key_check', '=', lettersKeyCheck(key))
		.where('l.expires_at', '>', now.toISOString())
		.execute();
	return new Map(rows.map((r) => [r.batch_id, r.expires_at]));
}

/**
 * The letters of one print run of this survey, for the session that made them, while they are kept and the run is
 * not voided. Only who may change the survey (and so make codes) gets them; each download is in the audit log.
 */
export async function keptLetters(db: Db, actor: Actor, surveyId: string, batchId: string, key: Uint8Array, now = new Date()): Promise<KeptLetters> {
	const survey = await surveyFor(db, actor, surveyId, 'update');
	const row = await db
		.selectFrom('survey_code_letters as l')
		.innerJoin('survey_code_batches as b', 'b.id', 'l.batch_id')
		.innerJoin('survey_waves as w', 'w.id', 'b.wave_id')
		.select(['l.sealed', 'w.number'])
		.where('l.batch_id', '=', batchId)
		.where('w.survey_id', '=', survey.id)
		.where('b.voided_at', 'is', null)
		.where('l.key_check', '=', lettersKeyCheck(key))
		.where('l.expires_at', '>', now.toISOString())
		.executeTakeFirst();
	const content = row ? openLetters(key, row.sealed) : null;
	if (!row || !content) throw new NotFound('letters', batchId);
	await audit(db, actor, {
		action: 'survey_codes_download',
		resourceType: 'survey',
		resourceId: survey.id,
		summary: `wave ${row.number}: ${content.letters.length} letters`
	});
	return { waveNumber: row.number, ...content };
}

/** Letters past their day are deleted; for the periodic sweeps. */
export async function sweepCodeLetters(db: Db, now = new Date()): Promise<number> {
	const result = await db.deleteFrom('survey_code_letters').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
	return Number(result.numDeletedRows);
}
