// A resident's progress saved per device: a random draft token the page keeps in a cookie (only its hash is stored),
// the answers so far and a code typed at the start. Drafts run out after DRAFT_DAYS.
import { authorize, type Actor } from '../access';
import { hashToken, newToken } from '../auth';
import type { Db } from '../db';
import { NotFound } from '../errors';
import { hashOfTyped, usableCode } from './code-entry';
import { parseSurveyInput, surveyInvalid } from './issues';
import { DRAFT_DAYS, draftInput, type AnswerMap, type DraftInput } from './model';
import { estateInWaveOf, openWave } from './records';

export type DraftView = { surveyId: string; language: string; answers: AnswerMap; step: number; estateId: string | null; hasCode: boolean; expiresAt: string };

/**
 * Saves a resident's progress. Without a token (or with one that ran out) a new draft is made; its token is returned
 * for the page's cookie (only its hash is stored). A code typed at the start is checked and kept with the draft.
 */
export async function saveDraft(db: Db, actor: Actor, input: DraftInput, now = new Date()): Promise<{ token: string; expiresAt: string }> {
	authorize(actor, 'answer', 'survey');
	const v = parseSurveyInput(draftInput, input);
	const survey = await db.selectFrom('surveys').select(['id', 'status']).where('id', '=', v.surveyId).executeTakeFirst();
	if (!survey) throw new NotFound('survey', v.surveyId);
	const wave = await openWave(db, survey.id, now);
	if (survey.status !== 'open' || !wave) throw surveyInvalid('', 'survey_not_open', 'This survey does not take answers now');
	const codeHash = v.code ? (await usableCode(db, hashOfTyped(v.code), survey.id, wave.id)).code_hash : undefined;
	if (v.estateId && !(await estateInWaveOf(db, wave.id, v.estateId)))
		throw surveyInvalid('estateId', 'estate_not_in_scope', 'This estate is not part of the survey');
	const at = now.toISOString();
	const expiresAt = new Date(now.getTime() + DRAFT_DAYS * 86_400_000).toISOString();
	const existing = v.token
		? await db
				.selectFrom('survey_drafts')
				.select(['token_hash', 'code_hash', 'estate_id'])
				.where('token_hash', '=', hashToken(v.token))
				.where('survey_id', '=', survey.id)
				.where('expires_at', '>', at)
				.executeTakeFirst()
		: undefined;
	if (existing && v.token) {
		await db
			.updateTable('survey_drafts')
			.set({
				language: v.language,
				answers: v.answers,
				step: v.step,
				code_hash: codeHash ?? existing.code_hash,
				estate_id: v.estateId ?? existing.estate_id,
				updated_at: at,
				expires_at: expiresAt
			})
			.where('token_hash', '=', existing.token_hash)
			.execute();
		return { token: v.token, expiresAt };
	}
	const token = newToken();
	await db
		.insertInto('survey_drafts')
		.values({
			token_hash: hashToken(token),
			survey_id: survey.id,
			code_hash: codeHash ?? null,
			estate_id: v.estateId ?? null,
			language: v.language,
			answers: v.answers,
			step: v.step,
			created_at: at,
			updated_at: at,
			expires_at: expiresAt
		})
		.execute();
	return { token, expiresAt };
}

/** The progress saved on this device, or null (none, run out, or for another survey). */
export async function loadDraft(db: Db, actor: Actor, surveyId: string, token: string | undefined, now = new Date()): Promise<DraftView | null> {
	authorize(actor, 'answer', 'survey');
	if (!token || token.length > 100) return null;
	const row = await db
		.selectFrom('survey_drafts')
		.selectAll()
		.where('token_hash', '=', hashToken(token))
		.where('survey_id', '=', surveyId)
		.where('expires_at', '>', now.toISOString())
		.executeTakeFirst();
	if (!row) return null;
	return {
		surveyId: row.survey_id,
		language: row.language,
		answers: (row.answers ?? {}) as AnswerMap,
		step: row.step,
		estateId: row.estate_id,
		hasCode: !!row.code_hash,
		expiresAt: row.expires_at
	};
}

export async function discardDraft(db: Db, actor: Actor, token: string): Promise<void> {
	authorize(actor, 'answer', 'survey');
	if (token && token.length <= 100) await db.deleteFrom('survey_drafts').where('token_hash', '=', hashToken(token)).execute();
}

/** Drafts nobody came back to (30 days after the last save) are removed; for the periodic sweeps. */
export async function sweepSurveyDrafts(db: Db, now = new Date()): Promise<number> {
	const result = await db.deleteFrom('survey_drafts').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
	return Number(result.numDeletedRows);
}
