// Household codes of a wave: how many per estate are open, used or void, the print runs (a lost run can be voided
// and printed again), and the form that generates the letters (posted to ./letters, which comes back here with
// ?brieven=<run>: the page then shows the new counts and starts the download of that run's letters).
import { redirect } from '@sveltejs/kit';
import { getOrganisation } from '$core/partners';
import { codeOverview, getSurvey, lettersKeyOf, voidCodeBatch } from '$core/surveys';
import { Forbidden, NotFound } from '$core/errors';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { SESSION_COOKIE } from '$lib/server/cookies';
import { pageLoad } from '$lib/server/handlers';
import { formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url, cookies }) => {
	const survey = await getSurvey(locals.core.db, locals.actor, params.id);
	const wanted = url.searchParams.get('ronde');
	const wave = survey.waves.find((w) => w.id === wanted) ?? survey.waves.find((w) => w.isOpen) ?? survey.waves[survey.waves.length - 1] ?? null;
	const token = cookies.get(SESSION_COOKIE);
	const lettersKey = survey.can.update && token ? lettersKeyOf(token) : undefined;
	const overview = wave ? await codeOverview(locals.core.db, locals.actor, survey.id, wave.id, { lettersKey }) : { batches: [], estates: [] };
	const made = url.searchParams.get('brieven');
	const org = await getOrganisation(locals.core.db, locals.actor, survey.organisationId);
	return {
		survey: { id: survey.id, title: survey.title, modes: survey.modes, canUpdate: survey.can.update },
		waves: survey.waves.map((w) => ({ id: w.id, number: w.number, isOpen: w.isOpen, households: w.households })),
		wave: wave ? { id: wave.id, number: wave.number, closesAt: wave.closesAt } : null,
		estates: survey.estates.map((e) => {
			const c = overview.estates.find((x) => x.estateId === e.id);
			return { id: e.id, name: e.name, unused: c?.unused ?? 0, used: c?.used ?? 0, void: c?.void ?? 0 };
		}),
		batches: overview.batches,
		/** The run just made, when its letters can be downloaded here. */
		made: overview.batches.some((b) => b.id === made && b.lettersUntil) ? made : null,
		contact: [org.phone, org.email].filter(Boolean).join(' · '),
		error: url.searchParams.get('fout'),
		voided: url.searchParams.get('ongeldig'),
		none: url.searchParams.has('geen')
	};
});

export const actions: Actions = {
	void: formAction(async (event, values) => {
		const { locals, params } = event;
		if (!confirmed(values)) {
			if (!(await getSurvey(locals.core.db, locals.actor, params.id)).can.update) throw new Forbidden();
			const { batches } = await codeOverview(locals.core.db, locals.actor, params.id, String(values.waveId ?? ''));
			const at = batches.findIndex((b) => b.id === values.batchId && !b.voidedAt);
			if (at < 0) throw new NotFound('code-batch', String(values.batchId ?? ''));
			return askFirst(
				event,
				values,
				{ kind: 'void_code_run', params: { n: at + 1, households: batches[at].households }, verb: 'void' },
				`/staff/surveys/${params.id}/codes?ronde=${encodeURIComponent(String(values.waveId ?? ''))}`
			);
		}
		const result = await voidCodeBatch(locals.core.db, locals.actor, params.id, String(values.batchId ?? ''));
		redirect(303, `/staff/surveys/${params.id}/codes?ronde=${encodeURIComponent(String(values.waveId ?? ''))}&ongeldig=${result.voided}-${result.used}`);
	})
};
