// One collective issue: its figures, its signals (reference, category, date, status; no personal data), the CSV.
import { getCollectiveIssue, removeSignalsFromCollective } from '$core/signals/service';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		return { view: await getCollectiveIssue(locals.core.db, locals.actor, params.id), removed: url.searchParams.has('removed') };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	remove: async ({ locals, params, request }) => {
		const form = await formObject(request);
		try {
			await removeSignalsFromCollective(locals.core.db, locals.actor, params.id, [String(form.signalId ?? '')]);
		} catch (err) {
			return formFailure(err, locals.locale);
		}
		return { removed: true };
	}
};
