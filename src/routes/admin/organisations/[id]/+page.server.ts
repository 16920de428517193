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
import { pageLoad, formAction } from '$lib/server/handlers';
import { field } from '../../forms';
import { municipalityChoices } from '../municipalities';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db } = locals.core;
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
});

export const actions: Actions = {
	update: formAction(
		async ({ locals, params }, form) => {
			await updateOrganisation(locals.core.db, locals.actor, { ...form, id: params.id } as OrganisationUpdate);
			return { done: 'saved', scope: 'update' };
		},
		{ scope: 'update' }
	),
	delete: formAction(
		async (event, form) => {
			const { locals, params } = event;
			if (!confirmed(form)) {
				const organisation = await getOrganisation(locals.core.db, locals.actor, params.id);
				return askFirst(event, form, { kind: 'delete_organisation', params: { name: organisation.name } });
			}
			await deleteOrganisation(locals.core.db, locals.actor, params.id);
			redirect(303, '/admin/organisations?deleted');
		},
		{ scope: 'delete' }
	),
	/** Where the organisation works: its staff read and change people, signals and places there only. */
	addArea: formAction(
		async ({ locals, params }, form) => {
			await addWorkingArea(locals.core.db, locals.actor, { organisationId: params.id, areaId: field(form, 'areaId') });
			return { done: 'area_added', scope: 'areas' };
		},
		{ scope: 'areas' }
	),
	removeArea: formAction(
		async (event, form) => {
			const { locals, params } = event;
			if (!confirmed(form)) {
				const organisation = await getOrganisation(locals.core.db, locals.actor, params.id);
				const area = (await listWorkingAreas(locals.core.db, locals.actor, params.id)).find((a) => a.areaId === field(form, 'areaId'));
				if (!area) throw new NotFound('area', field(form, 'areaId'));
				return askFirst(event, form, { kind: 'remove_working_area', params: { organisation: organisation.name, area: area.name }, verb: 'remove' });
			}
			await removeWorkingArea(locals.core.db, locals.actor, { organisationId: params.id, areaId: field(form, 'areaId') });
			return { done: 'area_removed', scope: 'areas' };
		},
		{ scope: 'areas' }
	),
	createTeam: formAction(
		async ({ locals, params }, form) => {
			await createTeam(locals.core.db, locals.actor, { organisationId: params.id, name: field(form, 'name') });
			return { done: 'team_created', scope: 'createTeam' };
		},
		{ scope: 'createTeam' }
	),
	renameTeam: formAction(
		async ({ locals }, form) => {
			const scope = `team-${field(form, 'teamId')}`;
			await renameTeam(locals.core.db, locals.actor, { id: field(form, 'teamId'), name: field(form, 'name') });
			return { done: 'saved', scope };
		},
		{ scope: (form) => `team-${field(form, 'teamId')}` }
	),
	deleteTeam: formAction(
		async (event, form) => {
			const { locals } = event;
			if (!confirmed(form)) {
				const team = await getTeam(locals.core.db, locals.actor, field(form, 'teamId'));
				return askFirst(event, form, { kind: 'delete_team', params: { team: team.name } });
			}
			await deleteTeam(locals.core.db, locals.actor, field(form, 'teamId'));
			return { done: 'team_deleted', scope: 'teams' };
		},
		{ scope: (form) => `team-${field(form, 'teamId')}` }
	),
	addMember: formAction(
		async ({ locals }, form) => {
			const scope = `team-${field(form, 'teamId')}`;
			await addTeamMember(locals.core.db, locals.actor, { teamId: field(form, 'teamId'), userId: field(form, 'userId') });
			return { done: 'member_added', scope };
		},
		{ scope: (form) => `team-${field(form, 'teamId')}` }
	),
	removeMember: formAction(
		async (event, form) => {
			const { locals } = event;
			const scope = `team-${field(form, 'teamId')}`;
			if (!confirmed(form)) {
				const team = await getTeam(locals.core.db, locals.actor, field(form, 'teamId'));
				const member = team.members.find((m) => m.id === field(form, 'userId'));
				if (!member) throw new NotFound('user', field(form, 'userId'));
				return askFirst(event, form, { kind: 'remove_team_member', params: { name: member.name, team: team.name }, verb: 'remove' });
			}
			await removeTeamMember(locals.core.db, locals.actor, { teamId: field(form, 'teamId'), userId: field(form, 'userId') });
			return { done: 'member_removed', scope };
		},
		{ scope: (form) => `team-${field(form, 'teamId')}` }
	)
};
