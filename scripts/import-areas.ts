// `npm run import:areas -- <file.geojson> [--kind municipality] [--parent <slug>] [--name-property …] [--code-property …]
// [--name-fr-property …] [--dry-run] [--lang nl|fr|en] [--json]`: imports areas from a GeoJSON FeatureCollection from the
// command line, with progress and the report of every rejected feature. Runs as the system actor; the job shows up on
// /staff/imports like an upload would.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { system } from '../src/core/access';
import { createCore } from '../src/core/app';
import { importAreas } from '../src/core/areas';
import { AREA_KINDS } from '../src/core/areas/model';
import { getAreaBySlug } from '../src/core/areas';
import { DomainError, Invalid } from '../src/core/errors';
import { has, isLocale, translate, type Locale } from '../src/core/i18n/index';
import { startImportJob } from '../src/core/jobs';

const usage =
	'Usage: npm run import:areas -- <file.geojson> [--kind ' +
	AREA_KINDS.join('|') +
	'] [--parent <slug>] [--name-property <p>] [--code-property <p>] [--name-fr-property <p>] [--dry-run] [--lang nl|fr|en] [--json]';

const { values, positionals } = (() => {
	try {
		return parseArgs({
			allowPositionals: true,
			options: {
				kind: { type: 'string', default: 'municipality' },
				parent: { type: 'string' },
				'name-property': { type: 'string' },
				'code-property': { type: 'string' },
				'name-fr-property': { type: 'string' },
				'dry-run': { type: 'boolean', default: false },
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
const locale: Locale = isLocale(values.lang) ? values.lang : 'nl';
const kind = values.kind as (typeof AREA_KINDS)[number];
if (!file || !(AREA_KINDS as readonly string[]).includes(kind)) {
	console.error(usage);
	process.exit(2);
}

let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch (error) {
	console.error(`Cannot read ${file}: ${(error as Error).message}`);
	process.exit(2);
}

const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
const core = await createCore(undefined, { sweeps: false });
const actor = system('import-areas');
try {
	const parentId = values.parent ? (await getAreaBySlug(core.db, actor, values.parent)).id : null;
	const jobId = await startImportJob(core.db, actor, 'areas', { dryRun: values['dry-run'], fileName: basename(file) });
	const progress = (processed: number, total: number) => {
		if (values.json) return;
		const width = 30;
		const done = total ? Math.round((processed / total) * width) : width;
		const line = `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${t('areas.progress', { processed, total })}`;
		// On a terminal the bar redraws in place; in a log each step gets its own line.
		if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
		else console.error(line);
	};
	const report = await importAreas(
		core.db,
		actor,
		{
			text,
			fileName: basename(file),
			kind,
			parentId,
			nameProperty: values['name-property'],
			codeProperty: values['code-property'],
			nameFrProperty: values['name-fr-property'],
			dryRun: values['dry-run']
		},
		{ jobId, onProgress: progress }
	);
	if (process.stderr.isTTY && !values.json) process.stderr.write('\n');
	if (values.json) console.log(JSON.stringify({ jobId, ...report }, null, 2));
	else {
		console.log(`${t('areas.import_kind_areas')}: ${basename(file)}`);
		console.log(report.dryRun ? t('areas.import_done_dry') : t('areas.import_done'));
		console.log(`  ${t('areas.count_total').padEnd(32)} ${report.total}`);
		for (const key of ['created', 'updated', 'unchanged'] as const) console.log(`  ${t(`areas.count_${key}`).padEnd(32)} ${report[key]}`);
		console.log(`  ${t('areas.count_rejected').padEnd(32)} ${report.rejected.length}`);
		for (const r of report.rejected) {
			const reason = has(locale, `areas.reject_${r.reason}`) ? t(`areas.reject_${r.reason}`, r.params) : r.reason;
			console.log(`  ${t('areas.feature_number', { n: r.index + 1 })} (features[${r.index}])${r.name ? ` ${r.name}` : ''}: ${reason}`);
		}
		console.log(`/staff/imports/${jobId}`);
	}
	if (report.rejected.length > 0) process.exitCode = 1;
} catch (error) {
	if (!(error instanceof DomainError)) throw error;
	const code = error instanceof Invalid && error.issues[0] ? error.issues[0].code : error.code;
	const message = has(locale, `areas.file_${code}`) ? t(`areas.file_${code}`) : t(`errors.${error.code}`);
	console.error(`${t('areas.import_failed')} ${message} ${t('areas.import_failed_nothing_stored')}`);
	process.exitCode = 2;
} finally {
	await core.close();
}
