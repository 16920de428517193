// Editing a resident's facts. Loading the form is a read of their record (audited by getResident).
import { redirect } from '@sveltejs/kit';
import { Forbidden } from '$core/errors';
import { getResident, updateResident, type ResidentInput } from '$core/people';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const { resident: r, visibility } = await getResident(locals.core.db, locals.actor, params.id);
	if (!visibility.update) throw new Forbidden();
	return {
		id: r.id,
		name: `${r.first_name} ${r.last_name}`,
		initial: {
			householdId: r.household_id ?? '',
			firstName: r.first_name,
			lastName: r.last_name,
			birthYear: r.birth_year ?? '',
			language: r.language,
			contactChannel: r.contact_channel,
			email: r.email ?? '',
			phone: r.phone ?? '',
			externalRef: r.external_ref ?? '',
			isVolunteer: r.is_volunteer
		}
	};
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		await updateResident(locals.core.db, locals.actor, params.id, values as ResidentInput);
		redirect(303, `/staff/residents/${params.id}?saved`);
	})
};
