import { redirect } from '@sveltejs/kit';
import { inviteUser } from '$core/auth';
import type { InvitationInput } from '$core/partners/model';
import { listOrganisations } from '$core/partners';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const organisations = (await listOrganisations(locals.core.db, locals.actor)).map((o) => ({ id: o.id, name: o.name }));
	return { organisations, organisationId: url.searchParams.get('organisationId') ?? '' };
});

export const actions: Actions = {
	default: formAction(async ({ locals }, form) => {
		// The link in the mail leads back to the address the admin is using now.
		const user = await inviteUser(locals.core.db, locals.actor, { ...form, baseUrl: locals.core.config.origin } as InvitationInput);
		const id = user.id;
		redirect(303, `/admin/users/${id}?invited`);
	})
};
