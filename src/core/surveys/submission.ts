// Storing an answer set, without an account or entered by a worker: checked against the survey's current version and
// stored whole or not at all. A client-made submission id makes a double submit or a tablet's resend store one set. A
// code is only marked used, in the same transaction as the set is stored: nothing links the two. Paper forms and tablet
// answers carry the worker who entered them, and are audited.
import { audit, authorize, can, type Actor } from '../access';
import { hashToken } from '../auth';
import type { Db } from '../db';
import { inSharedTransaction, isUniqueViolation, newId } from '../db';
import type { SurveyChannel } from '../db';
import { Invalid, NotFound } from '../errors';
import { checkFingerprint } from '../idempotency';
import { answerContext } from './answer-context';
import { checkAnswers, type CheckedAnswers } from './answers';
import { hashOfTyped, usableCode } from './code-entry';
import { parseSurveyInput, surveyInvalid } from './issues';
import { STAFF_CHANNELS, submissionInput, type SubmissionInput } from './model';
import { estateInWaveOf } from './records';
import { structureOf } from './resident-survey';

/** `openOnly`: refuse a closed survey also for staff (a tablet's set is taken at the door; paper may come later). */
export type SubmitOptions = {
	openOnly?: boolean;
	/** A fingerprint of the set (core/idempotency), kept with its submission id: other answers under that id are refused. */
	fingerprint?: string;
};

export type SubmitResult = { responseId: string; replayed: boolean; waveId: string; versionId: string; estateId: string | null; channel: SurveyChannel };

type AnswerContext = NonNullable<Awaited<ReturnType<typeof answerContext>>>;
type Submission = ReturnType<typeof parseSubmission>;
type WaveRef = { id: string; number: number };

async function replay(db: Db, surveyId: string, submissionId: string, fingerprint?: string): Promise<SubmitResult | null> {
	const row = await db
		.selectFrom('survey_responses')
		.select(['id', 'survey_id', 'wave_id', 'version_id', 'estate_id', 'channel', 'submission_fingerprint'])
		.where('submission_id', '=', submissionId)
		.executeTakeFirst();
	if (!row) return null;
	if (row.survey_id !== surveyId) throw surveyInvalid('submissionId', 'submission_id_taken', 'This submission id belongs to another answer set');
	checkFingerprint('submissionId', row.submission_fingerprint, fingerprint);
	return { responseId: row.id, replayed: true, waveId: row.wave_id, versionId: row.version_id, estateId: row.estate_id, channel: row.channel };
}

/**
 * Stores one answer set, checked against the survey's current version: all of it (the set, one row per answered
 * option or number, the open texts, the code marked used, the draft removed, the audit entry of a paper form) in one
 * transaction, or nothing. Sent again with the same submission id, it answers with the set stored the first time.
 */
export async function submitAnswerSet(
	db: Db,
	actor: Actor,
	surveyId: string,
	input: SubmissionInput,
	now = new Date(),
	options: SubmitOptions = {}
): Promise<SubmitResult> {
	try {
		return await storeAnswerSet(db, actor, surveyId, input, now, options);
	} catch (error) {
		const id = (input as { submissionId?: unknown }).submissionId;
		// A resend of a stored set: its submission id is taken, its code used (by that very set), or what it sends no
		// longer passes (a second tap on "send" after the first removed the saved answers). Only a refusal pays for this read.
		if (typeof id === 'string' && (isUniqueViolation(error, 'submission') || error instanceof Invalid) && !db.isTransaction) {
			const earlier = await replay(db, surveyId, id, options.fingerprint);
			if (earlier) return earlier;
		}
		throw error;
	}
}

function parseSubmission(input: SubmissionInput) {
	const v = parseSurveyInput(submissionInput, input);
	return { ...v, byStaff: (STAFF_CHANNELS as readonly string[]).includes(v.channel) };
}

