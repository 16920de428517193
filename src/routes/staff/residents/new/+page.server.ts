// Adding a resident, on their own or (with ?household=…) to a household.
import { redirect } from '@sveltejs/kit';
import { authorize } from '$core/access';
import { createResident, householdLabel, type ResidentInput } from '$core/people';
import { formAction, pageLoad } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	authorize(locals.actor, 'create', 'resident');
	const householdId = url.searchParams.get('household') ?? '';
	const household = /^[0-9a-f-]{36}$/i.test(householdId) ? await householdLabel(locals.core.db, locals.actor, householdId) : null;
	return { household, initial: { householdId: household?.id ?? '', language: 'nl', contactChannel: 'letter' } };
});

export const actions: Actions = {
	default: formAction(async ({ locals }, values) => {
		const id = (await createResident(locals.core.db, locals.actor, values as ResidentInput)).id;
		redirect(303, `/staff/residents/${id}?created`);
	})
};
