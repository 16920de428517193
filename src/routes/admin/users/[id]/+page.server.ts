import { resendInvitation } from '$core/auth';
import type { UserUpdate } from '$core/partners/model';
import { listOrganisations, listTeams } from '$core/partners';
import { deactivateUser, getUser, reactivateUser, updateUser } from '$core/auth';
import { readForm } from '$lib/server/form-body';
import { formObject, pageError } from '$lib/server/problem';
import { adminFailure } from '../../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.core;
	try {
		const user = await getUser(db, locals.actor, params.id);
		const organisations = (await listOrganisations(db, locals.actor)).map((o) => ({ id: o.id, name: o.name }));
		const teams = user.organisation_id ? await listTeams(db, locals.actor, user.organisation_id) : [];
		const self = locals.actor.kind === 'staff' && locals.actor.id === user.id;
		return { person: user, organisations, teams, self, invited: url.searchParams.has('invited') };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const form = await formObject(request);
		try {
			await updateUser(locals.core.db, locals.actor, { teamIds: [], ...form, id: params.id } as UserUpdate);
		} catch (err) {
			return adminFailure(err, locals.locale, form, 'update');
		}
		return { done: 'saved', scope: 'update' };
	},
	deactivate: async ({ locals, params, request }) => {
		await readForm(request); // a button without fields: still only a well-formed post acts
		try {
			await deactivateUser(locals.core.db, locals.actor, params.id);
		} catch (err) {
			return adminFailure(err, locals.locale, {}, 'status');
		}
		return { done: 'deactivated', scope: 'status' };
	},
	reactivate: async ({ locals, params, request }) => {
		await readForm(request); // a button without fields: still only a well-formed post acts
		try {
			await reactivateUser(locals.core.db, locals.actor, params.id);
		} catch (err) {
			return adminFailure(err, locals.locale, {}, 'status');
		}
		return { done: 'reactivated', scope: 'status' };
	},
	resend: async ({ locals, params, request }) => {
		await readForm(request); // a button without fields: still only a well-formed post acts
		try {
			await resendInvitation(locals.core.db, locals.actor, { userId: params.id, baseUrl: locals.core.config.origin });
		} catch (err) {
			return adminFailure(err, locals.locale, {}, 'invitation');
		}
		return { done: 'resent', scope: 'invitation' };
	}
};