/** A worker entering answers must work for the survey's owner or one of its partners; a resident only needs the link. */
async function authorizeEntry(db: Db, actor: Actor, surveyId: string, ctx: AnswerContext, byStaff: boolean): Promise<void> {
	if (!byStaff) return authorize(actor, 'answer', 'survey');
	const policy = { organisationId: ctx.organisationId, partnerOrganisationIds: [] as string[] };
	// Partners only matter when the owner's staff are not the ones asking (read then, not on every submit).
	if (!can(actor, 'enter-answers', 'survey', policy)) {
		policy.partnerOrganisationIds = (await db.selectFrom('survey_partners').select('organisation_id').where('survey_id', '=', surveyId).execute()).map(
			(p) => p.organisation_id
		);
		authorize(actor, 'enter-answers', 'survey', policy);
	}
}

/** The wave a set belongs to: the one open now; a worker typing in paper forms after the close names the wave. */
async function waveOfSet(db: Db, surveyId: string, v: Submission, ctx: AnswerContext, now: Date): Promise<{ wave: WaveRef; estateInWave: boolean }> {
	if (!v.waveId || (ctx.wave && ctx.wave.id === v.waveId)) {
		if (!ctx.wave) throw surveyInvalid('', 'no_open_wave', 'This survey does not take answers now');
		return { wave: ctx.wave, estateInWave: ctx.estateInWave };
	}
	if (!v.byStaff) throw surveyInvalid('', 'no_open_wave', 'This survey does not take answers now');
	const named = await db
		.selectFrom('survey_waves')
		.select(['id', 'number', 'opens_at'])
		.where('id', '=', v.waveId)
		.where('survey_id', '=', surveyId)
		.executeTakeFirst();
	if (!named) throw surveyInvalid('waveId', 'wave_not_found', 'No such wave');
	if (Date.parse(named.opens_at) > now.getTime()) throw surveyInvalid('waveId', 'no_open_wave', 'This wave has not started yet');
	return { wave: named, estateInWave: !!v.estateId && (await estateInWaveOf(db, named.id, v.estateId)) };
}

/** The resident's draft, which may hold the code typed at the start. */
async function draftOfSet(db: Db, surveyId: string, draftToken: string | undefined) {
	if (!draftToken) return undefined;
	return db
		.selectFrom('survey_drafts')
		.select(['token_hash', 'code_hash'])
		.where('token_hash', '=', hashToken(draftToken))
		.where('survey_id', '=', surveyId)
		.executeTakeFirst();
}

/** The code the set comes with (typed now or kept with the draft), and the estate: the code's, or the one named in scope. */
async function codeAndEstate(db: Db, surveyId: string, v: Submission, wave: WaveRef, estateInWave: boolean, draftCodeHash: string | null) {
	const codeHash = v.code ? hashOfTyped(v.code) : draftCodeHash;
	if (v.channel === 'code' && !codeHash) throw surveyInvalid('code', 'code_required', 'Type the code from your letter');
	let estateId: string | null = v.estateId ?? null;
	if (codeHash) estateId = (await usableCode(db, codeHash, surveyId, wave.id)).estate_id;
	else if (estateId && !estateInWave) throw surveyInvalid('estateId', 'estate_not_in_scope', 'This estate is not part of the survey');
	return { codeHash, estateId };
}

async function storeAnswerSet(db: Db, actor: Actor, surveyId: string, input: SubmissionInput, now: Date, options: SubmitOptions): Promise<SubmitResult> {
	const v = parseSubmission(input);
	// Everything that can refuse the set is read and checked before it joins the shared commit: a refused set never
	// makes the others in its batch run again. What must hold at the write (the code still unused) is checked there.
	const ctx = await answerContext(db, surveyId, now, v.estateId ?? null);
	if (!ctx) throw new NotFound('survey', surveyId);
	await authorizeEntry(db, actor, surveyId, ctx, v.byStaff);
	// A set sent again answers as the first time, also once the survey closed. Inside a caller's transaction (paper
	// import) a duplicate insert would end that transaction, so look first; otherwise the unique index on the
	// submission id (or the code found used) catches a resend, and submitAnswerSet answers it.
	const refusedNow = ctx.status === 'draft' || ((!v.byStaff || options.openOnly) && ctx.status !== 'open');
	if (db.isTransaction || refusedNow) {
		const earlier = await replay(db, surveyId, v.submissionId, options.fingerprint);
		if (earlier) return earlier;
	}
	if (refusedNow) throw surveyInvalid('', 'survey_not_open', 'This survey does not take answers now');
	if (!ctx.modes.includes(v.channel)) throw surveyInvalid('channel', 'mode_not_allowed', 'This survey is not answered this way');

	const { wave, estateInWave } = await waveOfSet(db, surveyId, v, ctx, now);
	if (!ctx.version) throw new NotFound('survey-version', surveyId);
	const version = ctx.version;

	const checked = checkAnswers(await structureOf(db, version), v.answers);
	if (checked.issues.length) throw new Invalid(checked.issues);

	const draft = await draftOfSet(db, surveyId, v.draftToken);
	const { codeHash, estateId } = await codeAndEstate(db, surveyId, v, wave, estateInWave, draft?.code_hash ?? null);
	// Many residents answering at once share commits on SQLite; each answer set stays all or nothing.
	return inSharedTransaction(db, (tx) =>
		writeAnswerSet(tx, actor, { surveyId, v, wave, versionId: version.id, estateId, codeHash, draftHash: draft?.token_hash ?? null, checked, now, options })
	);
}

