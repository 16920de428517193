import { redirect } from '@sveltejs/kit';
import { inviteUser } from '$core/auth';
import type { InvitationInput } from '$core/partners/model';
import { listOrganisations } from '$core/partners';
import { formObject, pageError } from '$lib/server/problem';
import { adminFailure } from '../../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	try {
		const organisations = (await listOrganisations(locals.core.db, locals.actor)).map((o) => ({ id: o.id, name: o.name }));
		return { organisations, organisationId: url.searchParams.get('organisationId') ?? '' };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await formObject(request);
		let id: string;
		try {
			// The link in the mail leads back to the address the admin is using now.
			const user = await inviteUser(locals.core.db, locals.actor, { ...form, baseUrl: locals.core.config.origin } as InvitationInput);
			id = user.id;
		} catch (err) {
			return adminFailure(err, locals.locale, form);
		}
		redirect(303, `/admin/users/${id}?invited`);
	}
};
