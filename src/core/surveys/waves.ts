// Waves: the same survey run again (wave 1 now, wave 2 a year later), each with its own dates, codes and answers,
// and the households living on each estate in scope when it was set up — the base of its response rates, kept so a
// wave's rate does not change when tenants move later. Waves never overlap; a new wave answers on the latest version.
import { audit, isStaff, type Actor } from '../access';
import type { EstateInScope } from '../areas';
import { inTransaction, type Db } from '../db';
import { newId } from '../db';
import { Invalid } from '../errors';
import { householdCountsOn } from '../people';
import { parseSurveyInput, surveyInvalid } from './issues';
import { feedbackInput, waveInput, type WaveInput, type Wording } from './model';
import { loadWave, surveyEstates, surveyFor, wavesOf } from './records';

/** Records how many households live on each estate now, as the wave's base for response rates. */
export async function snapshotHouseholds(tx: Db, waveId: string, estates: readonly EstateInScope[], now: Date): Promise<void> {
	const counts = await householdCountsOn(
		tx,
		estates.map((e) => e.id),
		now
	);
	await tx.deleteFrom('survey_wave_estates').where('wave_id', '=', waveId).execute();
	const rows = estates.map((e) => ({ wave_id: waveId, estate_id: e.id, households: counts.get(e.id) ?? 0 }));
	if (rows.length) await tx.insertInto('survey_wave_estates').values(rows).execute();
}

const overlaps = (a: { opensAt: string; closesAt: string | null }, b: { opens_at: string; closes_at: string | null }) =>
	(b.closes_at === null || a.opensAt < b.closes_at) && (a.closesAt === null || b.opens_at < a.closesAt);

async function checkNoOverlap(db: Db, surveyId: string, dates: { opensAt: string; closesAt: string | null }, exceptId?: string): Promise<void> {
	const clash = (await wavesOf(db, surveyId)).find((w) => w.id !== exceptId && overlaps(dates, w));
	if (clash) throw surveyInvalid('opensAt', 'waves_overlap', 'Another wave runs at the same time', { wave: clash.number });
}

/** The next wave, numbered after the last; its household counts are taken now. */
export async function createWave(db: Db, actor: Actor, surveyId: string, input: WaveInput, now = new Date()): Promise<{ id: string; number: number }> {
	await surveyFor(db, actor, surveyId, 'update');
	const v = parseSurveyInput(waveInput, input);
	return inTransaction(db, async (tx) => {
		await checkNoOverlap(tx, surveyId, v);
		const last = await tx
			.selectFrom('survey_waves')
			.select((eb) => eb.fn.max<number>('number').as('n'))
			.where('survey_id', '=', surveyId)
			.executeTakeFirst();
		const number = Number(last?.n ?? 0) + 1;
		const id = newId();
		const at = now.toISOString();
		await tx
			.insertInto('survey_waves')
			.values({
				id,
				survey_id: surveyId,
				number,
				opens_at: v.opensAt,
				closes_at: v.closesAt,
				published_at: null,
				feedback_texts: null,
				created_by: isStaff(actor) ? actor.id : null,
				created_at: at,
				updated_at: at
			})
			.execute();
		await snapshotHouseholds(tx, id, await surveyEstates(tx, surveyId), now);
		await audit(tx, actor, { action: 'survey_wave_create', resourceType: 'survey', resourceId: surveyId, summary: `wave ${number}` });
		return { id, number };
	});
}

export async function updateWave(db: Db, actor: Actor, surveyId: string, waveId: string, input: WaveInput): Promise<void> {
	await surveyFor(db, actor, surveyId, 'update');
	const v = parseSurveyInput(waveInput, input);
	await inTransaction(db, async (tx) => {
		const wave = await loadWave(tx, surveyId, waveId);
		await checkNoOverlap(tx, surveyId, v, wave.id);
		await tx
			.updateTable('survey_waves')
			.set({ opens_at: v.opensAt, closes_at: v.closesAt, updated_at: new Date().toISOString() })
			.where('id', '=', waveId)
			.execute();
		await audit(tx, actor, { action: 'survey_wave_update', resourceType: 'survey', resourceId: surveyId, summary: `wave ${wave.number}` });
	});
}

/** Counts the households in scope again (a wave set up long before it opened, or after tenants moved in). */
export async function refreshWaveHouseholds(db: Db, actor: Actor, surveyId: string, waveId: string, now = new Date()): Promise<void> {
	await surveyFor(db, actor, surveyId, 'update');
	await inTransaction(db, async (tx) => {
		await loadWave(tx, surveyId, waveId);
		await snapshotHouseholds(tx, waveId, await surveyEstates(tx, surveyId), now);
	});
}

/** A wave nobody answered in yet can go (with its codes). */
export async function deleteWave(db: Db, actor: Actor, surveyId: string, waveId: string): Promise<void> {
	await surveyFor(db, actor, surveyId, 'update');
	await inTransaction(db, async (tx) => {
		const wave = await loadWave(tx, surveyId, waveId);
		const answered = await tx.selectFrom('survey_responses').select('id').where('wave_id', '=', waveId).limit(1).executeTakeFirst();
		if (answered) throw surveyInvalid('', 'survey_has_answers', 'Residents answered already');
		await tx.deleteFrom('survey_waves').where('id', '=', waveId).execute();
		await audit(tx, actor, { action: 'survey_wave_delete', resourceType: 'survey', resourceId: surveyId, summary: `wave ${wave.number}` });
	});
}

/**
 * Puts a wave's results on the public "what you told us" page, with what was done with them (texts per language);
 * `published: false` takes them off again.
 */
export async function publishWave(
	db: Db,
	actor: Actor,
	surveyId: string,
	waveId: string,
	input: { published: boolean; feedback?: Wording | Record<string, unknown> | null },
	now = new Date()
): Promise<void> {
	await surveyFor(db, actor, surveyId, 'update');
	const v = parseSurveyInput(feedbackInput, { feedback: input.feedback });
	await inTransaction(db, async (tx) => {
		const wave = await loadWave(tx, surveyId, waveId);
		// Residents should read what is done with their answers: a wave is published with that text, in Dutch at least.
		if (input.published && !(v.feedback !== undefined ? v.feedback : wave.feedback_texts)) {
			throw new Invalid([
				{ path: 'feedback.nl', code: 'feedback_required', message: 'Write what is done with the answers', messageKey: 'survey_publish.feedback_required' }
			]);
		}
		await tx
			.updateTable('survey_waves')
			.set({
				published_at: input.published ? (wave.published_at ?? now.toISOString()) : null,
				...(v.feedback !== undefined ? { feedback_texts: v.feedback } : {}),
				updated_at: now.toISOString()
			})
			.where('id', '=', waveId)
			.execute();
		await audit(tx, actor, {
			action: input.published ? 'survey_publish' : 'survey_unpublish',
			resourceType: 'survey',
			resourceId: surveyId,
			summary: `wave ${wave.number}`
		});
	});
}
