// One survey at a glance: settings, status (with what is missing before it can open), waves, and how residents
// answer (open link and poster, household codes, paper, tablet).
import { redirect } from '@sveltejs/kit';
import { createWave, deleteSurvey, deleteWave, getSurvey, readinessIssues, setSurveyStatus, updateWave } from '$core/surveys';
import { readForm } from '$lib/server/form-body';
import { Forbidden, NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import { openLink, pick } from '../wording';
import type { Actions, PageServerLoad } from './$types';

const DAY = 86_400_000;
const brusselsDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Europe/Brussels' });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		const survey = await getSurvey(locals.core.db, locals.actor, params.id);
		const last = survey.waves[survey.waves.length - 1];
		// The next wave "a year later": same days of the year as the last one.
		const nextOpens = last ? brusselsDay(new Date(Date.parse(last.opensAt) + 365 * DAY).toISOString()) : brusselsDay(new Date().toISOString());
		const nextCloses = last?.closesAt ? brusselsDay(new Date(Date.parse(last.closesAt) + 365 * DAY - DAY).toISOString()) : '';
		return {
			survey,
			readiness: readinessIssues(survey.version.structure),
			openLink: openLink(locals.core.config.origin, survey.slug),
			nextWave: { opensAt: nextOpens, closesAt: nextCloses },
			// A wave's dates as the date fields show them (its last day is the day before it closes).
			waveDays: Object.fromEntries(
				survey.waves.map((w) => [
					w.id,
					{ opensAt: brusselsDay(w.opensAt), closesAt: w.closesAt ? brusselsDay(new Date(Date.parse(w.closesAt) - 1000).toISOString()) : '' }
				])
			),
			saved: url.searchParams.get('saved')
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	status: async ({ request, locals, params }) => {
		const values = await formObject(request);
		try {
			await setSurveyStatus(locals.core.db, locals.actor, params.id, String(values.status) as 'draft' | 'open' | 'closed');
		} catch (err) {
			return formFailure(err, locals.locale, { ...values, form: 'status' });
		}
		redirect(303, `/staff/surveys/${params.id}?saved=status`);
	},
	wave: async ({ request, locals, params }) => {
		const values = await formObject(request);
		try {
			await createWave(locals.core.db, locals.actor, params.id, { opensAt: String(values.opensAt ?? ''), closesAt: String(values.closesAt ?? '') });
		} catch (err) {
			return formFailure(err, locals.locale, { ...values, form: 'wave' });
		}
		redirect(303, `/staff/surveys/${params.id}?saved=wave#waves`);
	},
	updateWave: async ({ request, locals, params }) => {
		const values = await formObject(request);
		try {
			await updateWave(locals.core.db, locals.actor, params.id, String(values.waveId ?? ''), {
				opensAt: String(values.opensAt ?? ''),
				closesAt: String(values.closesAt ?? '')
			});
		} catch (err) {
			return formFailure(err, locals.locale, { ...values, form: 'waves' });
		}
		redirect(303, `/staff/surveys/${params.id}?saved=wave_changed#waves`);
	},
	deleteWave: async (event) => {
		const { request, locals, params } = event;
		const values = await formObject(request);
		try {
			if (!confirmed(values)) {
				const survey = await getSurvey(locals.core.db, locals.actor, params.id);
				if (!survey.can.update) throw new Forbidden();
				const wave = survey.waves.find((w) => w.id === values.waveId);
				if (!wave) throw new NotFound('wave', String(values.waveId ?? ''));
				return askFirst(event, values, { kind: 'delete_wave', params: { n: wave.number, survey: pick(survey.title, locals.locale) } });
			}
			await deleteWave(locals.core.db, locals.actor, params.id, String(values.waveId ?? ''));
		} catch (err) {
			return formFailure(err, locals.locale, { ...values, form: 'waves' });
		}
		redirect(303, `/staff/surveys/${params.id}?saved=wave_deleted#waves`);
	},
	delete: async (event) => {
		const { locals, params, request } = event;
		const form = await readForm(request); // a button without fields: still only a well-formed post acts
		try {
			if (!confirmed(form)) {
				const survey = await getSurvey(locals.core.db, locals.actor, params.id);
				if (!survey.can.update) throw new Forbidden();
				return askFirst(event, form, { kind: 'delete_survey', params: { title: pick(survey.title, locals.locale) } });
			}
			await deleteSurvey(locals.core.db, locals.actor, params.id);
		} catch (err) {
			return formFailure(err, locals.locale, { form: 'delete' });
		}
		redirect(303, '/staff/surveys?deleted');
	}
};
