import { redirect } from '@sveltejs/kit';
import { NotFound } from '$core/errors';
import type { OrganisationUpdate } from '$core/partners/model';
import {
	addTeamMember,
	createTeam,
	deleteOrganisation,
	deleteTeam,
	getOrganisation,
	getTeam,
	listTeams,
	removeTeamMember,
	renameTeam,
	updateOrganisation
} from '$core/partners';
import { listUsers } from '$core/auth';
import { addWorkingArea, listWorkingAreas, removeWorkingArea } from '$core/partners';
import { listAreas } from '$core/areas';
import { askFirst, confirmed } from '$lib/server/confirmation';
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
	delete: async (event) => {
		const { request, locals, params } = event;
		const form = await formObject(request);
		try {
			if (!confirmed(form)) {
				const organisation = await getOrganisation(locals.core.db, locals.actor, params.id);
				return askFirst(event, form, { kind: 'delete_organisation', params: { name: organisation.name } });
			}
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
	removeArea: async (event) => {
		const { request, locals, params } = event;
		const form = await formObject(request);
		try {
			if (!confirmed(form)) {
				const organisation = await getOrganisation(locals.core.db, locals.actor, params.id);
				const area = (await listWorkingAreas(locals.core.db, locals.actor, params.id)).find((a) => a.areaId === field(form, 'areaId'));
				if (!area) throw new NotFound('area', field(form, 'areaId'));
				return askFirst(event, form, { kind: 'remove_working_area', params: { organisation: organisation.name, area: area.name }, verb: 'remove' });
			}
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
	deleteTeam: async (event) => {
		const { request, locals } = event;
		const form = await formObject(request);
		const scope = `team-${field(form, 'teamId')}`;
		try {
			if (!confirmed(form)) {
				const team = await getTeam(locals.core.db, locals.actor, field(form, 'teamId'));
				return askFirst(event, form, { kind: 'delete_team', params: { team: team.name } });
			}
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
	removeMember: async (event) => {
		const { request, locals } = event;
		const form = await formObject(request);
		const scope = `team-${field(form, 'teamId')}`;
		try {
			if (!confirmed(form)) {
				const team = await getTeam(locals.core.db, locals.actor, field(form, 'teamId'));
				const member = team.members.find((m) => m.id === field(form, 'userId'));
				if (!member) throw new NotFound('user', field(form, 'userId'));
				return askFirst(event, form, { kind: 'remove_team_member', params: { name: member.name, team: team.name }, verb: 'remove' });
			}
			await removeTeamMember(locals.core.db, locals.actor, { teamId: field(form, 'teamId'), userId: field(form, 'userId') });
		} catch (err) {
			return adminFailure(err, locals.locale, form, scope);
		}
		return { done: 'member_removed', scope };
	}
};
