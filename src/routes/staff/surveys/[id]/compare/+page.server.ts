// Waves side by side, question by question and estate by estate, with the questions that changed between versions.
import { changedQuestions, compareWaves } from '$core/surveys';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db } = locals.core;
	try {
		const [comparison, changed] = await Promise.all([
			compareWaves(db, locals.actor, params.id, { locale: locals.locale }),
			changedQuestions(db, locals.actor, params.id)
		]);
		return { comparison, changed };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