type AnswerSetWrite = {
	surveyId: string;
	v: Submission;
	wave: WaveRef;
	versionId: string;
	estateId: string | null;
	codeHash: string | null;
	draftHash: string | null;
	checked: CheckedAnswers;
	now: Date;
	options: SubmitOptions;
};

/** The writes of one answer set, inside its transaction: the code marked used, the set, its rows and texts, the draft gone, the audit entry. */
async function writeAnswerSet(tx: Db, actor: Actor, w: AnswerSetWrite): Promise<SubmitResult> {
	const { surveyId, v, wave, versionId, estateId, codeHash, checked, now } = w;
	if (codeHash) {
		// Only marked used, in the same transaction as the set is stored; nothing links the two.
		const marked = await tx
			.updateTable('survey_codes')
			.set({ status: 'used' })
			.where('code_hash', '=', codeHash)
			.where('status', '=', 'unused')
			.executeTakeFirst();
		if (Number(marked.numUpdatedRows) !== 1) throw surveyInvalid('code', 'code_used', 'This code was used already');
	}
	const id = newId(now.getTime());
	await tx
		.insertInto('survey_responses')
		.values({
			id,
			survey_id: surveyId,
			wave_id: wave.id,
			version_id: versionId,
			estate_id: estateId,
			channel: v.channel,
			entered_by: v.byStaff && actor.kind === 'staff' ? actor.id : null,
			language: v.language,
			submission_id: v.submissionId,
			submission_fingerprint: w.options.fingerprint ?? null,
			submitted_at: now.toISOString()
		})
		.execute();
	await insertAnswerRows(tx, id, wave.id, estateId, checked, now);
	if (w.draftHash) await tx.deleteFrom('survey_drafts').where('token_hash', '=', w.draftHash).execute();
	if (v.byStaff)
		await audit(tx, actor, {
			action: v.channel === 'paper' ? 'survey_paper_entry' : 'survey_tablet_entry',
			resourceType: 'survey_response',
			resourceId: id,
			summary: `survey ${surveyId} wave ${wave.number}`
		});
	return { responseId: id, replayed: false, waveId: wave.id, versionId, estateId, channel: v.channel };
}

/** One row per answered option or number, one per open text (kept private until a worker publishes it). */
async function insertAnswerRows(tx: Db, responseId: string, waveId: string, estateId: string | null, checked: CheckedAnswers, now: Date): Promise<void> {
	if (checked.rows.length) {
		await tx
			.insertInto('survey_answers')
			.values(
				checked.rows.map((r) => ({
					response_id: responseId,
					wave_id: waveId,
					estate_id: estateId,
					question_key: r.questionKey,
					option_key: r.optionKey,
					number_value: r.numberValue
				}))
			)
			.execute();
	}
	if (checked.texts.length) {
		await tx
			.insertInto('survey_open_answers')
			.values(
				checked.texts.map((t) => ({
					id: newId(now.getTime()),
					response_id: responseId,
					wave_id: waveId,
					estate_id: estateId,
					question_key: t.questionKey,
					part: t.part,
					body: t.body,
					is_public: false
				}))
			)
			.execute();
	}
}
