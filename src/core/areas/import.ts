// Importing areas from a GeoJSON FeatureCollection (municipal open data, a neighbourhood drawn in a map tool).
// Policy: a broken feature is rejected with its index and reason while the good ones import, because open-data files
// often hold one odd shape and the person importing should not have to repair the file for the rest; but all writes
// happen in ONE transaction, so a failure half-way leaves nothing half-imported. A file that is not a
// FeatureCollection at all is refused whole. Re-importing the same file changes nothing (matched by kind + code,
// else by kind + name).
import { setImmediate as nextTick } from 'node:timers/promises';
import { audit, authorize, can, type Actor } from '../access';
import { inTransaction, type Db } from '../db';
import { newId, nowIso } from '../db';
import type { Area, AreaKind } from '../db';
import { DomainError, Invalid } from '../errors';
import { finishImportJob, reportProgress, startImportJob } from '../jobs';
import { parseInput } from '../validation';
import { isRejection, parseFeatureCollection, readAreaFeature, type AcceptedFeature, type FeatureRejection } from './geojson';
import { representativePoint, type AreaGeometry } from './geometry';
import { areasAt } from './lookup';
import { areaImportInput, slugify, type AreaImportInput } from './model';
import { boxColumns, freeSlug } from './areas';
import { areaNameKeys } from './addresses';
import { areaPath } from './tree';

export type AreaImportReport = {
	fileName: string | null;
	kind: AreaKind;
	dryRun: boolean;
	total: number;
	created: number;
	updated: number;
	unchanged: number;
	rejected: FeatureRejection[];
	/** Set when the whole file was refused: a code such as not_json or not_feature_collection. */
	error?: string;
};

export type ImportOptions = { jobId?: string; onProgress?: (processed: number, total: number) => void };

/** The kind an area of this kind usually lies in, to find its parent when none is given. */
const PARENT_KIND: Record<AreaKind, AreaKind | null> = {
	region: null,
	municipality: 'region',
	neighbourhood: 'municipality',
	focus_area: 'municipality',
	village: 'municipality'
};

class DryRunDone extends Error {}

const geometryKey = (g: unknown): string => {
	const x = g as { type?: string; coordinates?: unknown } | null;
	return x ? `${x.type}:${JSON.stringify(x.coordinates)}` : 'none';
};

async function detectParent(tx: Db, kind: AreaKind, geometry: AreaGeometry): Promise<string | null> {
	const parentKind = PARENT_KIND[kind];
	if (!parentKind) return null;
	const [lon, lat] = representativePoint(geometry);
	const holding = (await areasAt(tx, lon, lat)).find((a) => a.kind === parentKind);
	if (holding) return holding.id;
	// Regions are often kept without a boundary: with exactly one region, every municipality belongs to it.
	if (parentKind === 'region') {
		const regions = await tx.selectFrom('areas').select('id').where('kind', '=', 'region').limit(2).execute();
		if (regions.length === 1) return regions[0].id;
	}
	return null;
}

async function findExisting(tx: Db, kind: AreaKind, f: AcceptedFeature): Promise<Area | undefined> {
	if (f.code) {
		const byCode = await tx.selectFrom('areas').selectAll().where('kind', '=', kind).where('code', '=', f.code).executeTakeFirst();
		if (byCode) return byCode;
	}
	const bySlug = await tx.selectFrom('areas').selectAll().where('kind', '=', kind).where('slug', '=', slugify(f.name)).executeTakeFirst();
	return bySlug && (!f.code || !bySlug.code || bySlug.code === f.code) ? bySlug : undefined;
}

/** Writes the accepted features; returns the counts. Runs inside the caller's transaction. */
/** May the actor put an area under `parentId` (and change the existing area)? Admins anywhere, coordinators where they work. */
type PlaceGuard = (tx: Db, parentId: string | null, existing: { id: string; parent_id: string | null } | null) => Promise<boolean>;

function guardFor(actor: Actor): PlaceGuard {
	const mayPutUnder = async (tx: Db, parentId: string | null) => can(actor, 'create', 'area', { areaPath: await areaPath(tx, parentId) });
	return async (tx, parentId, existing) =>
		existing
			? can(actor, 'update', 'area', { areaPath: await areaPath(tx, existing.id) }) && (parentId === existing.parent_id || (await mayPutUnder(tx, parentId)))
			: mayPutUnder(tx, parentId);
}

