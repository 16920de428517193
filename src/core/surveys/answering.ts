// Answering, without an account: the survey as a resident sees it, a household code checked at the door, progress
// saved per device (a random draft token the page keeps in a cookie), and the answer set stored whole or not at all.
// A client-made submission id makes a double submit or a tablet's resend store one set. A code is only marked used,
// in the same transaction as the set is stored: nothing links the two. Paper forms and tablet answers carry the
// worker who entered them, and paper entry is audited.
import { sql, type ExpressionBuilder } from 'kysely';
import { audit, authorize, can, type Actor } from '../access';
import { hashToken, newToken } from '../auth';
import type { Db } from '../db';
import { isUniqueViolation, newId } from '../db';
import type { Database, SurveyChannel } from '../db';
import { Invalid, NotFound } from '../errors';
import { checkFingerprint } from '../idempotency';
import { inSharedTransaction } from '../db';
import { checkAnswers } from './answers';
import { hashHouseholdCode, normaliseHouseholdCode } from './codes';
import { parseSurveyInput, surveyInvalid } from './issues';
import {
	DRAFT_DAYS,
	STAFF_CHANNELS,
	draftInput,
	questionsInOrder,
	submissionInput,
	type AnswerMap,
	type DraftInput,
	type Structure,
	type SubmissionInput,
	type SurveyMode,
	type Wording
} from './model';
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

/** `openOnly`: refuse a closed survey also for staff (a tablet's set is taken at the door; paper may come later). */
export type SubmitOptions = {
	openOnly?: boolean;
	/** A fingerprint of the set (core/idempotency), kept with its submission id: other answers under that id are refused. */
	fingerprint?: string;
};

export type SubmitResult = { responseId: string; replayed: boolean; waveId: string; versionId: string; estateId: string | null; channel: SurveyChannel };

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

type CodeRow = { code_hash: string; survey_id: string; wave_id: string; estate_id: string | null; status: string };

