import { redirect } from '@sveltejs/kit';
import { createOrganisation, listOrganisations } from '$core/partners';
import type { OrganisationInput } from '$core/partners/model';
import { pageLoad, formAction } from '$lib/server/handlers';
import { municipalityChoices } from './municipalities';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	return {
		organisations: await listOrganisations(locals.core.db, locals.actor),
		municipalities: await municipalityChoices(locals),
		deleted: url.searchParams.has('deleted')
	};
});

export const actions: Actions = {
	create: formAction(
		async ({ locals }, form) => {
			const id = (await createOrganisation(locals.core.db, locals.actor, form as OrganisationInput)).id;
			redirect(303, `/admin/organisations/${id}?created`);
		},
		{ scope: 'create' }
	)
};
