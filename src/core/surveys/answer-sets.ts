// The answer sets of a wave as a table, one row per set with a column per question (an option column per option of
// a multiple choice, a column per part of a needs block, a column for "other, namely"), for the CSV here and the XLSX
// export. Read page by page, so 100,000 sets never sit in memory as rows of the database. No personal data: a set
// carries its estate, channel, language and day, never a code, a household or the worker who typed it.
import { audit, type Actor } from '../access';
import { estatesInScope } from '../areas';
import type { Db } from '../db';
import { isLocale, translate, type Locale } from '../i18n';
import { csvFile, spreadsheetText } from '../formats';
import { optionsOf } from './figures';
import { NEEDS_PARTS, OTHER, type Question } from './model';
import { allVersions, surveyFor, wavesOf } from './records';
import { questionCatalogue } from './results';

export type Cell = string | number | null;
export type AnswerSetTable = { wave: number; columns: string[]; rows: Cell[][] };

type Answers = { rows: Map<string, Array<{ option: string; value: number | null }>>; texts: Map<string, string> };
type Column = { name: string; cell: (a: Answers) => Cell };

const PAGE = 1000;
const brusselsDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

function columnsOf(q: Question, locale: Locale, labels: boolean): Column[] {
	const rows = (a: Answers) => a.rows.get(q.key) ?? [];
	const text = (part: string) => (a: Answers) => a.texts.get(`${q.key}\u0000${part}`) ?? null;
	const optionName = new Map(optionsOf(q, locale).map((o) => [o.key, labels ? o.label : o.key]));
	switch (q.kind) {
		case 'single_choice':
			return [
				{ name: q.key, cell: (a) => (rows(a)[0] ? (optionName.get(rows(a)[0].option) ?? rows(a)[0].option) : null) },
				...(q.allowOther ? [{ name: `${q.key}_other_text`, cell: text(OTHER) }] : [])
			];
		case 'multiple_choice':
			return [
				...optionsOf(q, locale).map((o) => ({
					name: `${q.key}_${o.key}`,
					// 1 ticked, 0 answered without ticking it, empty when the question was not answered (no rows, not even the count row).
					cell: (a: Answers) => (rows(a).length === 0 ? null : rows(a).some((r) => r.option === o.key) ? 1 : 0)
				})),
				...(q.allowOther ? [{ name: `${q.key}_other_text`, cell: text(OTHER) }] : [])
			];
		case 'yes_no':
			return [
				{
					name: q.key,
					cell: (a) =>
						rows(a)[0] ? (labels ? translate(locale, rows(a)[0].option === 'yes' ? 'surveys.answer_yes' : 'surveys.answer_no') : rows(a)[0].option) : null
				}
			];
		case 'scale':
		case 'number':
			return [{ name: q.key, cell: (a) => rows(a)[0]?.value ?? null }];
		case 'needs_block':
			return NEEDS_PARTS.map((p) => ({ name: `${q.key}_${p}`, cell: text(p) }));
		default:
			return [{ name: q.key, cell: text('') }];
	}
}

/**
 * The answer sets of a wave (the latest that has opened, unless named), one row each, numbered in the order they came
 * in. Options as their label in the locale (`optionValues: 'key'` for the stable keys instead).
 */