/** Finds a code for a survey and wave, or says clearly why it cannot be used (unknown, used, void, another survey or wave). */
async function usableCode(db: Db, codeHash: string, surveyId: string | null, waveId: string | null): Promise<CodeRow> {
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

function hashOfTyped(code: string): string {
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

async function estateInWaveOf(db: Db, waveId: string, estateId: string): Promise<boolean> {
	return !!(await db.selectFrom('survey_wave_estates').select('estate_id').where('wave_id', '=', waveId).where('estate_id', '=', estateId).executeTakeFirst());
}

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

/**
 * What storing an answer set needs to know, in one read: the survey (owner, status, modes), the wave open at `now`,
 * the head version (its structure comes from the cache while it is unchanged) and whether the estate named is in that
 * wave. Every submit pays for this read, so it is one statement instead of five; the version's columns come from the
 * `survey_versions_head` index alone (the row itself carries the structure, pages long).
 */
async function answerContext(db: Db, surveyId: string, now: Date, estateId: string | null) {
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

/** The structure of a version whose id and last change are known, from the cache or read once. */
async function structureOf(db: Db, version: { id: string; updatedAt: string }): Promise<Structure> {
	const cached = structures.get(version.id);
	if (cached && cached.updatedAt === version.updatedAt) return cached.structure;
	const row = await db.selectFrom('survey_versions').select(['structure', 'updated_at']).where('id', '=', version.id).executeTakeFirstOrThrow();
	const structure = row.structure as Structure;
	if (structures.size > 200) structures.delete(structures.keys().next().value!);
	structures.set(version.id, { updatedAt: row.updated_at, structure });
	return structure;
}

async function storeAnswerSet(db: Db, actor: Actor, surveyId: string, input: SubmissionInput, now: Date, options: SubmitOptions): Promise<SubmitResult> {
	const v = parseSurveyInput(submissionInput, input);
	const byStaff = (STAFF_CHANNELS as readonly string[]).includes(v.channel);
	// Everything that can refuse the set is read and checked before it joins the shared commit: a refused set never
	// makes the others in its batch run again. What must hold at the write (the code still unused) is checked there.
	const ctx = await answerContext(db, surveyId, now, v.estateId ?? null);
	if (!ctx) throw new NotFound('survey', surveyId);
	if (byStaff) {
		const policy = { organisationId: ctx.organisationId, partnerOrganisationIds: [] as string[] };
		// Partners only matter when the owner's staff are not the ones asking (read then, not on every submit).
		if (!can(actor, 'enter-answers', 'survey', policy)) {
			policy.partnerOrganisationIds = (await db.selectFrom('survey_partners').select('organisation_id').where('survey_id', '=', surveyId).execute()).map(
				(p) => p.organisation_id
			);
			authorize(actor, 'enter-answers', 'survey', policy);
		}
	} else authorize(actor, 'answer', 'survey');
	// A set sent again answers as the first time, also once the survey closed. Inside a caller's transaction (paper
	// import) a duplicate insert would end that transaction, so look first; otherwise the unique index on the
	// submission id (or the code found used) catches a resend, and submitAnswerSet answers it.
	const refusedNow = ctx.status === 'draft' || ((!byStaff || options.openOnly) && ctx.status !== 'open');
	if (db.isTransaction || refusedNow) {
		const earlier = await replay(db, surveyId, v.submissionId, options.fingerprint);
		if (earlier) return earlier;
	}
	if (refusedNow) throw surveyInvalid('', 'survey_not_open', 'This survey does not take answers now');
	if (!ctx.modes.includes(v.channel)) throw surveyInvalid('channel', 'mode_not_allowed', 'This survey is not answered this way');

	// The wave: the one open now; a worker typing in paper forms after the close names the wave they belong to.
	let wave: { id: string; number: number } | null = ctx.wave;
	let estateInWave = ctx.estateInWave;
	if (v.waveId && (!wave || wave.id !== v.waveId)) {
		if (!byStaff) throw surveyInvalid('', 'no_open_wave', 'This survey does not take answers now');
		const named = await db
			.selectFrom('survey_waves')
			.select(['id', 'number', 'opens_at'])
			.where('id', '=', v.waveId)
			.where('survey_id', '=', surveyId)
			.executeTakeFirst();
		if (!named) throw surveyInvalid('waveId', 'wave_not_found', 'No such wave');
		if (Date.parse(named.opens_at) > now.getTime()) throw surveyInvalid('waveId', 'no_open_wave', 'This wave has not started yet');
		wave = named;
		estateInWave = !!v.estateId && (await estateInWaveOf(db, named.id, v.estateId));
	}
	if (!wave) throw surveyInvalid('', 'no_open_wave', 'This survey does not take answers now');
	if (!ctx.version) throw new NotFound('survey-version', surveyId);
	const version = ctx.version;

	const checked = checkAnswers(await structureOf(db, version), v.answers);
	if (checked.issues.length) throw new Invalid(checked.issues);

	// The draft may hold the code typed at the start.
	const draft = v.draftToken
		? await db
				.selectFrom('survey_drafts')
				.select(['token_hash', 'code_hash'])
				.where('token_hash', '=', hashToken(v.draftToken))
				.where('survey_id', '=', surveyId)
				.executeTakeFirst()
		: undefined;
	const codeHash = v.code ? hashOfTyped(v.code) : (draft?.code_hash ?? null);
	if (v.channel === 'code' && !codeHash) throw surveyInvalid('code', 'code_required', 'Type the code from your letter');
	let estateId: string | null = v.estateId ?? null;
	if (codeHash) estateId = (await usableCode(db, codeHash, surveyId, wave.id)).estate_id;
	else if (estateId && !estateInWave) throw surveyInvalid('estateId', 'estate_not_in_scope', 'This estate is not part of the survey');

	const waveId = wave.id;
	const waveNumber = wave.number;
	// Many residents answering at once share commits on SQLite; each answer set stays all or nothing.
	return inSharedTransaction(db, async (tx) => {
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
				wave_id: waveId,
				version_id: version.id,
				estate_id: estateId,
				channel: v.channel,
				entered_by: byStaff && actor.kind === 'staff' ? actor.id : null,
				language: v.language,
				submission_id: v.submissionId,
				submission_fingerprint: options.fingerprint ?? null,
				submitted_at: now.toISOString()
			})
			.execute();
		if (checked.rows.length) {
			await tx
				.insertInto('survey_answers')
				.values(
					checked.rows.map((r) => ({
						response_id: id,
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
						response_id: id,
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
		if (draft) await tx.deleteFrom('survey_drafts').where('token_hash', '=', draft.token_hash).execute();
		if (byStaff)
			await audit(tx, actor, {
				action: v.channel === 'paper' ? 'survey_paper_entry' : 'survey_tablet_entry',
				resourceType: 'survey_response',
				resourceId: id,
				summary: `survey ${surveyId} wave ${waveNumber}`
			});
		return { responseId: id, replayed: false, waveId, versionId: version.id, estateId, channel: v.channel };
	});
}

// --- Drafts -------------------------------------------------------------------------------------------------------

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

/** Drafts nobody came back to (30 days after the last save) are removed; for the periodic sweeps. */
export async function sweepSurveyDrafts(db: Db, now = new Date()): Promise<number> {
	const result = await db.deleteFrom('survey_drafts').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
	return Number(result.numDeletedRows);
}