async function upsertAreas(tx: Db, kind: AreaKind, parentId: string | null, accepted: AcceptedFeature[], guard: PlaceGuard, rejected: FeatureRejection[]) {
	let created = 0;
	let updated = 0;
	let unchanged = 0;
	for (const f of accepted) {
		const existing = await findExisting(tx, kind, f);
		const parent = parentId ?? (await detectParent(tx, kind, f.geometry)) ?? existing?.parent_id ?? null;
		// An area outside the importer's working areas is left as it is, and named in the report.
		if (!(await guard(tx, parent, existing ?? null))) {
			rejected.push({ index: f.index, reason: 'outside_working_area', name: f.name });
			continue;
		}
		if (!existing) {
			const at = nowIso();
			const slug = await freeSlug(tx, 'areas', f.name);
			await tx
				.insertInto('areas')
				.values({
					id: newId(),
					parent_id: parent,
					kind,
					name: f.name,
					name_fr: f.nameFr,
					...areaNameKeys({ name: f.name, name_fr: f.nameFr }),
					slug,
					code: f.code,
					description: null,
					boundary: f.geometry,
					...boxColumns(f.geometry),
					created_at: at,
					updated_at: at
				})
				.execute();
			created++;
			continue;
		}
		const same =
			existing.name === f.name &&
			existing.name_fr === f.nameFr &&
			existing.code === (f.code ?? existing.code) &&
			existing.parent_id === parent &&
			geometryKey(existing.boundary) === geometryKey(f.geometry);
		if (same) {
			unchanged++;
			continue;
		}
		await tx
			.updateTable('areas')
			.set({
				name: f.name,
				name_fr: f.nameFr,
				...areaNameKeys({ name: f.name, name_fr: f.nameFr }),
				code: f.code ?? existing.code,
				parent_id: parent,
				boundary: f.geometry,
				...boxColumns(f.geometry),
				updated_at: nowIso()
			})
			.where('id', '=', existing.id)
			.execute();
		updated++;
	}
	return { created, updated, unchanged };
}

/** Checks every feature, outside the transaction, reporting progress; a second feature with the same code or name is rejected. */
async function checkFeatures(db: Db, features: unknown[], names: Parameters<typeof readAreaFeature>[2], options: ImportOptions) {
	const accepted: AcceptedFeature[] = [];
	const rejected: FeatureRejection[] = [];
	const seen = new Map<string, number>();
	for (let i = 0; i < features.length; i++) {
		const result = readAreaFeature(features[i], i, names);
		if (isRejection(result)) rejected.push(result);
		else {
			const key = result.code ? `code:${result.code}` : `name:${slugify(result.name)}`;
			const first = seen.get(key);
			if (first !== undefined) rejected.push({ index: i, reason: 'duplicate_in_file', name: result.name, params: { first: String(first + 1) } });
			else {
				seen.set(key, i);
				accepted.push(result);
			}
		}
		if ((i + 1) % 25 === 0 || i + 1 === features.length) {
			options.onProgress?.(i + 1, features.length);
			if (options.jobId) await reportProgress(db, options.jobId, i + 1, features.length);
			// Let the server answer other requests (the progress page) between batches.
			await nextTick();
		}
	}
	return { accepted, rejected };
}

/**
 * Imports areas from the text of a GeoJSON file. With a jobId, progress and the final report go to that import job
 * (also when the file is refused). A dry run reports what would change and writes nothing.
 */
export async function importAreas(db: Db, actor: Actor, input: AreaImportInput, options: ImportOptions = {}): Promise<AreaImportReport> {
	authorize(actor, 'import', 'area');
	const v = parseInput(areaImportInput, input);
	const base = { fileName: v.fileName, kind: v.kind, dryRun: v.dryRun, total: 0, created: 0, updated: 0, unchanged: 0, rejected: [] as FeatureRejection[] };
	try {
		const features = parseFeatureCollection(v.text);
		if (v.parentId && !(await db.selectFrom('areas').select('id').where('id', '=', v.parentId).executeTakeFirst())) {
			throw Invalid.field('parentId', 'not_found', 'The parent area does not exist');
		}
		const { accepted, rejected } = await checkFeatures(db, features, v, options);
		const report: AreaImportReport = { ...base, total: features.length, rejected: [...rejected] };
		try {
			await inTransaction(db, async (tx) => {
				Object.assign(report, await upsertAreas(tx, v.kind, v.parentId, accepted, guardFor(actor), report.rejected));
				if (v.dryRun) throw new DryRunDone();
				await audit(tx, actor, {
					action: 'import',
					resourceType: 'area',
					summary: `kind ${v.kind}: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected.length}`
				});
			});
		} catch (err) {
			if (!(err instanceof DryRunDone)) throw err;
		}
		if (options.jobId) await finishImportJob(db, options.jobId, 'done', report);
		return report;
	} catch (err) {
		if (options.jobId) {
			// For a refused file the report keeps the precise reason (not_json, …), which the job page translates.
			const code = err instanceof Invalid && err.issues[0] ? err.issues[0].code : err instanceof DomainError ? err.code : 'server';
			await finishImportJob(db, options.jobId, 'failed', { ...base, error: code }).catch(() => {});
		}
		throw err;
	}
}

/**
 * For the upload page: creates the import job and runs the import in the background of this server process, so the
 * page can redirect to the job at once and show its progress. The returned promise settles when the import ends.
 */
export async function startAreaImport(
	db: Db,
	actor: Actor,
	input: AreaImportInput,
	onError?: (err: unknown) => void
): Promise<{ jobId: string; done: Promise<AreaImportReport | null> }> {
	authorize(actor, 'import', 'area');
	const v = parseInput(areaImportInput, input);
	const jobId = await startImportJob(db, actor, 'areas', { dryRun: v.dryRun, fileName: v.fileName });
	const done = importAreas(db, actor, input, { jobId }).catch((err) => {
		// The job row already holds the failure for the page; only unexpected errors need the log.
		if (!(err instanceof DomainError)) onError?.(err);
		return null;
	});
	return { jobId, done };
}
