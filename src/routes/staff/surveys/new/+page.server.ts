// A new survey in draft, run by the worker's organisation; the builder (structure) comes next.
import { redirect } from '@sveltejs/kit';
import { authorize } from '$core/access';
import { createSurvey } from '$core/surveys';
import { pageLoad, formAction } from '$lib/server/handlers';
import { formErrorKeys, surveyFormChoices, surveyInputFromForm } from '../survey-form';
import { shortLinkPrefix } from '../wording';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals }) => {
	authorize(locals.actor, 'create', 'survey');
	return { choices: await surveyFormChoices(locals.core.db, locals.actor), linkPrefix: shortLinkPrefix(locals.core.config.origin) };
});

export const actions: Actions = {
	default: formAction(
		async ({ locals }, values) => {
			const id = (await createSurvey(locals.core.db, locals.actor, surveyInputFromForm(values))).id;
			redirect(303, `/staff/surveys/${id}/structure?created`);
		},
		{ shape: (data) => ({ ...data, errors: formErrorKeys(data.errors) }) }
	)
};
