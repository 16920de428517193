// Adding a household (optionally in a dwelling: ?dwelling=…), then its residents from the household page.
import { redirect } from '@sveltejs/kit';
import { authorize } from '$core/access';
import { dwellingChoices } from '$core/people';
import { createHousehold, type HouseholdInput } from '$core/people';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	try {
		authorize(locals.actor, 'create', 'household');
		return { dwellings: await dwellingChoices(locals.core.db, locals.actor), initial: { dwellingId: url.searchParams.get('dwelling') ?? '' } };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = await formObject(request);
		let id: string;
		try {
			id = (await createHousehold(locals.core.db, locals.actor, values as HouseholdInput)).id;
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, `/staff/households/${id}?created`);
	}
};
