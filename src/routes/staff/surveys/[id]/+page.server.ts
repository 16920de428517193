// One survey at a glance: settings, status (with what is missing before it can open), waves, and how residents
// answer (open link and poster, household codes, paper, tablet).
import { redirect } from '@sveltejs/kit';
import { createWave, deleteSurvey, deleteWave, getSurvey, readinessIssues, setSurveyStatus, updateWave } from '$core/surveys';
import { Forbidden, NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { pageLoad, formAction } from '$lib/server/handlers';
import { openLink, pick } from '../wording';
import type { Actions, PageServerLoad } from './$types';

const DAY = 86_400_000;
const brusselsDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Europe/Brussels' });

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
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
});

export const actions: Actions = {
	status: formAction(
		async ({ locals, params }, values) => {
			await setSurveyStatus(locals.core.db, locals.actor, params.id, String(values.status) as 'draft' | 'open' | 'closed');
			redirect(303, `/staff/surveys/${params.id}?saved=status`);
		},
		{ form: 'status' }
	),
	wave: formAction(
		async ({ locals, params }, values) => {
			await createWave(locals.core.db, locals.actor, params.id, { opensAt: String(values.opensAt ?? ''), closesAt: String(values.closesAt ?? '') });
			redirect(303, `/staff/surveys/${params.id}?saved=wave#waves`);
		},
		{ form: 'wave' }
	),
	updateWave: formAction(
		async ({ locals, params }, values) => {
			await updateWave(locals.core.db, locals.actor, params.id, String(values.waveId ?? ''), {
				opensAt: String(values.opensAt ?? ''),
				closesAt: String(values.closesAt ?? '')
			});
			redirect(303, `/staff/surveys/${params.id}?saved=wave_changed#waves`);
		},
		{ form: 'waves' }
	),
	deleteWave: formAction(
		async (event, values) => {
			const { locals, params } = event;
			if (!confirmed(values)) {
				const survey = await getSurvey(locals.core.db, locals.actor, params.id);
				if (!survey.can.update) throw new Forbidden();
				const wave = survey.waves.find((w) => w.id === values.waveId);
				if (!wave) throw new NotFound('wave', String(values.waveId ?? ''));
				return askFirst(event, values, { kind: 'delete_wave', params: { n: wave.number, survey: pick(survey.title, locals.locale) } });
			}
			await deleteWave(locals.core.db, locals.actor, params.id, String(values.waveId ?? ''));
			redirect(303, `/staff/surveys/${params.id}?saved=wave_deleted#waves`);
		},
		{ form: 'waves' }
	),
	delete: formAction(
		async (event, form) => {
			const { locals, params } = event;
			if (!confirmed(form)) {
				const survey = await getSurvey(locals.core.db, locals.actor, params.id);
				if (!survey.can.update) throw new Forbidden();
				return askFirst(event, form, { kind: 'delete_survey', params: { title: pick(survey.title, locals.locale) } });
			}
			await deleteSurvey(locals.core.db, locals.actor, params.id);
			redirect(303, '/staff/surveys?deleted');
		},
		{ values: () => ({ form: 'delete' }) }
	)
};
