// The builder: sections and questions of the survey's current version. Every edit is a plain form post naming one
// edit (?/add_question, ?/move_section, …); the route applies it to the stored structure (structure-edits.ts) and
// saves the whole structure with saveStructure, which makes a new version once answers exist. Refused edits come
// back with the structure as typed and the core's issues per question and field.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { Forbidden } from '$core/errors';
import { translate } from '$core/i18n';
import { fieldMessage } from '$core/i18n/field-errors';
import { getSurvey, saveStructure, type StructureInput } from '$core/surveys';
import { LANGUAGE_CODE } from '$core/validation';
import { applyStructureEdit, builderLanguages, issueTarget, BUILDER_EDITS, type BuilderEdit } from '$core/surveys';
import type { Ask } from '$lib/confirmation';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { answerRefusal, formAction, invalidIssues, pageLoad } from '$lib/server/handlers';
import { pick } from '../../wording';
import type { Actions, PageServerLoad } from './$types';

const extraLanguages = (v: unknown) =>
	String(v ?? '')
		.split(/[\s,]+/)
		.map((l) => l.trim().toLowerCase())
		.filter((l) => LANGUAGE_CODE.test(l));

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const survey = await getSurvey(locals.core.db, locals.actor, params.id);
	// A partner reads the survey and its results; only the organisation running it changes it.
	if (!survey.can.update) throw new Forbidden();
	const extra = extraLanguages(url.searchParams.get('talen'));
	return {
		survey: { id: survey.id, title: survey.title, status: survey.status, canUpdate: survey.can.update },
		structure: survey.version.structure as StructureInput,
		version: { number: survey.version.number, answerSets: survey.version.answerSets },
		languages: builderLanguages(survey.version.structure, extra),
		extra: extra.join(','),
		saved: url.searchParams.get('saved'),
		newVersion: url.searchParams.get('versie'),
		open: url.searchParams.get('open')
	};
});

/** What deleting a part or a question asks first, naming it (and how many questions go with a part). */
function deletionAsk(s: StructureInput, op: BuilderEdit, form: Record<string, unknown>, locale: App.Locals['locale']): Ask | null {
	const section = s.sections?.[Number(form.section)];
	const name = (w: unknown) => pick(w, locale) || pick(w, 'nl') || '…';
	if (op === 'delete_section' && section) {
		const count = section.questions?.length ?? 0;
		return count
			? { kind: 'delete_section', count, params: { title: name(section.title) } }
			: { kind: 'delete_empty_section', params: { title: name(section.title) } };
	}
	const question = op === 'delete_question' ? section?.questions?.[Number(form.question)] : undefined;
	return question ? { kind: 'delete_question', params: { label: name(question.label) } } : null;
}

async function edit(event: RequestEvent<{ id: string }>, form: Record<string, unknown>, op: BuilderEdit) {
	const { locals, params } = event;
	const extra = extraLanguages(form.languages);
	const survey = await getSurvey(locals.core.db, locals.actor, params.id);
	if (!survey.can.update) throw new Forbidden();
	const ask = op.startsWith('delete') && !confirmed(form) ? deletionAsk(survey.version.structure as StructureInput, op, form, locals.locale) : null;
	if (ask) return askFirst(event, form, ask);
	const { structure: draft, target } = applyStructureEdit(
		survey.version.structure as StructureInput,
		op,
		form,
		builderLanguages(survey.version.structure, extra)
	);
	// A refused draft stays on the page as edited, with each problem next to its block.
	return answerRefusal(
		async () => {
			const saved = await saveStructure(locals.core.db, locals.actor, params.id, draft);
			const query = new URLSearchParams({ saved: '1', open: op.startsWith('delete') ? '' : target });
			if (saved.newVersion) query.set('versie', String(saved.number));
			if (extra.length) query.set('talen', extra.join(','));
			redirect(303, `/staff/surveys/${params.id}/structure?${query}#${target}`);
		},
		(err) => {
			const refused = invalidIssues(err);
			if (!refused) return undefined;
			// Per block of the page (question-0-2, section-1), the field and the message in the worker's language.
			const issues: Record<string, Record<string, string>> = {};
			for (const issue of refused) {
				const at = issueTarget(issue.path);
				(issues[at.target] ??= {})[at.field] ??= fieldMessage(locals.locale, issue);
			}
			return fail(400, { draft, target, issues, message: translate(locals.locale, 'survey_builder.not_saved') });
		}
	);
}

// Any other refusal (the survey is gone, this worker may not change it, an edit that makes no sense) is the usual
// failure, without the form's values: the page shows the stored structure again.
const editAction = (op: BuilderEdit) => formAction((event: RequestEvent<{ id: string }>, form) => edit(event, form, op), { values: () => undefined });

export const actions: Actions = Object.fromEntries(BUILDER_EDITS.map((op) => [op, editAction(op)])) as Actions;
