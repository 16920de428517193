// Paper answers: a worker types in one paper form on one screen (marked as paper; the core audits it), or uploads a
// sheet of many (a CSV with a column per question: first a check that stores nothing and lists every bad row by
// line, then "store" — which stores nothing when any row is bad, and never the same form twice).
import { fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { Forbidden } from '$core/errors';
import { translate } from '$core/i18n';
import { fieldMessage } from '$core/i18n/field-errors';
import { getSurvey, importPaperAnswers, submitAnswerSet, type PaperImportResult } from '$core/surveys';
import { formAction, invalidIssues, pageLoad } from '$lib/server/handlers';
import { answerField, answersFromForm } from './answers-form';
import type { Actions, PageServerLoad } from './$types';

const MAX_CSV_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const survey = await getSurvey(locals.core.db, locals.actor, params.id);
	// A partner reads the survey and its results; only the organisation running it types in answers.
	if (!survey.can.enterAnswers) throw new Forbidden();
	return {
		survey: { id: survey.id, title: survey.title, status: survey.status, canEnter: survey.can.enterAnswers },
		structure: survey.version.structure,
		estates: survey.estates.map((e) => ({ id: e.id, name: e.name })),
		openWave: survey.waves.find((w) => w.isOpen)?.number ?? null,
		submissionId: randomUUID(),
		stored: url.searchParams.get('bewaard'),
		// The estate of the form typed in before: a worker types a stack of one estate's forms.
		estateId: url.searchParams.get('wijk') ?? '',
		imported: url.searchParams.get('ingelezen')
	};
});

function importIssues(locale: App.Locals['locale'], result: PaperImportResult) {
	return result.issues.map((i) => ({
		line: i.line,
		column: i.column,
		message: fieldMessage(locale, { path: i.column, code: i.code, message: i.code, messageKey: i.messageKey, params: i.params })
	}));
}

async function readCsv(data: FormData): Promise<{ text: string } | { error: string }> {
	const file = data.get('file');
	if (file && typeof file !== 'string' && file.size > 0) {
		if (file.size > MAX_CSV_BYTES) return { error: 'paper_file_too_large' };
		return { text: await file.text() };
	}
	const text = data
		.getAll('text')
		.filter((v): v is string => typeof v === 'string')
		.at(-1);
	if (!text?.trim()) return { error: 'paper_no_file' };
	return { text };
}

/** A refusal of the sheet as a whole (the survey is gone, not allowed) is shown next to the CSV form, nothing kept. */
const csvForm = { form: 'csv', values: () => ({}) };

export const actions: Actions = {
	enter: formAction(
		async ({ locals, params }, values) => {
			const survey = await getSurvey(locals.core.db, locals.actor, params.id);
			const answers = answersFromForm(survey.version.structure, values);
			await submitAnswerSet(locals.core.db, locals.actor, params.id, {
				submissionId: String(values.submissionId ?? ''),
				channel: 'paper',
				estateId: String(values.estateId ?? '') || undefined,
				language: String(values.language ?? 'nl') || 'nl',
				code: String(values.code ?? '') || undefined,
				answers
			});
			redirect(303, `/staff/surveys/${params.id}/paper?bewaard=1&wijk=${encodeURIComponent(String(values.estateId ?? ''))}#enter`);
		},
		{
			form: 'enter',
			values: (form) => form,
			// Each refused answer is shown next to its question (named after the question, not the path).
			refusal: (err, values, locale) => {
				const issues = invalidIssues(err);
				if (!issues) return null;
				const errors: Record<string, string> = {};
				for (const issue of issues) errors[answerField(issue.path) || '_form'] ??= fieldMessage(locale, issue);
				return fail(400, { form: 'enter', errors, message: translate(locale, 'survey_builder.paper_not_stored'), values });
			}
		}
	),
	check: formAction(async ({ locals, params }, _fields, data) => {
		const read = await readCsv(data);
		if ('error' in read) return fail(400, { form: 'csv', message: translate(locals.locale, `survey_builder.${read.error}`) });
		const result = await importPaperAnswers(locals.core.db, locals.actor, params.id, { text: read.text, dryRun: true });
		return { form: 'csv', result: { ...result, issues: importIssues(locals.locale, result) }, text: result.outcome === 'dry_run' ? read.text : '' };
	}, csvForm),
	import: formAction(async ({ locals, params }, _fields, data) => {
		const read = await readCsv(data);
		if ('error' in read) return fail(400, { form: 'csv', message: translate(locals.locale, `survey_builder.${read.error}`) });
		const result = await importPaperAnswers(locals.core.db, locals.actor, params.id, { text: read.text });
		// A sheet with a bad row stores nothing: every bad row is listed by line.
		if (result.outcome !== 'stored') return fail(400, { form: 'csv', result: { ...result, issues: importIssues(locals.locale, result) }, text: '' });
		redirect(303, `/staff/surveys/${params.id}/paper?ingelezen=${result.stored}-${result.alreadyStored}#csv`);
	}, csvForm)
};
