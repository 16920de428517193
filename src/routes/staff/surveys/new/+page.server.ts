// A new survey in draft, run by the worker's organisation; the builder (structure) comes next.
import { redirect } from '@sveltejs/kit';
import { authorize } from '$core/access';
import { createSurvey } from '$core/surveys';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import { formErrorKeys, surveyFormChoices, surveyInputFromForm } from '../survey-form';
import { shortLinkPrefix } from '../wording';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		authorize(locals.actor, 'create', 'survey');
		return { choices: await surveyFormChoices(locals.core.db, locals.actor), linkPrefix: shortLinkPrefix(locals.core.config.origin) };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = await formObject(request);
		let id: string;
		try {
			id = (await createSurvey(locals.core.db, locals.actor, surveyInputFromForm(values))).id;
		} catch (err) {
			const failure = formFailure(err, locals.locale, values);
			failure.data.errors = formErrorKeys(failure.data.errors);
			return failure;
		}
		redirect(303, `/staff/surveys/${id}/structure?created`);
	}
};
