// The surveys a worker's organisation runs or reads as a partner: title, status, waves, answer sets and the response
// rate of the wave open now.
import { can } from '$core/access';
import { getSurvey, listSurveys } from '$core/surveys/service';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		const surveys = await listSurveys(locals.core.db, locals.actor);
		const rows = await Promise.all(
			surveys.map(async (s) => {
				const view = await getSurvey(locals.core.db, locals.actor, s.id);
				const open = view.waves.find((w) => w.isOpen) ?? null;
				return { ...s, openWave: open ? { number: open.number, answerSets: open.answerSets, households: open.households } : null };
			})
		);
		return { surveys: rows, canCreate: can(locals.actor, 'create', 'survey') };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
