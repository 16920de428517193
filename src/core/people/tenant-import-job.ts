// For the upload page: checks who may import, creates the import job, and runs the tenant import in the background of
// this server process, so the page can redirect to the job at once and show its progress bar.
import type { Actor } from '../access';
import { authorize, can } from '../access/index';
import type { Db } from '../db';
import { DomainError, Invalid, NotFound } from '../errors';
import type { Locale } from '../i18n/index';
import { finishImportJob, reportProgress, startImportJob } from '../jobs';
import { organisationById, organisationsOfKind } from '../partners';
import { parseInput } from '../validation';
import { loadTenantImportContext } from './access';
import { parseCsv } from '../formats';
import { importTenants, tenantImportInput, type TenantImportInput, type TenantImportResult } from './tenant-import';
import { tenantJobReport } from './tenant-report';

/** The housing companies this actor may import tenants for: those whose estates all lie where the institute works, its own for a company. */
export async function importableHousingCompanies(db: Db, actor: Actor): Promise<Array<{ id: string; name: string }>> {
	const companies = await organisationsOfKind(db, 'housing_company');
	const allowed = await Promise.all(companies.map(async (c) => can(actor, 'import', 'household', await loadTenantImportContext(db, c.id))));
	return companies.filter((_, i) => allowed[i]);
}

export async function startTenantImport(
	db: Db,
	actor: Actor,
	input: TenantImportInput & { locale: Locale },
	onError?: (err: unknown) => void
): Promise<{ jobId: string; done: Promise<TenantImportResult | null> }> {
	const v = parseInput(tenantImportInput, input);
	const company = await organisationById(db, v.housingCompanyId);
	if (!company) throw new NotFound('organisation', v.housingCompanyId);
	if (company.kind !== 'housing_company') throw Invalid.field('housingCompanyId', 'not_housing_company', 'This organisation is not a housing company');
	authorize(actor, 'import', 'household', await loadTenantImportContext(db, company.id));
	const total = Math.max(0, parseCsv(v.csv).records.length - 1);
	const jobId = await startImportJob(db, actor, 'tenants', { dryRun: v.dryRun, fileName: v.fileName ?? null, total });
	// Progress is written from outside the import's transaction and never awaited inside it (on SQLite the write waits
	// for the transaction's connection); the writes still pending are awaited before the job is finished.
	const pending = new Set<Promise<void>>();
	const onProgress = (processed: number, all: number) => {
		const p: Promise<void> = reportProgress(db, jobId, processed, all)
			.catch(() => {})
			.finally(() => pending.delete(p));
		pending.add(p);
	};
	const done = importTenants(db, actor, v, onProgress)
		.then(async (result) => {
			await Promise.allSettled([...pending]);
			await reportProgress(db, jobId, total, total);
			await finishImportJob(db, jobId, 'done', tenantJobReport(result, input.locale));
			return result;
		})
		.catch(async (err) => {
			await Promise.allSettled([...pending]);
			const code = err instanceof Invalid && err.issues[0] ? err.issues[0].code : err instanceof DomainError ? err.code : 'server';
			await finishImportJob(db, jobId, 'failed', { kind: 'tenants', error: code }).catch(() => {});
			if (!(err instanceof DomainError)) onError?.(err);
			return null;
		});
	return { jobId, done };
}
