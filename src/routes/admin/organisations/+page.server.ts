import { redirect } from '@sveltejs/kit';
import { createOrganisation, listOrganisations } from '$core/partners';
import type { OrganisationInput } from '$core/partners/model';
import { formObject, pageError } from '$lib/server/problem';
import { adminFailure } from '../forms';
import { municipalityChoices } from './municipalities';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	try {
		return {
			organisations: await listOrganisations(locals.core.db, locals.actor),
			municipalities: await municipalityChoices(locals),
			deleted: url.searchParams.has('deleted')
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await formObject(request);
		let id: string;
		try {
			id = (await createOrganisation(locals.core.db, locals.actor, form as OrganisationInput)).id;
		} catch (err) {
			return adminFailure(err, locals.locale, form, 'create');
		}
		redirect(303, `/admin/organisations/${id}?created`);
	}
};
