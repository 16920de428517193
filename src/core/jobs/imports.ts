// Import jobs (areas from GeoJSON, tenants from CSV): a row that tracks progress so a page can show a progress bar,
// and that keeps the final report (what changed, every rejected row or feature with its reason).
import type { Db } from '../db';
import { newId, nowIso } from '../db';
import type { ImportJob } from '../db';
import { NotFound } from '../errors';
import type { Actor } from '../access';
import { refreshStatistics } from '../db';

export type ImportKind = ImportJob['kind'];

export async function startImportJob(
	db: Db,
	actor: Actor,
	kind: ImportKind,
	options: { dryRun: boolean; fileName?: string | null; total?: number }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('import_jobs')
		.values({
			id,
			kind,
			status: 'running',
			dry_run: options.dryRun,
			file_name: options.fileName ?? null,
			total: options.total ?? 0,
			processed: 0,
			report: null,
			created_by: actor.kind === 'staff' ? actor.id : null,
			created_at: nowIso(),
			finished_at: null
		})
		.execute();
	return id;
}

export async function reportProgress(db: Db, id: string, processed: number, total?: number): Promise<void> {
	await db
		.updateTable('import_jobs')
		.set(total === undefined ? { processed } : { processed, total })
		.where('id', '=', id)
		.execute();
}

export async function finishImportJob(db: Db, id: string, status: 'done' | 'failed', report: unknown): Promise<void> {
	const job = await db.updateTable('import_jobs').set({ status, report, finished_at: nowIso() }).where('id', '=', id).returning('dry_run').executeTakeFirst();
	// An import can change a table's shape at once: fresh (sampled) statistics, so the next queries plan well. A dry
	// run changed nothing.
	if (status === 'done' && job && !job.dry_run) await refreshStatistics(db);
}

/** A job is readable by whoever started it and by coordinators and admins. */
export async function getImportJob(db: Db, actor: Actor, id: string): Promise<ImportJob> {
	const job = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
	if (!job) throw new NotFound('import', id);
	const allowed =
		actor.kind === 'system' || (actor.kind === 'staff' && (job.created_by === actor.id || actor.role === 'admin' || actor.role === 'coordinator'));
	if (!allowed) throw new NotFound('import', id);
	return job;
}

export type ImportJobSummary = Omit<ImportJob, 'report'>;

/** The latest imports the actor may open (the same rule as getImportJob), newest first, without their reports. */
export async function listImportJobs(db: Db, actor: Actor, options: { kind?: ImportKind; limit?: number } = {}): Promise<ImportJobSummary[]> {
	if (actor.kind === 'anonymous') return [];
	let q = db
		.selectFrom('import_jobs')
		.select(['id', 'kind', 'status', 'dry_run', 'file_name', 'total', 'processed', 'created_by', 'created_at', 'finished_at'])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(options.limit ?? 50);
	if (options.kind) q = q.where('kind', '=', options.kind);
	if (actor.kind === 'staff' && actor.role !== 'admin' && actor.role !== 'coordinator') q = q.where('created_by', '=', actor.id);
	return q.execute();
}
