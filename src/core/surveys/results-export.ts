// The XLSX export of a wave's results for partner meetings: sheet 1 the answer sets (one row each, as the CSV), sheet
// 2 the figures per question and estate (answered, count and share per option, mean and median), both from the same
// reads as the results page. No personal data: the answer sets carry no code, household or worker.
import { audit, type Actor } from '../access';
import type { Db } from '../db';
import { isLocale, translate, type Locale } from '../i18n';
import { writeXlsx, type XlsxCell } from '../formats';
import { answerSetsTable } from './answer-sets';
import type { QuestionFigures } from './figures';
import { surveyFor } from './records';
import { surveyResults, type WaveResults } from './results';

/** Sheet 2's rows: per question, per group (all estates first, then each estate), a row per option (or one row). */
export function figureRows(results: WaveResults, locale: Locale): XlsxCell[][] {
	const all = translate(locale, 'survey_results.all_estates');
	const rows: XlsxCell[][] = [];
	const push = (q: WaveResults['questions'][number], group: string, f: QuestionFigures) => {
		if (f.options.length === 0) rows.push([q.key, q.label, group, f.answered, null, null, null, f.mean, f.median]);
		for (const o of f.options) rows.push([q.key, q.label, group, f.answered, o.label, o.count, o.share, f.mean, f.median]);
	};
	for (const q of results.questions) {
		push(q, all, q.total);
		for (const e of q.estates) push(q, e.name, e.figures);
	}
	return rows;
}

/** The wave's answer sets and figures as one workbook, with a file name that says which survey and wave. */
export async function exportResultsXlsx(
	db: Db,
	actor: Actor,
	surveyId: string,
	options: { waveId?: string; locale?: string; now?: Date } = {}
): Promise<{ filename: string; bytes: Uint8Array }> {
	const survey = await surveyFor(db, actor, surveyId, 'read-results');
	const locale: Locale = isLocale(options.locale) ? options.locale : 'nl';
	const results = await surveyResults(db, actor, surveyId, options);
	const table = await answerSetsTable(db, actor, surveyId, { ...options, waveId: results.wave.id });
	const h = (k: string) => translate(locale, `survey_results.xlsx_${k}`);
	const bytes = await writeXlsx([
		{ name: h('sheet_answer_sets'), columns: table.columns.map((c) => ({ header: c })), rows: table.rows },
		{
			name: h('sheet_figures'),
			columns: ['question_key', 'question', 'estate', 'answered', 'option', 'count', 'share', 'mean', 'median'].map((k) => ({ header: h(k) })),
			rows: figureRows(results, locale)
		}
	]);
	await audit(db, actor, {
		action: 'survey_export',
		resourceType: 'survey',
		resourceId: surveyId,
		summary: `xlsx wave ${table.wave}: ${table.rows.length} answer sets`
	});
	return { filename: `${survey.slug}-wave-${table.wave}.xlsx`, bytes };
}
