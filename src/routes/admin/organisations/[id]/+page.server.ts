import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import type { OrganisationUpdate } from '$core/partners/model';
import { addTeamMember, createTeam, deleteOrganisation, deleteTeam, getOrganisation, getTeam, listTeams, removeTeamMember, renameTeam, updateOrganisation } from '$core/partners/service';
import { listUsers } from '$core/auth/accounts';
import { addWorkingArea, listWorkingAreas, removeWorkingArea } from '$core/partners/reach';
import { listAreas } from '$core/areas/service';
import { formObject, pageError } from '$lib/server/problem';
import { adminFailure, field } from '../../forms';
import { municipalityChoices } from '../municipalities';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.core;
	try {
		const organisation = await getOrganisation(db, locals.actor, params.id);
		const teams = await Promise.all((await listTeams(db, locals.actor, organisation.id)).map((team) => getTeam(db, locals.actor, team.id)));
		const staff = await listUsers(db, locals.actor, { organisationId: organisation.id, status: 'all' });
		const municipalities = await municipalityChoices(locals);
		const workingAreas = await listWorkingAreas(db, locals.actor, organisation.id);
		const chosen = new Set(workingAreas.map((a) => a.areaId));
		const areaChoices = (await listAreas(db, locals.actor)).filter((a) => !chosen.has(a.id)).map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
		return {
			organisation,
			teams,
			municipalities,
			workingAreas,
			areaChoices,
			staff: staff.map((u) => ({ id: u.id, name: u.name, status: u.status })),
			created: url.searchParams.has('created')
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};

/** Irreversible actions ask for a ticked box first. */
function unconfirmed(form: Record<string, unknown>, locale: App.Locals['locale'], scope: string) {
	if (field(form, 'confirm') === 'yes') return null;
	return fail(400, { errors: { confirm: translate(locale, 'admin.confirm_required') }, message: translate(locale, 'common.form_has_errors'), values: form, scope });
}

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const form = await formObject(request);
		try {
			await updateOrganisation(locals.core.db, locals.actor, { ...form, id: params.id } as OrganisationUpdate);
		} catch (err) {
			return adminFailure(err, locals.locale, form, 'update');
		}
		return { done: 'saved', scope: 'update' };
	},
	delete: async ({ request, locals, params }) => {
		const form = await formObject(request);
		const refused = unconfirmed(form, locals.locale, 'delete');
		if (refused) return refused;
		try {
			await deleteOrganisation(locals.core.db, locals.actor, params.id);
		} catch (err) {
			return adminFailure(err, locals.locale, form, 'delete');
		}
		redirect(303, '/admin/organisations?deleted');
	},
	/** Where the organisation works: its staff read and change people, signals and places there only. */
	addArea: async ({ request, locals, params }) => {
		const form = await formObject(request);
		try {
			await addWorkingArea(locals.core.db, locals.actor, { organisationId: params.id, areaId: field(form, 'areaId') });
		} catch (err) {
			return adminFailure(err, locals.locale, form, 'areas');
		}
		return { done: 'area_added', scope: 'areas' };
	},
	removeArea: async ({ request, locals, params }) => {
		const form = await formObject(request);
		try {
			await removeWorkingArea(locals.core.db, locals.actor, { organisationId: params.id, areaId: field(form, 'areaId') });
		} catch (err) {
			return adminFailure(err, locals.locale, form, 'areas');
		}
		return { done: 'area_removed', scope: 'areas' };
	},
	createTeam: async ({ request, locals, params }) => {
		const form = await formObject(request);
		try {
			await createTeam(locals.core.db, locals.actor, { organisationId: params.id, name: field(form, 'name') });
		} catch (err) {
			return adminFailure(err, locals.locale, form, 'createTeam');
		}
		return { done: 'team_created', scope: 'createTeam' };
	},
	renameTeam: async ({ request, locals }) => {
		const form = await formObject(request);
		const scope = `team-${field(form, 'teamId')}`;
		try {
			await renameTeam(locals.core.db, locals.actor, { id: field(form, 'teamId'), name: field(form, 'name') });
		} catch (err) {
			return adminFailure(err, locals.locale, form, scope);
		}
		return { done: 'saved', scope };
	},
	deleteTeam: async ({ request, locals }) => {
		const form = await formObject(request);
		const scope = `team-${field(form, 'teamId')}`;
		const refused = unconfirmed(form, locals.locale, scope);
		if (refused) return refused;
		try {
			await deleteTeam(locals.core.db, locals.actor, field(form, 'teamId'));
		} catch (err) {
			return adminFailure(err, locals.locale, form, scope);
		}
		return { done: 'team_deleted', scope: 'teams' };
	},
	addMember: async ({ request, locals }) => {
		const form = await formObject(request);
		const scope = `team-${field(form, 'teamId')}`;
		try {
			await addTeamMember(locals.core.db, locals.actor, { teamId: field(form, 'teamId'), userId: field(form, 'userId') });
		} catch (err) {
			return adminFailure(err, locals.locale, form, scope);
		}
		return { done: 'member_added', scope };
	},
	removeMember: async ({ request, locals }) => {
		const form = await formObject(request);
		const scope = `team-${field(form, 'teamId')}`;
		try {
			await removeTeamMember(locals.core.db, locals.actor, { teamId: field(form, 'teamId'), userId: field(form, 'userId') });
		} catch (err) {
			return adminFailure(err, locals.locale, form, scope);
		}
		return { done: 'member_removed', scope };
	}
};
