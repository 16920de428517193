// Adding a resident, on their own or (with ?household=…) to a household.
import { redirect } from '@sveltejs/kit';
import { authorize } from '$core/access';
import { createResident, householdLabel, type ResidentInput } from '$core/people';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	try {
		authorize(locals.actor, 'create', 'resident');
	} catch (err) {
		pageError(err, locals.locale);
	}
	const householdId = url.searchParams.get('household') ?? '';
	const household = /^[0-9a-f-]{36}$/i.test(householdId) ? await householdLabel(locals.core.db, locals.actor, householdId) : null;
	return { household, initial: { householdId: household?.id ?? '', language: 'nl', contactChannel: 'letter' } };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = await formObject(request);
		let id: string;
		try {
			id = (await createResident(locals.core.db, locals.actor, values as ResidentInput)).id;
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, `/staff/residents/${id}?created`);
	}
};
