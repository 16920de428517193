// Editing a household's name and tenancy: the dwelling, tenancy number, move-in and move-out date.
import { redirect } from '@sveltejs/kit';
import { Forbidden } from '$core/errors';
import { dwellingChoices } from '$core/people';
import { getHousehold, updateHousehold, type HouseholdInput } from '$core/people';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const { household: h, visibility } = await getHousehold(locals.core.db, locals.actor, params.id);
	if (!visibility.update) throw new Forbidden();
	return {
		id: h.id,
		name: h.name,
		dwellings: await dwellingChoices(locals.core.db, locals.actor),
		initial: {
			name: h.name,
			dwellingId: h.dwelling_id ?? '',
			externalRef: h.external_ref ?? '',
			moveInDate: h.move_in_date ?? '',
			moveOutDate: h.move_out_date ?? ''
		}
	};
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		await updateHousehold(locals.core.db, locals.actor, params.id, values as HouseholdInput);
		redirect(303, `/staff/households/${params.id}?saved`);
	})
};
