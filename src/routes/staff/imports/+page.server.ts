import { can } from '$core/access';
import { listImportJobs } from '$core/jobs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const jobs = await listImportJobs(locals.core.db, locals.actor, { limit: 30 });
	return {
		jobs,
		canImportAreas: can(locals.actor, 'import', 'area'),
		// Tenants come from a housing company's system: the tenants import page decides per company who may.
		canImportTenants: locals.actor.kind === 'staff' && locals.actor.role !== 'admin'
	};
};
