// The residents' front door: what they can do here, each a step away — report a problem (find the neighbourhood from
// an address or the list), follow a report by its code, answer an open survey, read what was done with the answers.
// No list of every neighbourhood: with thousands of areas that alone weighed 1.1 MB (bench/README.md).
import { publicSurveys } from '$core/surveys';
import type { PageServerLoad } from './$types';

/** Enough for a phone screen; the neighbourhood's own page lists all of its surveys. */
const SURVEYS_SHOWN = 5;

export const load: PageServerLoad = async ({ locals }) => {
	return { surveys: await publicSurveys(locals.core.db, locals.actor, null, { locale: locals.locale, limit: SURVEYS_SHOWN }) };
};
