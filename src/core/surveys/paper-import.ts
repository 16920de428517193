// Paper forms typed into a spreadsheet and uploaded at once: one row per form, a column per question as in the
// answer set export (an option column per option of a multiple choice, a column per part of a needs block), plus the
// form's number, estate, language and household code. Every bad row is reported with its line number and what is
// wrong; nothing is stored unless every row is good. The form number (or the file and line) makes the upload safe
// to repeat: a form stored before is not stored again.
import { createHash } from 'node:crypto';
import { LANGUAGE_CODE } from '../validation';
import { audit, type Actor } from '../access';
import { inTransaction, type Db } from '../db';
import type { FieldIssue } from '../errors';
import { parseCsv, unprotectedText, type CsvRecord } from '../formats';
import { checkAnswers } from './answers';
import { submitAnswerSet } from './submission';
import { hashHouseholdCode, normaliseHouseholdCode } from './codes';
import { NEEDS_PARTS, OTHER, type AnswerMap, type Question, type Structure, type Wording } from './model';
import { latestVersion, loadWave, openWave, surveyEstates, surveyFor, wavesOf } from './records';

export const PAPER_META_COLUMNS = ['form', 'estate', 'language', 'code'] as const;
export const PAPER_IMPORT_MAX_ROWS = 5_000;

export type PaperRowIssue = { line: number; column: string; code: string; messageKey: string; params?: Record<string, unknown> };
export type PaperImportResult = {
	outcome: 'stored' | 'dry_run' | 'rejected';
	/** Forms in the file. */
	rows: number;
	stored: number;
	/** Forms stored by an earlier upload of the same form (number). */
	alreadyStored: number;
	issues: PaperRowIssue[];
};

/** A column puts its cell into the answer map the answering rules check; it returns a code for a cell it cannot read. */
type Column = { name: string; read: (value: string, answers: AnswerMap) => string | void };

const TICKED = new Set(['1', 'x', 'ja', 'yes', 'oui', 'true', 'waar', '✓', 'v']);
const UNTICKED = new Set(['', '0', 'nee', 'no', 'non', 'false', 'onwaar']);
const YES = new Set(['ja', 'yes', 'oui', '1', 'true', 'j', 'y']);
const NO = new Set(['nee', 'no', 'non', '0', 'false', 'n']);
/** A cell our own CSV export protected against formulas ("'=…") reads back as it was typed. */
const cellText = (v: string) => unprotectedText(v).trim();
const labelsOf = (w: Wording) =>
	Object.values(w)
		.flatMap((t) => [t.text, t.easy ?? ''])
		.filter(Boolean)
		.map((t) => t.trim().toLowerCase());

/** The columns of one question, each putting its cell into the answer map the answering rules check. */
function columnsOf(q: Question): Column[] {
	switch (q.kind) {
		case 'single_choice':
			return [
				{
					name: q.key,
					read: (v, a) => {
						if (!v) return;
						const wanted = v.toLowerCase();
						const option = q.options.find((o) => o.key === v || labelsOf(o.label).includes(wanted));
						const prior = (a[q.key] as { other?: string } | undefined) ?? {};
						a[q.key] = { ...prior, choice: option ? option.key : ['other', 'iets anders', 'autre chose', 'something else'].includes(wanted) ? OTHER : v };
					}
				},
				...(q.allowOther
					? [{ name: `${q.key}_other_text`, read: (v: string, a: AnswerMap) => void (v && (a[q.key] = { ...((a[q.key] as object) ?? {}), other: v })) }]
					: [])
			];
		case 'multiple_choice':
			return [
				...[...q.options.map((o) => o.key), ...(q.allowOther ? [OTHER] : [])].map((key) => ({
					name: `${q.key}_${key}`,
					read: (v: string, a: AnswerMap) => {
						const prior = (a[q.key] as { choices?: string[]; other?: string } | undefined) ?? {};
						const cell = v.toLowerCase();
						// A tick is 1, x, ja …; empty, 0 or nee is none; anything else is not understood.
						if (!TICKED.has(cell) && !UNTICKED.has(cell)) return 'not_a_tick';
						if (TICKED.has(cell)) a[q.key] = { ...prior, choices: [...(prior.choices ?? []), key] };
					}
				})),
				...(q.allowOther
					? [{ name: `${q.key}_other_text`, read: (v: string, a: AnswerMap) => void (v && (a[q.key] = { ...((a[q.key] as object) ?? {}), other: v })) }]
					: [])
			];
		case 'yes_no':
			return [{ name: q.key, read: (v, a) => void (v && (a[q.key] = YES.has(v.toLowerCase()) ? 'yes' : NO.has(v.toLowerCase()) ? 'no' : v)) }];
		case 'needs_block':
			return NEEDS_PARTS.map((part) => ({
				name: `${q.key}_${part}`,
				read: (v: string, a: AnswerMap) => void (v && (a[q.key] = { ...((a[q.key] as object) ?? {}), [part]: v }))
			}));
		default:
			return [{ name: q.key, read: (v, a) => void (v && (a[q.key] = v)) }];
	}
}