export async function answerSetsTable(
	db: Db,
	actor: Actor,
	surveyId: string,
	options: { waveId?: string; locale?: string; optionValues?: 'label' | 'key'; now?: Date } = {}
): Promise<AnswerSetTable> {
	await surveyFor(db, actor, surveyId, 'read-results');
	const locale: Locale = isLocale(options.locale) ? options.locale : 'nl';
	const now = options.now ?? new Date();
	const [waves, versions] = await Promise.all([wavesOf(db, surveyId), allVersions(db, surveyId)]);
	const wave = options.waveId
		? waves.find((w) => w.id === options.waveId)
		: ([...waves].reverse().find((w) => Date.parse(w.opens_at) <= now.getTime()) ?? waves[0]);
	if (!wave) return { wave: 0, columns: [], rows: [] };
	const versionNumber = new Map(versions.map((v) => [v.id, v.number]));
	const questionColumns = questionCatalogue(versions.map((v) => v.structure)).flatMap((c) => columnsOf(c.question, locale, options.optionValues !== 'key'));
	const estateIds = (await db.selectFrom('survey_responses').select('estate_id').distinct().where('wave_id', '=', wave.id).execute()).flatMap((r) =>
		r.estate_id ? [r.estate_id] : []
	);
	const estateName = new Map((await estatesInScope(db, { estateIds })).map((e) => [e.id, e.name]));
	const columns = ['answer_set', 'wave', 'version', 'estate', 'channel', 'language', 'submitted_on', ...questionColumns.map((c) => c.name)];
	const rows: Cell[][] = [];
	let after = '';
	for (;;) {
		const sets = await db
			.selectFrom('survey_responses')
			.select(['id', 'version_id', 'estate_id', 'channel', 'language', 'submitted_at'])
			.where('wave_id', '=', wave.id)
			.where('id', '>', after)
			.orderBy('id')
			.limit(PAGE)
			.execute();
		if (sets.length === 0) break;
		const ids = sets.map((s) => s.id);
		const [answerRows, textRows] = await Promise.all([
			db.selectFrom('survey_answers').select(['response_id', 'question_key', 'option_key', 'number_value']).where('response_id', 'in', ids).execute(),
			db.selectFrom('survey_open_answers').select(['response_id', 'question_key', 'part', 'body']).where('response_id', 'in', ids).execute()
		]);
		const byResponse = new Map<string, Answers>(ids.map((id) => [id, { rows: new Map(), texts: new Map() }]));
		for (const r of answerRows) {
			const a = byResponse.get(r.response_id)!;
			const list = a.rows.get(r.question_key) ?? [];
			list.push({ option: r.option_key, value: r.number_value === null ? null : Number(r.number_value) });
			a.rows.set(r.question_key, list);
		}
		for (const t of textRows) byResponse.get(t.response_id)!.texts.set(`${t.question_key}\u0000${t.part}`, t.body);
		for (const s of sets) {
			const a = byResponse.get(s.id)!;
			rows.push([
				rows.length + 1,
				wave.number,
				versionNumber.get(s.version_id) ?? null,
				s.estate_id ? (estateName.get(s.estate_id) ?? null) : null,
				s.channel,
				s.language,
				brusselsDay.format(new Date(s.submitted_at)),
				...questionColumns.map((c) => c.cell(a))
			]);
		}
		after = sets[sets.length - 1].id;
		if (sets.length < PAGE) break;
	}
	return { wave: wave.number, columns, rows };
}

/** The table as CSV: UTF-8 with a byte order mark (Excel reads the accents), `;` between fields, no cell read as a formula. */
export function answerSetsCsv(table: AnswerSetTable): string {
	const text = (c: Cell) => (typeof c === 'number' ? String(c) : spreadsheetText(c));
	return csvFile([table.columns, ...table.rows.map((r) => r.map(text))]);
}

export async function exportAnswerSetsCsv(
	db: Db,
	actor: Actor,
	surveyId: string,
	options: { waveId?: string; locale?: string; optionValues?: 'label' | 'key'; now?: Date } = {}
): Promise<{ filename: string; csv: string }> {
	const survey = await surveyFor(db, actor, surveyId, 'read-results');
	const table = await answerSetsTable(db, actor, surveyId, options);
	await audit(db, actor, {
		action: 'survey_export',
		resourceType: 'survey',
		resourceId: surveyId,
		summary: `wave ${table.wave}: ${table.rows.length} answer sets`
	});
	return { filename: `${survey.slug}-wave-${table.wave}.csv`, csv: answerSetsCsv(table) };
}
