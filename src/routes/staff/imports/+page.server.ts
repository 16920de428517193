import { staffPermissions } from '$core/access';
import { listImportJobs } from '$core/jobs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const jobs = await listImportJobs(locals.core.db, locals.actor, { limit: 30 });
	const can = staffPermissions(locals.actor);
	// Tenants come from a housing company's system: the tenants import page decides per company who may.
	return { jobs, canImportAreas: can.importAreas, canImportTenants: can.importTenants };
};