/** The header of an empty sheet for typing in paper forms of the survey's current version. */
export async function paperImportColumns(db: Db, actor: Actor, surveyId: string): Promise<string[]> {
	await surveyFor(db, actor, surveyId, 'enter-answers');
	const version = await latestVersion(db, surveyId);
	return [...PAPER_META_COLUMNS, ...version.structure.sections.flatMap((s) => s.questions.flatMap((q) => columnsOf(q).map((c) => c.name)))];
}

/** A submission id made from what identifies the form, so the same form uploaded again is recognised. */
function submissionIdOf(surveyId: string, key: string): string {
	const h = createHash('sha256').update(`paper:${surveyId}:${key}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const columnOf = (issue: FieldIssue, names: ReadonlySet<string>): string => {
	const [, key, part] = issue.path.split('.');
	if (!key) return issue.path;
	if (part && names.has(`${key}_${part}`)) return `${key}_${part}`;
	if (part === OTHER && names.has(`${key}_other_text`)) return `${key}_other_text`;
	return key;
};

/**
 * Reads a CSV of paper forms (`;`, `,` or tab; UTF-8 with or without BOM) and stores one answer set per row as typed
 * in by the worker (channel paper, audited), in the wave open now or the one named. All rows are checked first; with
 * any problem nothing is stored and every problem is listed by line and column. `dryRun` only checks.
 */
export async function importPaperAnswers(
	db: Db,
	actor: Actor,
	surveyId: string,
	input: { text: string; waveId?: string; dryRun?: boolean },
	now = new Date()
): Promise<PaperImportResult> {
	const survey = await surveyFor(db, actor, surveyId, 'enter-answers');
	const issues: PaperRowIssue[] = [];
	const add: AddIssue = (line, column, code, params) => issues.push({ line, column, code, messageKey: `surveys.${code}`, ...(params ? { params } : {}) });
	const { records, errors } = parseCsv(input.text);
	for (const e of errors) add(e.line, '', 'unterminated_quote');
	const [header, ...rows] = records;
	if (!header || rows.length === 0) {
		add(1, '', 'empty_file');
		return { outcome: 'rejected', rows: 0, stored: 0, alreadyStored: 0, issues };
	}
	const rejected = (): PaperImportResult => ({ outcome: 'rejected', rows: rows.length, stored: 0, alreadyStored: 0, issues });
	if (rows.length > PAPER_IMPORT_MAX_ROWS) {
		add(1, '', 'too_many_rows', { maximum: PAPER_IMPORT_MAX_ROWS });
		return rejected();
	}
	const version = await latestVersion(db, surveyId);
	const sheet = readHeader(version.structure, header, add);
	if (issues.length) return rejected();

	const wave = await waveOfImport(db, surveyId, input.waveId, now);
	if (!wave) {
		add(1, '', 'no_open_wave');
		return rejected();
	}
	const context: FormContext = {
		...sheet,
		surveyId,
		waveId: wave.id,
		estateByName: await estatesByName(db, surveyId),
		fileHash: createHash('sha256').update(input.text).digest('hex').slice(0, 16),
		seenForms: new Map(),
		seenCodes: new Map(),
		add
	};
	const forms: PaperForm[] = [];
	for (const row of rows) {
		const before = issues.length;
		const form = await readForm(db, context, row);
		if (issues.length === before) forms.push(form);
	}
	const earlier = await storedBefore(
		db,
		forms.map((f) => f.submissionId)
	);
	await checkCodesUnused(db, forms, earlier, add);
	issues.sort((a, b) => a.line - b.line);
	if (issues.length) return rejected();
	const alreadyStored = forms.filter((f) => earlier.has(f.submissionId)).length;
	if (input.dryRun) return { outcome: 'dry_run', rows: rows.length, stored: 0, alreadyStored, issues };
	await storeForms(
		db,
		actor,
		survey.id,
		wave,
		forms.filter((f) => !earlier.has(f.submissionId)),
		now
	);
	return { outcome: 'stored', rows: rows.length, stored: forms.length - alreadyStored, alreadyStored, issues };
}

type AddIssue = (line: number, column: string, code: string, params?: Record<string, unknown>) => void;
type Sheet = { structure: Structure; names: string[]; columns: Map<string, Column>; columnNames: ReadonlySet<string> };
/** What reading a row needs: the sheet, the survey and wave, and what earlier rows used (to find a form or code twice). */
type FormContext = Sheet & {
	surveyId: string;
	waveId: string;
	estateByName: Map<string, string>;
	fileHash: string;
	seenForms: Map<string, number>;
	seenCodes: Map<string, number>;
	add: AddIssue;
};

/** The header's column names, each a meta column or a column of the current version's questions (else an issue). */
function readHeader(structure: Structure, header: CsvRecord, add: AddIssue): Sheet {
	const columns = new Map(structure.sections.flatMap((s) => s.questions.flatMap((q) => columnsOf(q))).map((c) => [c.name, c]));
	const names = header.fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
	for (const name of names)
		if (name && !columns.has(name) && !(PAPER_META_COLUMNS as readonly string[]).includes(name)) add(header.line, name, 'unknown_column', { column: name });
	return { structure, names, columns, columnNames: new Set(columns.keys()) };
}

/** The survey's estates by their name (any case) and by their slug, as a worker may type either. */
async function estatesByName(db: Db, surveyId: string): Promise<Map<string, string>> {
	const estates = await surveyEstates(db, surveyId);
	return new Map(
		estates.flatMap(
			(e) =>
				[
					[e.name.toLowerCase(), e.id],
					[e.slug, e.id]
				] as const
		)
	);
}

/** One row read into a form: its answers checked, its estate, language, form number and code; every problem added. */
async function readForm(db: Db, c: FormContext, row: CsvRecord): Promise<PaperForm> {
	const { names, add } = c;
	const cell = (name: string) => cellText(row.fields[names.indexOf(name)] ?? '');
	const answers: AnswerMap = {};
	names.forEach((name, i) => {
		const problem = c.columns.get(name)?.read(cellText(row.fields[i] ?? ''), answers);
		if (problem) add(row.line, name, problem);
	});
	const checked = checkAnswers(c.structure, answers);
	for (const issue of checked.issues) add(row.line, columnOf(issue, c.columnNames), issue.code, issue.params);
	const estateName = cell('estate');
	const estateId = estateName ? c.estateByName.get(estateName.toLowerCase()) : undefined;
	if (estateName && !estateId) add(row.line, 'estate', 'estate_not_in_scope', { estate: estateName });
	const language = cell('language').toLowerCase() || 'nl';
	if (!LANGUAGE_CODE.test(language)) add(row.line, 'language', 'invalid_language');
	const form = cell('form');
	if (form && c.seenForms.has(form)) add(row.line, 'form', 'duplicate_form', { line: c.seenForms.get(form)! });
	if (form) c.seenForms.set(form, row.line);
	const code = await codeOfRow(db, c.surveyId, c.waveId, cell('code'), row.line, c.seenCodes, add);
	return {
		line: row.line,
		submissionId: submissionIdOf(c.surveyId, form ? `form:${form}` : `file:${c.fileHash}:${row.line}`),
		estateId,
		language,
		code,
		answers
	};
}

/** A code used already is an error only for a form not stored before. */
async function checkCodesUnused(db: Db, forms: PaperForm[], earlier: Set<string>, add: AddIssue): Promise<void> {
	for (const f of forms) {
		if (!f.code || earlier.has(f.submissionId)) continue;
		const status = await db.selectFrom('survey_codes').select('status').where('code_hash', '=', hashHouseholdCode(f.code)).executeTakeFirst();
		if (status?.status === 'used') add(f.line, 'code', 'code_used');
	}
}

type PaperForm = { line: number; submissionId: string; estateId?: string; language: string; code?: string; answers: AnswerMap };

/** The wave named, else the one open now, else the last one that has opened (forms typed in after the close). */
async function waveOfImport(db: Db, surveyId: string, waveId: string | undefined, now: Date) {
	return waveId
		? await loadWave(db, surveyId, waveId)
		: ((await openWave(db, surveyId, now)) ?? (await wavesOf(db, surveyId)).filter((w) => Date.parse(w.opens_at) <= now.getTime()).pop());
}

/** The household code of a row, checked: known for this survey and wave, not void, not twice in the file. */
async function codeOfRow(
	db: Db,
	surveyId: string,
	waveId: string,
	typed: string,
	line: number,
	seenCodes: Map<string, number>,
	add: AddIssue
): Promise<string | undefined> {
	if (!typed) return undefined;
	const normalised = normaliseHouseholdCode(typed);
	const found = normalised
		? await db
				.selectFrom('survey_codes')
				.select(['status', 'wave_id'])
				.where('code_hash', '=', hashHouseholdCode(normalised))
				.where('survey_id', '=', surveyId)
				.executeTakeFirst()
		: undefined;
	if (!normalised || !found) add(line, 'code', 'unknown_code');
	else if (found.wave_id !== waveId) add(line, 'code', 'code_other_wave');
	else if (found.status === 'void') add(line, 'code', 'code_void');
	else if (seenCodes.has(normalised)) add(line, 'code', 'duplicate_code', { line: seenCodes.get(normalised)! });
	if (normalised) seenCodes.set(normalised, line);
	// A used code is refused later by the store, unless this same form was stored before (an upload repeated).
	return normalised ?? undefined;
}

/** The submission ids among these that were stored already (an upload repeated). */
async function storedBefore(db: Db, submissionIds: string[]): Promise<Set<string>> {
	if (!submissionIds.length) return new Set();
	const rows = await db.selectFrom('survey_responses').select('submission_id').where('submission_id', 'in', submissionIds).execute();
	return new Set(rows.map((r) => r.submission_id));
}

/** The new forms stored in one transaction, with one audit entry for the import. */
async function storeForms(db: Db, actor: Actor, surveyId: string, wave: { id: string; number: number }, forms: PaperForm[], now: Date): Promise<void> {
	await inTransaction(db, async (tx) => {
		for (const f of forms)
			await submitAnswerSet(
				tx,
				actor,
				surveyId,
				{ submissionId: f.submissionId, channel: 'paper', waveId: wave.id, estateId: f.estateId, language: f.language, code: f.code, answers: f.answers },
				now
			);
		await audit(tx, actor, {
			action: 'survey_paper_import',
			resourceType: 'survey',
			resourceId: surveyId,
			summary: `wave ${wave.number}: ${forms.length} forms`
		});
	});
}
