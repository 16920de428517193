// Imports a housing company's tenant export: reads and checks the CSV, plans against what the database holds, and
// writes the plan in ONE transaction (a dry run plans the same way and writes nothing). With rejected rows the real run
// stores nothing unless the user asked to import the valid rows anyway. Re-importing the same file changes nothing.
import { z } from 'zod';
import type { Actor } from '../access';
import { audit } from '../access';
import { authorize } from '../access/index';
import {
	dwellingIdsOfHousingCompany,
	dwellingRefsOutsideHousingCompany,
	housingStockOf,
	insertImportedBuilding,
	insertImportedDwelling,
	updateImportedDwelling
} from '../areas';
import { inTransaction, type Db } from '../db';
import { newId, nowIso } from '../db';
import { Invalid, NotFound } from '../errors';
import { organisationById } from '../partners';
import { parseInput } from '../validation';
import { loadTenantImportContext } from './access';
import { readTenantFile, type Rejection, type TenantFile } from './tenant-csv';
import { planTenantImport, type Operation, type RowOutcome, type TenantSnapshot } from './tenant-plan';

export const tenantImportInput = z.object({
	housingCompanyId: z.uuid(),
	csv: z.string().max(50_000_000),
	fileName: z.string().max(300).optional().nullable(),
	dryRun: z.boolean().default(false),
	/** With rejected rows: store the valid rows anyway (otherwise a real run stores nothing). */
	importValidRows: z.boolean().default(false)
});
export type TenantImportInput = z.input<typeof tenantImportInput>;

export type ImportOutcome = 'dry_run' | 'stored' | 'nothing_to_change' | 'nothing_stored_rejected_rows' | 'file_rejected';

export type TenantImportResult = {
	outcome: ImportOutcome;
	dryRun: boolean;
	stored: boolean;
	housingCompany: { id: string; name: string };
	summary: {
		rows: number;
		created: number;
		updated: number;
		unchanged: number;
		rejected: number;
		notInFile: number;
		buildingsCreated: number;
		dwellingsCreated: number;
		dwellingsUpdated: number;
		householdsCreated: number;
		householdsUpdated: number;
		residentsCreated: number;
		residentsUpdated: number;
	};
	rows: RowOutcome[];
	rejected: Rejection[];
	notInFile: Array<{ householdId: string; tenancyRef: string | null }>;
	missingColumns: string[];
	ignoredColumns: string[];
};

export type ProgressListener = (processed: number, total: number) => void;

/** What the database holds for one housing company: its estates' buildings, dwellings, households and residents. */
export async function loadTenantSnapshot(db: Db, housingCompanyId: string, fileDwellingRefs: readonly string[] = []): Promise<TenantSnapshot> {
	const companyDwellings = dwellingIdsOfHousingCompany(db, housingCompanyId);
	const companyHouseholds = db.selectFrom('households').select('id').where('dwelling_id', 'in', companyDwellings);
	const [{ estates, buildings, dwellings }, households, residents] = await Promise.all([
		housingStockOf(db, housingCompanyId),
		db
			.selectFrom('households')
			.select(['id', 'external_ref', 'dwelling_id', 'name', 'move_in_date', 'move_out_date'])
			.where('dwelling_id', 'in', companyDwellings)
			.execute(),
		db
			.selectFrom('residents')
			.select(['id', 'household_id', 'external_ref', 'first_name', 'last_name', 'birth_year', 'language', 'phone', 'email', 'contact_channel'])
			.where('household_id', 'in', companyHouseholds)
			.orderBy('id')
			.execute()
	]);
	const foreignDwellingRefs = new Set(
		(await dwellingRefsOutsideHousingCompany(db, housingCompanyId, fileDwellingRefs)).map((ref) => ref.trim().toLowerCase().replace(/\s+/g, ' '))
	);
	return {
		housingCompanyId,
		foreignDwellingRefs,
		today: new Date().toISOString().slice(0, 10),
		estates,
		buildings,
		dwellings,
		households: households.map((h) => ({
			id: h.id,
			externalRef: h.external_ref,
			dwellingId: h.dwelling_id,
			name: h.name,
			moveInDate: h.move_in_date,
			moveOutDate: h.move_out_date
		})),
		residents: residents.map((r) => ({
			id: r.id,
			householdId: r.household_id,
			externalRef: r.external_ref,
			firstName: r.first_name,
			lastName: r.last_name,
			birthYear: r.birth_year,
			language: r.language,
			phone: r.phone,
			email: r.email,
			contactChannel: r.contact_channel
		}))
	};
}

