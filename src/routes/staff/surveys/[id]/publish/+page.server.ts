// "What you told us": a wave's results shared with residents. The worker writes what is done with the answers (Dutch
// required, French and English optional) and publishes the wave, or takes it offline again; the public page
// /enquete/<slug>/resultaten shows only published waves, with every group under 5 answer sets hidden.
import { redirect } from '@sveltejs/kit';
import { Forbidden, NotFound } from '$core/errors';
import { getSurvey, publishWave } from '$core/surveys';
import { wordingFromForm } from '$core/surveys';
import { askFirst, confirmed } from '$lib/server/confirmation';
import type { FormErrors } from '$lib/server/problem';
import { formAction, pageLoad } from '$lib/server/handlers';
import { pick } from '../../wording';
import { FORM_LANGUAGES, formErrorKeys } from '../../survey-form';
import type { Actions, PageServerLoad } from './$types';

async function surveyOf(locals: App.Locals, id: string) {
	const survey = await getSurvey(locals.core.db, locals.actor, id);
	if (!survey.can.update) throw new Forbidden();
	return survey;
}

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const survey = await surveyOf(locals, params.id);
	const begun = survey.waves.filter((w) => Date.parse(w.opensAt) <= Date.now());
	const wanted = url.searchParams.get('wave');
	const wave = begun.find((w) => w.id === wanted) ?? begun.at(-1) ?? null;
	const values: Record<string, string> = {};
	for (const [lang, v] of Object.entries(wave?.feedback ?? {})) {
		values[`feedback.${lang}`] = v.text;
		if (v.easy) values[`feedback.${lang}.easy`] = v.easy;
	}
	return {
		survey: { id: survey.id, slug: survey.slug, title: survey.title, status: survey.status },
		waves: begun.map((w) => ({ id: w.id, number: w.number, publishedAt: w.publishedAt, answerSets: w.answerSets })),
		wave: wave && { id: wave.id, number: wave.number, publishedAt: wave.publishedAt, answerSets: wave.answerSets, isOpen: wave.isOpen },
		values,
		publicPath: `/enquete/${survey.slug}/resultaten`
	};
});

async function save(values: Record<string, unknown>, locals: App.Locals, surveyId: string, published: boolean) {
	const waveId = String(values.wave ?? '');
	await publishWave(locals.core.db, locals.actor, surveyId, waveId, { published, feedback: wordingFromForm(values, 'feedback', FORM_LANGUAGES) ?? null });
	redirect(303, `/staff/surveys/${surveyId}/publish?wave=${encodeURIComponent(waveId)}&${published ? 'published' : 'withdrawn'}`);
}

/** The feedback fields are named per language on the page. */
const feedbackFields = { shape: (data: FormErrors) => ({ ...data, errors: formErrorKeys(data.errors) }) };

export const actions: Actions = {
	publish: formAction(async ({ locals, params }, values) => save(values, locals, params.id, true), feedbackFields),
	/** Taking results off the public page asks first (publishing again brings them back). */
	withdraw: formAction(async (event, values) => {
		const { locals, params } = event;
		if (!confirmed(values)) {
			const survey = await getSurvey(locals.core.db, locals.actor, params.id);
			if (!survey.can.update) throw new Forbidden();
			const wave = survey.waves.find((w) => w.id === values.wave);
			if (!wave) throw new NotFound('wave', String(values.wave ?? ''));
			return askFirst(
				event,
				values,
				{ kind: 'withdraw_results', params: { n: wave.number, survey: pick(survey.title, locals.locale) }, verb: 'withdraw' },
				`/staff/surveys/${params.id}/publish?wave=${encodeURIComponent(wave.id)}`
			);
		}
		return save(values, locals, params.id, false);
	}, feedbackFields)
};
