// Adding a household (optionally in a dwelling: ?dwelling=…), then its residents from the household page.
import { redirect } from '@sveltejs/kit';
import { authorize } from '$core/access';
import { dwellingChoices } from '$core/people';
import { createHousehold, type HouseholdInput } from '$core/people';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	authorize(locals.actor, 'create', 'household');
	return { dwellings: await dwellingChoices(locals.core.db, locals.actor), initial: { dwellingId: url.searchParams.get('dwelling') ?? '' } };
});

export const actions: Actions = {
	default: formAction(async ({ locals }, values) => {
		const id = (await createHousehold(locals.core.db, locals.actor, values as HouseholdInput)).id;
		redirect(303, `/staff/households/${id}?created`);
	})
};
