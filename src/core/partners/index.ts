// The partners module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { changedFields } from './changes';
export {
	countOrganisationsAndTeams,
	organisationExists,
	organisationById,
	organisationByName,
	organisationNames,
	organisationsOfKind,
	setTeamsOfMember,
	teamIdsOfMember,
	teamsByIds
} from './lookups';
export { addWorkingArea, listWorkingAreas, loadReach, organisationsWorkingAt, removeWorkingArea } from './reach';
export type { OrganisationChoice } from './reach';
export { createOrganisation, deleteOrganisation, getOrganisation, listOrganisations, updateOrganisation } from './organisations';
export { addTeamMember, createTeam, deleteTeam, getTeam, listTeams, removeTeamMember, renameTeam } from './teams';
