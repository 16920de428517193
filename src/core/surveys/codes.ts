// One-time household codes: one per household in scope and wave, printed on a letter, typed by the resident (or
// read from the letter's QR code). Only a hash of the code is stored, with its estate and whether it was used: no
// household, no time of use, no answer set. Which households got a letter is kept in a table of its own, written in
// another order, so a code cannot be found back to a household either. The code itself is shown once, at generation.
import { createHash, randomInt } from 'node:crypto';
import { audit, authorize, can, type Actor } from '../access';
import { inTransaction, type Db } from '../db';
import { newId } from '../db';
import type { SurveyCodeStatus } from '../db';
import { householdsLivingOn } from '../people';
import { keptLetterRuns, LETTERS_KEPT_HOURS, lettersKeyCheck, sealLetters, type LetterSheet } from './code-letters';
import { surveyInvalid } from './issues';
import { loadWave, modesOf, surveyEstates, surveyFor } from './records';

/**
 * Letters and digits nobody mixes up when reading a letter aloud or typing it on a phone: no 0/O/Q/D, 1/I/L/J,
 * 2/Z, 5/S, 6/G, 8/B, U/V. 8 of these 18 give 11 billion codes.
 */
export const CODE_ALPHABET = 'ACEFHKMNPRTWXY3479';
export const CODE_LENGTH = 8;

