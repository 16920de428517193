// Waves side by side, question by question and estate by estate, with the questions that changed between versions.
import { changedQuestions, compareWaves } from '$core/surveys';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const { db } = locals.core;
	const [comparison, changed] = await Promise.all([
		compareWaves(db, locals.actor, params.id, { locale: locals.locale }),
		changedQuestions(db, locals.actor, params.id)
	]);
	return { comparison, changed };
});
