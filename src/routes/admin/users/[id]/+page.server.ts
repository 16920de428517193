import { resendInvitation } from '$core/auth';
import type { UserUpdate } from '$core/partners/model';
import { listOrganisations, listTeams } from '$core/partners';
import { deactivateUser, getUser, reactivateUser, updateUser } from '$core/auth';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db } = locals.core;
	const user = await getUser(db, locals.actor, params.id);
	const organisations = (await listOrganisations(db, locals.actor)).map((o) => ({ id: o.id, name: o.name }));
	const teams = user.organisation_id ? await listTeams(db, locals.actor, user.organisation_id) : [];
	const self = locals.actor.kind === 'staff' && locals.actor.id === user.id;
	return { person: user, organisations, teams, self, invited: url.searchParams.has('invited') };
});

export const actions: Actions = {
	update: formAction(
		async ({ locals, params }, form) => {
			await updateUser(locals.core.db, locals.actor, { teamIds: [], ...form, id: params.id } as UserUpdate);
			return { done: 'saved', scope: 'update' };
		},
		{ scope: 'update' }
	),
	deactivate: formAction(
		async ({ locals, params }) => {
			await deactivateUser(locals.core.db, locals.actor, params.id);
			return { done: 'deactivated', scope: 'status' };
		},
		{ scope: 'status', values: () => ({}) }
	),
	reactivate: formAction(
		async ({ locals, params }) => {
			await reactivateUser(locals.core.db, locals.actor, params.id);
			return { done: 'reactivated', scope: 'status' };
		},
		{ scope: 'status', values: () => ({}) }
	),
	resend: formAction(
		async ({ locals, params }) => {
			await resendInvitation(locals.core.db, locals.actor, { userId: params.id, baseUrl: locals.core.config.origin });
			return { done: 'resent', scope: 'invitation' };
		},
		{ scope: 'invitation', values: () => ({}) }
	)
};
