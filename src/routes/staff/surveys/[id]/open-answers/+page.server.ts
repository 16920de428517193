// Open answers of one question, filtered by wave, estate, theme or "without a theme", page by page; the survey's
// themes made, renamed and deleted; answers tagged one by one or several at once, and marked fit for the public page.
// Plain form posts: the filters stay in the address, so a worker lands back on the list she was working through.
import { fail } from '@sveltejs/kit';
import { can } from '$core/access';
import { translate } from '$core/i18n';
import {
	createTheme,
	deleteTheme,
	getSurvey,
	listOpenAnswers,
	listThemes,
	renameTheme,
	setOpenAnswerThemes,
	setOpenAnswersPublic,
	tagOpenAnswers,
	wordingFor,
	type Question
} from '$core/surveys';
import { Forbidden, NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
import type { FormErrors } from '$lib/server/problem';
import { formAction, pageLoad } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
/** Questions residents write text in: texts, a needs block, and choices with "other, namely". */
const hasText = (q: Question) =>
	q.kind === 'short_text' ||
	q.kind === 'long_text' ||
	q.kind === 'needs_block' ||
	((q.kind === 'single_choice' || q.kind === 'multiple_choice') && !!q.allowOther);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db } = locals.core;
	const p = url.searchParams;
	const view = await getSurvey(db, locals.actor, params.id);
	const questions = view.version.structure.sections
		.flatMap((s) => s.questions)
		.filter(hasText)
		.map((q) => ({ key: q.key, label: wordingFor(q.label, locals.locale) }));
	const get = (k: string) => p.get(k)?.trim() ?? '';
	// Filters naming nothing we know fall back to "all": a stale link shows answers, not an error.
	const filters = {
		question: questions.some((q) => q.key === get('question')) ? get('question') : (questions[0]?.key ?? ''),
		wave: view.waves.some((w) => w.id === get('wave')) ? get('wave') : '',
		estate: view.estates.some((e) => e.id === get('estate')) ? get('estate') : '',
		theme: get('theme') === 'none' || UUID.test(get('theme')) ? get('theme') : '',
		page: Math.max(1, Math.min(100_000, Number.parseInt(get('page'), 10) || 1))
	};
	const themes = await listThemes(db, locals.actor, params.id);
	if (filters.theme && filters.theme !== 'none' && !themes.some((t) => t.id === filters.theme)) filters.theme = '';
	const list = filters.question
		? await listOpenAnswers(db, locals.actor, params.id, {
				questionKey: filters.question,
				waveId: filters.wave || undefined,
				estateId: filters.estate || undefined,
				themeId: filters.theme && filters.theme !== 'none' ? filters.theme : undefined,
				untagged: filters.theme === 'none',
				page: filters.page,
				pageSize: PAGE_SIZE
			})
		: { items: [], total: 0, page: 1, pageSize: PAGE_SIZE };
	const query = new URLSearchParams(
		Object.entries({ question: filters.question, wave: filters.wave, estate: filters.estate, theme: filters.theme }).filter(([, v]) => v)
	).toString();
	return {
		survey: { id: view.id, slug: view.slug, title: wordingFor(view.title, locals.locale) },
		questions,
		waves: view.waves.map((w) => ({ id: w.id, number: w.number })),
		estates: view.estates.map((e) => ({ id: e.id, name: e.name })),
		themes,
		filters,
		query,
		list,
		pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
		mayTag: can(locals.actor, 'update', 'survey', { organisationId: view.organisationId, partnerOrganisationIds: view.partnerOrganisationIds })
	};
});

const strings = (v: FormDataEntryValue[]) => v.filter((x): x is string => typeof x === 'string' && x.length > 0);