function summarise(file: TenantFile, rows: RowOutcome[], rejected: Rejection[], notInFile: number): TenantImportResult['summary'] {
	const ops = rows.flatMap((r) => r.operations);
	const count = (entity: Operation['entity'], kind: Operation['kind']) => ops.filter((o) => o.entity === entity && o.kind === kind).length;
	return {
		rows: file.dataRows,
		created: rows.filter((r) => r.status === 'created').length,
		updated: rows.filter((r) => r.status === 'updated').length,
		unchanged: rows.filter((r) => r.status === 'unchanged').length,
		rejected: new Set(rejected.map((r) => r.line)).size,
		notInFile,
		buildingsCreated: count('building', 'create'),
		dwellingsCreated: count('dwelling', 'create'),
		dwellingsUpdated: count('dwelling', 'update'),
		householdsCreated: count('household', 'create'),
		householdsUpdated: count('household', 'update'),
		residentsCreated: count('resident', 'create'),
		residentsUpdated: count('resident', 'update')
	};
}

async function write(tx: Db, actor: Actor, line: number, op: Operation): Promise<void> {
	const at = nowIso();
	if (op.kind === 'create') {
		if (op.entity === 'building') await insertImportedBuilding(tx, op.id, op.values);
		else if (op.entity === 'dwelling') await insertImportedDwelling(tx, op.id, op.values);
		else if (op.entity === 'household')
			await tx
				.insertInto('households')
				.values({ ...op.values, id: op.id, created_at: at, updated_at: at })
				.execute();
		else
			await tx
				.insertInto('residents')
				.values({ ...op.values, id: op.id, created_at: at, updated_at: at })
				.execute();
		await audit(tx, actor, { action: 'create', resourceType: op.entity, resourceId: op.id, summary: `tenant import line ${line}` });
		return;
	}
	if (op.entity === 'dwelling') await updateImportedDwelling(tx, op.id, op.values);
	else if (op.entity === 'household')
		await tx
			.updateTable('households')
			.set({ ...op.values, updated_at: at })
			.where('id', '=', op.id)
			.execute();
	else
		await tx
			.updateTable('residents')
			.set({ ...op.values, updated_at: at })
			.where('id', '=', op.id)
			.execute();
	await audit(tx, actor, {
		action: 'update',
		resourceType: op.entity,
		resourceId: op.id,
		summary: `tenant import line ${line}; fields: ${Object.keys(op.values).join(', ')}`
	});
}

/**
 * Imports tenants for one housing company. `onProgress` is called (not awaited) as rows are written, so a caller can
 * update a progress bar from another connection; it must not wait for this transaction.
 */
export async function importTenants(db: Db, actor: Actor, input: TenantImportInput, onProgress?: ProgressListener): Promise<TenantImportResult> {
	const v = parseInput(tenantImportInput, input);
	const company = await organisationById(db, v.housingCompanyId);
	if (!company) throw new NotFound('organisation', v.housingCompanyId);
	if (company.kind !== 'housing_company') throw Invalid.field('housingCompanyId', 'not_housing_company', 'This organisation is not a housing company');
	authorize(actor, 'import', 'household', await loadTenantImportContext(db, company.id));
	const file = readTenantFile(v.csv);
	const total = file.dataRows;
	const base = {
		dryRun: v.dryRun,
		housingCompany: { id: company.id, name: company.name },
		missingColumns: file.missingColumns,
		ignoredColumns: file.ignoredColumns
	};
	if (file.missingColumns.length > 0 || total === 0) {
		const rejected: Rejection[] = file.missingColumns.length
			? [{ line: 1, code: 'missing_columns', params: { columns: file.missingColumns.join(', ') } }]
			: [{ line: 1, code: 'empty_file' }];
		onProgress?.(total, total);
		return { ...base, outcome: 'file_rejected', stored: false, summary: summarise(file, [], rejected, 0), rows: [], rejected, notInFile: [] };
	}

	return inTransaction(db, async (tx) => {
		const plan = planTenantImport(
			await loadTenantSnapshot(
				tx,
				company.id,
				file.rows.map((r) => r.dwellingRef)
			),
			file,
			() => newId()
		);
		const result = (outcome: ImportOutcome, stored: boolean): TenantImportResult => ({
			...base,
			outcome,
			stored,
			summary: summarise(file, plan.rows, plan.rejected, plan.notInFile.length),
			rows: plan.rows,
			rejected: plan.rejected,
			notInFile: plan.notInFile
		});
		const writes = plan.rows.reduce((n, r) => n + r.operations.length, 0);
		if (v.dryRun) return result('dry_run', false);
		if (plan.rejected.length > 0 && !v.importValidRows) return result('nothing_stored_rejected_rows', false);
		if (writes === 0) return result('nothing_to_change', false);
		let processed = plan.rejected.length;
		for (const row of plan.rows) {
			for (const op of row.operations) await write(tx, actor, row.line, op);
			processed++;
			if (processed % 25 === 0) onProgress?.(processed, total);
		}
		const r = result('stored', true);
		await audit(tx, actor, {
			action: 'import',
			resourceType: 'tenants',
			resourceId: company.id,
			summary: `created ${r.summary.created}, updated ${r.summary.updated}, unchanged ${r.summary.unchanged}, rejected ${r.summary.rejected}`
		});
		return r;
	});
}