/** "K7MX-P3RA": two groups of four, easy to read out and type. */
export function newHouseholdCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** "k7mx p3ra", "K7MX-P3RA" and "K7MXP3RA" are the same code; anything else with other characters is no code. */
export function normaliseHouseholdCode(input: string): string | null {
	const raw = input.toUpperCase().replace(/[\s\-.]/g, '');
	if (raw.length !== CODE_LENGTH || [...raw].some((c) => !CODE_ALPHABET.includes(c))) return null;
	return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** What is stored of a code: a hash, never the code. */
export const hashHouseholdCode = (normalised: string): string => createHash('sha256').update(`survey-code:${normalised}`).digest('hex');

/** What a letter needs, for the letters module (renderCodeLetters): the code, the link with it, where it goes. */
export type CodeLetter = { code: string; url: string; addressLabel: string; estateName: string };

function addressLabel(h: { street: string; houseNumber: string; box: string | null; postalCode: string }, town: string | null): string {
	return `${h.street} ${h.houseNumber}${h.box ? ` bus ${h.box}` : ''}\n${h.postalCode}${town ? ` ${town}` : ''}`;
}

const CHUNK = 500;

/**
 * Makes a code for every household living on the survey's estates (or some of them) that has none yet in this wave,
 * as one print run (batch). Returns the letters, sorted by estate and address, with the code in the clear: this is
 * the only moment it exists; print it, then let it go. With `keep`, the letters are also kept for a day, sealed with
 * the session's key (see code-letters.ts), in the same transaction: a run is never made without its letters.
 */
export async function generateHouseholdCodes(
	db: Db,
	actor: Actor,
	input: { surveyId: string; waveId: string; estateIds?: readonly string[]; link: (code: string) => string; keep?: { key: Uint8Array; sheet: LetterSheet } },
	now = new Date()
): Promise<{ batchId: string | null; letters: CodeLetter[]; skipped: number }> {
	const survey = await surveyFor(db, actor, input.surveyId, 'update');
	if (!modesOf(survey).includes('code')) throw surveyInvalid('', 'codes_not_enabled', 'This survey does not use household codes');
	return inTransaction(db, async (tx) => {
		const wave = await loadWave(tx, survey.id, input.waveId);
		const estates = (await surveyEstates(tx, survey.id)).filter((e) => !input.estateIds || input.estateIds.includes(e.id));
		const { households, todo } = await householdsWithoutCode(
			tx,
			wave.id,
			estates.map((e) => e.id),
			now
		);
		if (todo.length === 0) return { batchId: null, letters: [], skipped: households.length };
		const codes = await drawFreshCodes(tx, todo.length);
		const pairs = [...codes.entries()].map(([hash, code], i) => ({ hash, code, household: todo[i] }));
		const batchId = await writePrintRun(tx, actor, { surveyId: survey.id, waveId: wave.id }, pairs, now);
		await audit(tx, actor, {
			action: 'survey_codes_generate',
			resourceType: 'survey',
			resourceId: survey.id,
			summary: `wave ${wave.number}: ${todo.length} codes`
		});
		const letters = lettersFor(pairs, estates, input.link);
		if (input.keep) await keepLetters(tx, batchId, input.keep, letters, now);
		return { batchId, letters, skipped: households.length - todo.length };
	});
}

type Household = Awaited<ReturnType<typeof householdsLivingOn>>[number];
type CodePair = { hash: string; code: string; household: Household };

/** The households living on the estates now, and those of them that got no code in this wave yet. */
async function householdsWithoutCode(tx: Db, waveId: string, estateIds: string[], now: Date): Promise<{ households: Household[]; todo: Household[] }> {
	const households = await householdsLivingOn(tx, estateIds, now);
	const already = new Set(
		households.length
			? (await tx.selectFrom('survey_code_recipients').select('household_id').where('wave_id', '=', waveId).execute()).map((r) => r.household_id)
			: []
	);
	return { households, todo: households.filter((h) => !already.has(h.householdId)) };
}

/** `count` new codes, keyed by their hash, none of them used by an earlier print run (of any survey). */
async function drawFreshCodes(tx: Db, count: number): Promise<Map<string, string>> {
	const codes = new Map<string, string>();
	while (codes.size < count) {
		const wanted = count - codes.size;
		const fresh = new Map<string, string>();
		for (let i = 0; i < wanted; i++) {
			const code = newHouseholdCode();
			const hash = hashHouseholdCode(code);
			if (!codes.has(hash)) fresh.set(hash, code);
		}
		// A code already used by an earlier print run (of any survey) is drawn again.
		for (let i = 0; i < fresh.size; i += CHUNK) {
			const hashes = [...fresh.keys()].slice(i, i + CHUNK);
			for (const r of await tx.selectFrom('survey_codes').select('code_hash').where('code_hash', 'in', hashes).execute()) fresh.delete(r.code_hash);
		}
		for (const [hash, code] of fresh) if (codes.size < count) codes.set(hash, code);
	}
	return codes;
}

/** Writes the print run: its batch, its codes (hashed) and which households got one; returns the batch's id. */
async function writePrintRun(tx: Db, actor: Actor, of: { surveyId: string; waveId: string }, pairs: CodePair[], now: Date): Promise<string> {
	const batchId = newId(now.getTime());
	await tx
		.insertInto('survey_code_batches')
		.values({
			id: batchId,
			wave_id: of.waveId,
			households: pairs.length,
			created_by: actor.kind === 'staff' ? actor.id : null,
			created_at: now.toISOString(),
			voided_at: null
		})
		.execute();
	// Codes go in ordered by their hash (random), recipients by household: neither order tells the other.
	const codeRows = pairs
		.map((p) => ({
			code_hash: p.hash,
			survey_id: of.surveyId,
			wave_id: of.waveId,
			batch_id: batchId,
			estate_id: p.household.estateId,
			status: 'unused' as SurveyCodeStatus
		}))
		.sort((a, b) => (a.code_hash < b.code_hash ? -1 : 1));
	for (let i = 0; i < codeRows.length; i += CHUNK)
		await tx
			.insertInto('survey_codes')
			.values(codeRows.slice(i, i + CHUNK))
			.execute();
	const recipientRows = pairs
		.map((p) => ({ wave_id: of.waveId, household_id: p.household.householdId, batch_id: batchId }))
		.sort((a, b) => (a.household_id < b.household_id ? -1 : 1));
	for (let i = 0; i < recipientRows.length; i += CHUNK)
		await tx
			.insertInto('survey_code_recipients')
			.values(recipientRows.slice(i, i + CHUNK))
			.execute();
	return batchId;
}

/** The letters in the order a worker hands them out: per estate, street by street, house by house. */
function lettersFor(pairs: CodePair[], estates: Array<{ id: string; name: string; town: string | null }>, link: (code: string) => string): CodeLetter[] {
	const byEstate = new Map(estates.map((e) => [e.id, e]));
	const letters = pairs.map((p) => {
		const estate = byEstate.get(p.household.estateId);
		return { code: p.code, url: link(p.code), addressLabel: addressLabel(p.household, estate?.town ?? null), estateName: estate?.name ?? '' };
	});
	letters.sort((a, b) => a.estateName.localeCompare(b.estateName, 'nl') || a.addressLabel.localeCompare(b.addressLabel, 'nl', { numeric: true }));
	return letters;
}

/** Keeps the run's letters for a day, sealed with the session's key (code-letters.ts). */
async function keepLetters(tx: Db, batchId: string, keep: { key: Uint8Array; sheet: LetterSheet }, letters: CodeLetter[], now: Date): Promise<void> {
	const expires = new Date(now.getTime() + LETTERS_KEPT_HOURS * 3600_000).toISOString();
	await tx
		.insertInto('survey_code_letters')
		.values({
			batch_id: batchId,
			key_check: lettersKeyCheck(keep.key),
			sealed: sealLetters(keep.key, { sheet: keep.sheet, letters }),
			expires_at: expires
		})
		.execute();
}

/**
 * A print run that went wrong (lost, misprinted): its unused codes stop working and its households may get a new
 * code. A code of the run that was used already cannot be told apart by household, so those households may get a
 * second one: the answer says how many were used.
 */
export async function voidCodeBatch(db: Db, actor: Actor, surveyId: string, batchId: string, now = new Date()): Promise<{ voided: number; used: number }> {
	const survey = await surveyFor(db, actor, surveyId, 'update');
	return inTransaction(db, async (tx) => {
		const batch = await tx
			.selectFrom('survey_code_batches as b')
			.innerJoin('survey_waves as w', 'w.id', 'b.wave_id')
			.select(['b.id', 'b.voided_at', 'w.number'])
			.where('b.id', '=', batchId)
			.where('w.survey_id', '=', survey.id)
			.executeTakeFirst();
		if (!batch) throw surveyInvalid('batchId', 'not_found', 'No such print run');
		if (batch.voided_at) throw surveyInvalid('batchId', 'batch_voided', 'This print run was voided already');
		const voided = await tx
			.updateTable('survey_codes')
			.set({ status: 'void' })
			.where('batch_id', '=', batchId)
			.where('status', '=', 'unused')
			.executeTakeFirst();
		const used = await tx
			.selectFrom('survey_codes')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('batch_id', '=', batchId)
			.where('status', '=', 'used')
			.executeTakeFirstOrThrow();
		await tx.deleteFrom('survey_code_recipients').where('batch_id', '=', batchId).execute();
		await tx.deleteFrom('survey_code_letters').where('batch_id', '=', batchId).execute();
		await tx.updateTable('survey_code_batches').set({ voided_at: now.toISOString() }).where('id', '=', batchId).execute();
		await audit(tx, actor, {
			action: 'survey_codes_void',
			resourceType: 'survey',
			resourceId: survey.id,
			summary: `wave ${batch.number}: ${Number(voided.numUpdatedRows)} codes voided`
		});
		return { voided: Number(voided.numUpdatedRows), used: Number(used.n) };
	});
}

/** `lettersUntil`: until when this session can download the run's letters (only when its key was given). */
export type CodeBatchSummary = { id: string; createdAt: string; households: number; voidedAt: string | null; lettersUntil: string | null };
export type CodeCounts = { estateId: string | null; unused: number; used: number; void: number };

/**
 * Print runs of a wave and how many codes per estate are still open, used or void; with the session's letters key
 * (for who may change the survey), which runs' letters it can still download.
 */
export async function codeOverview(
	db: Db,
	actor: Actor,
	surveyId: string,
	waveId: string,
	options: { lettersKey?: Uint8Array; now?: Date } = {}
): Promise<{ batches: CodeBatchSummary[]; estates: CodeCounts[] }> {
	const survey = await surveyFor(db, actor, surveyId, 'read');
	authorize(actor, 'read-results', 'survey', survey.ctx);
	const wave = await loadWave(db, survey.id, waveId);
	const kept =
		options.lettersKey && can(actor, 'update', 'survey', survey.ctx)
			? await keptLetterRuns(db, wave.id, options.lettersKey, options.now)
			: new Map<string, string>();
	const batches = await db
		.selectFrom('survey_code_batches')
		.select(['id', 'created_at', 'households', 'voided_at'])
		.where('wave_id', '=', wave.id)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	const rows = await db
		.selectFrom('survey_codes')
		.select(['estate_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
		.where('wave_id', '=', wave.id)
		.groupBy(['estate_id', 'status'])
		.execute();
	const estates = new Map<string | null, CodeCounts>();
	for (const r of rows) {
		const c = estates.get(r.estate_id) ?? { estateId: r.estate_id, unused: 0, used: 0, void: 0 };
		c[r.status] = Number(r.n);
		estates.set(r.estate_id, c);
	}
	return {
		batches: batches.map((b) => ({ id: b.id, createdAt: b.created_at, households: b.households, voidedAt: b.voided_at, lettersUntil: kept.get(b.id) ?? null })),
		estates: [...estates.values()]
	};
}
