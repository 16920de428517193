// The worker's tablet for answering door to door. The server gives the shell; the page loads the survey from the API,
// keeps it and the finished answer sets on the device, and sends them when the network is back (JavaScript needed).
import { surveyForTablet } from '$core/surveys/service';
import { wordingFor } from '$core/surveys/answers';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

// This page runs in the browser: it must work offline, which a server-rendered form cannot.
export const csr = true;

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const survey = await surveyForTablet(locals.core.db, locals.actor, params.id);
		return { surveyId: survey.id, title: wordingFor(survey.title, locals.locale) };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
