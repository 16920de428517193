// Upload page of the tenant import: file, housing company (staff of a company only get their own), dry run and
// "import the valid rows anyway". The import runs in the background; the job page shows its progress.
import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { listImportJobs } from '$core/jobs';
import { importableHousingCompanies, startTenantImport } from '$core/people';
import { formAction } from '$lib/server/handlers';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '$core/people';
import type { Actions, PageServerLoad } from './$types';

/** Two rows of docs/examples/tenants-de-vlashaard.csv, to show the shape of the file on the page. */
const EXAMPLE = [
	'dwelling_ref;estate;street;house_number;box;postal_code;tenancy_ref;move_in_date;first_name;last_name;birth_year;language;phone;email;contact_channel',
	'WAL-12-4;Wallaysplein;Wallaysplein;12;4;8560;HC-2026-0141;01/12/2026;Marie;Peeters;1961;nl;0470 12 34 56;;telefoon',
	'WAL-12-4;Wallaysplein;Wallaysplein;12;4;8560;HC-2026-0141;01/12/2026;Lotte;Peeters;2004;nl;;lotte.peeters@example.org;email'
].join('\n');

export const load: PageServerLoad = async ({ locals }) => {
	const { db, config } = locals.core;
	const [companies, jobs] = await Promise.all([importableHousingCompanies(db, locals.actor), listImportJobs(db, locals.actor, { kind: 'tenants', limit: 10 })]);
	return {
		companies,
		jobs,
		maxMb: Math.round(config.maxUploadBytes / 1024 / 1024),
		columns: { required: [...REQUIRED_COLUMNS], optional: [...OPTIONAL_COLUMNS], example: EXAMPLE }
	};
};

const choices = (fields: Record<string, unknown>) => ({
	housingCompanyId: String(fields.housingCompanyId ?? ''),
	dryRun: fields.dryRun === 'on',
	importValidRows: fields.importValidRows === 'on'
});

export const actions: Actions = {
	default: formAction(
		async ({ locals }, fields, form) => {
			const { db, config, logger } = locals.core;
			const values = choices(fields);
			const refuse = (status: number, key: string, params?: Record<string, string | number>) => {
				const message = translate(locals.locale, key, params);
				return fail(status, { errors: { file: message } as Record<string, string>, message, values });
			};
			const file = form.get('file');
			if (typeof file === 'string' || !file || file.size === 0) return refuse(400, 'people.import_file_missing');
			if (file.size > config.maxUploadBytes) return refuse(413, 'people.import_file_too_large', { maximum: Math.round(config.maxUploadBytes / 1024 / 1024) });
			const { jobId } = await startTenantImport(
				db,
				locals.actor,
				{ ...values, csv: await file.text(), fileName: file.name.slice(0, 200), locale: locals.locale },
				(err) => logger.error({ err }, 'tenant import failed')
			);
			redirect(303, `/staff/imports/${jobId}`);
		},
		{ values: choices }
	)
};
