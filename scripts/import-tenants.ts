// `npm run import:tenants -- <file.csv> --housing-company "<name>" [--dry-run] [--import-valid-rows] [--lang nl|fr|en] [--json]`:
// imports a housing company's tenant export from the command line, showing progress and the report (docs/tenant-import.md).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { system } from '../src/core/access';
import { createCore } from '../src/core/app';
import { DomainError } from '../src/core/errors';
import { isLocale, translate, type Locale } from '../src/core/i18n/index';
import { importTenants } from '../src/core/people';
import { tenantJobReport } from '../src/core/people';

const usage = 'Usage: npm run import:tenants -- <file.csv> --housing-company "<name>" [--dry-run] [--import-valid-rows] [--lang nl|fr|en] [--json]';
const { values, positionals } = (() => {
	try {
		return parseArgs({
			allowPositionals: true,
			options: {
				'housing-company': { type: 'string' },
				'dry-run': { type: 'boolean', default: false },
				'import-valid-rows': { type: 'boolean', default: false },
				lang: { type: 'string', default: 'nl' },
				json: { type: 'boolean', default: false }
			}
		});
	} catch (error) {
		console.error(`${(error as Error).message}\n${usage}`);
		process.exit(2);
	}
})();
const [file] = positionals;
const companyName = values['housing-company'];
const locale: Locale = isLocale(values.lang) ? values.lang : 'nl';
if (!file || !companyName) {
	console.error(usage);
	process.exit(2);
}

let csv: string;
try {
	csv = readFileSync(file, 'utf8');
} catch (error) {
	console.error(`Cannot read ${file}: ${(error as Error).message}`);
	process.exit(2);
}

const core = await createCore(undefined, { sweeps: false });
try {
	const company = await core.db
		.selectFrom('organisations')
		.select(['id', 'name'])
		.where('kind', '=', 'housing_company')
		.where('name', '=', companyName)
		.executeTakeFirst();
	if (!company) {
		const known = await core.db.selectFrom('organisations').select('name').where('kind', '=', 'housing_company').orderBy('name').execute();
		console.error(`No housing company named "${companyName}". Known: ${known.map((k) => k.name).join(', ') || '(none)'}`);
		process.exitCode = 2;
	} else {
		const bar = (processed: number, total: number) => {
			if (!process.stderr.isTTY || total === 0) return;
			const width = 30;
			const done = Math.round((processed / total) * width);
			process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${processed}/${total}`);
		};
		const result = await importTenants(
			core.db,
			system('import-tenants'),
			{ housingCompanyId: company.id, csv, fileName: basename(file), dryRun: values['dry-run'], importValidRows: values['import-valid-rows'] },
			bar
		);
		bar(result.summary.rows, result.summary.rows);
		if (process.stderr.isTTY) process.stderr.write('\n');
		const report = tenantJobReport(result, locale);
		if (values.json) console.log(JSON.stringify(report, null, 2));
		else {
			console.log(`${report.housingCompany} — ${basename(file)}`);
			console.log(report.message);
			for (const [key, count] of Object.entries(report.summary)) console.log(`  ${report.summaryLabels[key].padEnd(34)} ${count}`);
			if (report.rejected.length) {
				console.log(`\n${translate(locale, 'people.summary_rejected')}:`);
				for (const r of report.rejected) console.log(`  ${translate(locale, 'people.line')} ${r.line}: ${r.reason}`);
			}
			if (report.changes.length) {
				console.log('');
				for (const c of report.changes) console.log(`  ${translate(locale, 'people.line')} ${c.line} [${c.statusLabel}] ${c.tenancyRef}: ${c.description}`);
			}
			if (report.notInFile.length) {
				console.log(`\n${translate(locale, 'people.summary_notInFile')}:`);
				for (const h of report.notInFile) console.log(`  ${h.note}`);
			}
		}
		// A real run that stored nothing because of rejected rows is a failure for scripts that chain on it.
		if (result.outcome === 'nothing_stored_rejected_rows' || result.outcome === 'file_rejected') process.exitCode = 1;
	}
} catch (error) {
	console.error(error instanceof DomainError ? `Not imported: ${error.message}` : error);
	process.exitCode = 1;
} finally {
	await core.close();
}
