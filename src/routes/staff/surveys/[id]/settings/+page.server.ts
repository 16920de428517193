// A survey's settings: texts, modes, areas and estates, partners (a changed scope recounts open waves' households).
import { redirect } from '@sveltejs/kit';
import { Forbidden } from '$core/errors';
import { getSurvey, updateSurvey } from '$core/surveys';
import { pageLoad, formAction } from '$lib/server/handlers';
import { formErrorKeys, surveyFormChoices, surveyFormValues, surveyInputFromForm } from '../../survey-form';
import { shortLinkPrefix } from '../../wording';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const survey = await getSurvey(locals.core.db, locals.actor, params.id);
	// A partner reads the survey and its results; only the organisation running it changes it.
	if (!survey.can.update) throw new Forbidden();
	return {
		survey: { id: survey.id, title: survey.title, status: survey.status },
		values: surveyFormValues(survey),
		choices: await surveyFormChoices(locals.core.db, locals.actor),
		linkPrefix: shortLinkPrefix(locals.core.config.origin)
	};
});

export const actions: Actions = {
	default: formAction(
		async ({ locals, params }, values) => {
			await updateSurvey(locals.core.db, locals.actor, params.id, surveyInputFromForm(values));
			redirect(303, `/staff/surveys/${params.id}?saved=settings`);
		},
		{ shape: (data) => ({ ...data, errors: formErrorKeys(data.errors) }) }
	)
};
