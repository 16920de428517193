// The full report of one tenant import: outcome, counts, every rejected row, what changes per row, and the
// households not in the file. While the import runs, the page shows its progress.
import { getImportJob } from '$core/jobs';
import { NotFound } from '$core/errors';
import type { TenantJobReport } from '$core/people';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const job = await getImportJob(locals.core.db, locals.actor, params.id);
	if (job.kind !== 'tenants') throw new NotFound('import', params.id);
	const report = job.status === 'done' ? (job.report as TenantJobReport) : null;
	return {
		job: { id: job.id, status: job.status, dryRun: job.dry_run, fileName: job.file_name, total: job.total, processed: job.processed },
		report
	};
});
