// The tenant import's result as the import job keeps it: counts, every rejected row with its line and a reason in
// the importer's language, and what changes per row. No names or contact details: only line numbers, tenancy and
// dwelling numbers and field names, because coordinators and admins (who see no residents) can open every job.
import { translate, type Locale } from '../i18n/index';
import type { Operation } from './tenant-plan';
import type { ImportOutcome, TenantImportResult } from './tenant-import';

export type TenantJobReport = {
	kind: 'tenants';
	outcome: ImportOutcome;
	dryRun: boolean;
	stored: boolean;
	/** The outcome in one sentence, in the importer's language. */
	message: string;
	housingCompany: string;
	summary: { rows: number; created: number; updated: number; unchanged: number; rejected: number; notInFile: number };
	/** The summary's labels in the importer's language, for a page that does not know this import. */
	summaryLabels: Record<string, string>;
	details: TenantImportResult['summary'];
	/** The row counts again at the top level, where the generic import job page looks for them. */
	created: number;
	updated: number;
	unchanged: number;
	rejected: Array<{ line: number; reason: string; code: string; field?: string; params: Record<string, string> }>;
	changes: Array<{ line: number; status: 'created' | 'updated'; statusLabel: string; tenancyRef: string; dwellingRef: string; description: string }>;
	/** Only the first changes are kept for a very large file; the counts stay complete. */
	changesTruncated: boolean;
	notInFile: Array<{ householdId: string; tenancyRef: string | null; note: string }>;
};

const MAX_CHANGES = 5000;

/** Column names as staff read them; the audit log keeps the column names themselves. */
const FIELD_LABELS: Record<string, string> = {
	phone: 'people.phone',
	email: 'people.email',
	birth_year: 'people.birth_year',
	language: 'people.language',
	contact_channel: 'people.contact_channel_short',
	first_name: 'people.first_name',
	last_name: 'people.last_name',
	household_id: 'people.household',
	dwelling_id: 'people.dwelling',
	move_in_date: 'people.move_in',
	street: 'people.field_street',
	house_number: 'people.field_house_number',
	box: 'people.field_box',
	postal_code: 'people.field_postal_code',
	building_id: 'people.field_building'
};
const fieldLabel = (locale: Locale, column: string) => (FIELD_LABELS[column] ? translate(locale, FIELD_LABELS[column]).toLowerCase() : column);

function describe(locale: Locale, operations: Operation[]): string {
	if (operations.length === 0) return translate(locale, 'people.no_changes');
	return operations
		.map((op) => {
			const entity = translate(locale, `people.entity_${op.entity}`);
			return op.kind === 'create'
				? translate(locale, 'people.op_create', { entity })
				: translate(locale, 'people.op_update', {
						entity,
						fields: Object.keys(op.values)
							.map((c) => fieldLabel(locale, c))
							.join(', ')
					});
		})
		.join('; ');
}

export function tenantJobReport(result: TenantImportResult, locale: Locale): TenantJobReport {
	const { rows, created, updated, unchanged, rejected, notInFile } = result.summary;
	const summary = { rows, created, updated, unchanged, rejected, notInFile };
	const changed = result.rows.filter((r) => r.status !== 'unchanged');
	return {
		kind: 'tenants',
		outcome: result.outcome,
		dryRun: result.dryRun,
		stored: result.stored,
		message: translate(locale, `people.outcome_${result.outcome}`),
		housingCompany: result.housingCompany.name,
		summary,
		summaryLabels: Object.fromEntries(Object.keys(summary).map((k) => [k, translate(locale, `people.summary_${k}`)])),
		details: result.summary,
		created,
		updated,
		unchanged,
		rejected: result.rejected.map((r) => {
			const params = Object.fromEntries(Object.entries({ field: r.field ?? '', ...(r.params ?? {}) }).map(([k, v]) => [k, String(v)]));
			return { line: r.line, code: r.code, ...(r.field ? { field: r.field } : {}), params, reason: translate(locale, `people.reject_${r.code}`, params) };
		}),
		changes: changed.slice(0, MAX_CHANGES).map((r) => ({
			line: r.line,
			status: r.status as 'created' | 'updated',
			statusLabel: translate(locale, `people.status_${r.status}`),
			tenancyRef: r.tenancyRef,
			dwellingRef: r.dwellingRef,
			description: describe(locale, r.operations)
		})),
		changesTruncated: changed.length > MAX_CHANGES,
		notInFile: result.notInFile.map((h) => ({
			...h,
			note: translate(locale, 'people.not_in_file_note', { ref: h.tenancyRef ?? translate(locale, 'people.no_ref') })
		}))
	};
}