export const actions: Actions = {
	/** Several answers at once: add or take off one theme, or mark them public or not. */
	bulk: formAction(async ({ locals, params }, _fields, form) => {
		const ids = strings(form.getAll('answer'));
		const op = String(form.get('op') ?? '');
		const themeId = String(form.get('themeId') ?? '');
		const t = (k: string, p?: Record<string, string | number>) => translate(locals.locale, `survey_results.${k}`, p);
		if (ids.length === 0) return fail(400, { action: 'bulk', errors: { answer: t('select_some') }, message: t('select_some') });
		if (op === 'public' || op === 'private') {
			const n = await setOpenAnswersPublic(locals.core.db, locals.actor, params.id, ids, op === 'public');
			return { action: 'bulk', done: t('public_done', { n }) };
		}
		if (!themeId) return fail(400, { action: 'bulk', errors: { themeId: t('choose_theme') }, message: t('choose_theme') });
		const n = await tagOpenAnswers(locals.core.db, locals.actor, params.id, { openAnswerIds: ids, themeId, tag: op !== 'untag' });
		return { action: 'bulk', done: t(op === 'untag' ? 'untagged_done' : 'tagged_done', { n }) };
	}, failureOf('bulk')),
	/** One answer's themes become exactly those ticked. */
	answerThemes: formAction(async ({ locals, params }, _fields, form) => {
		await setOpenAnswerThemes(locals.core.db, locals.actor, params.id, String(form.get('answerId') ?? ''), strings(form.getAll('themeId')));
		return { action: 'answerThemes', done: translate(locals.locale, 'survey_results.themes_saved') };
	}, failureOf('answerThemes')),
	createTheme: formAction(
		async ({ locals, params }, _fields, form) => {
			const theme = await createTheme(locals.core.db, locals.actor, params.id, String(form.get('name') ?? ''));
			return { action: 'createTheme', done: translate(locals.locale, 'survey_results.theme_created', { name: theme.name }) };
		},
		failureOf('createTheme', (form) => ({ name: String(form.get('name') ?? '') }))
	),
	renameTheme: formAction(
		async ({ locals, params }, _fields, form) => {
			const name = String(form.get('name') ?? '');
			await renameTheme(locals.core.db, locals.actor, params.id, String(form.get('themeId') ?? ''), name);
			return { action: 'renameTheme', done: translate(locals.locale, 'survey_results.theme_renamed', { name: name.trim() }) };
		},
		failureOf('renameTheme', (form) => ({ name: String(form.get('name') ?? ''), themeId: String(form.get('themeId') ?? '') }))
	),
	deleteTheme: formAction(async (event, _fields, form) => {
		const { locals, params } = event;
		const themeId = String(form.get('themeId') ?? '');
		if (!confirmed(form)) {
			if (!(await getSurvey(locals.core.db, locals.actor, params.id)).can.update) throw new Forbidden();
			const theme = (await listThemes(locals.core.db, locals.actor, params.id)).find((th) => th.id === themeId);
			if (!theme) throw new NotFound('theme', themeId);
			return askFirst(event, form, { kind: 'delete_theme', params: { name: theme.name } });
		}
		await deleteTheme(locals.core.db, locals.actor, params.id, themeId);
		return { action: 'deleteTheme', done: translate(locals.locale, 'survey_results.theme_deleted') };
	}, failureOf('deleteTheme'))
};

/**
 * A refusal names the form it came from, so the page shows the message next to that form; only a theme's name is
 * given back. A theme's name is the whole input of createTheme and renameTheme, so its problem (path '') belongs
 * next to the name field.
 */
function failureOf(action: string, values?: (form: FormData) => Record<string, unknown>) {
	return {
		values: () => undefined,
		shape: (failure: FormErrors, _fields: Record<string, unknown>, form: FormData) => {
			const errors = { ...failure.errors };
			if ((action === 'createTheme' || action === 'renameTheme') && errors._form && !errors.name) {
				errors.name = errors._form;
				delete errors._form;
			}
			return { ...failure, values: values?.(form), errors, action };
		}
	};
}
