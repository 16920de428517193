// Lists, per core module, the tables of other modules its files name in queries: the work list for moving those
// queries to the owning module (docs/architecture.md, "Queries across module lines"). Reads the source as text:
// Kysely calls with a table name (selectFrom, insertInto, updateTable, deleteFrom, the joins) and raw SQL in sql``
// templates (from / join / update / into a known table). The owners are the table in docs/architecture.md.
// Test code (*.test.ts and the factories.ts that build test data) is left out unless --tests is given.
// Usage: node scripts/cross-module-queries.js [--tests] [--files]   (--files: name every file, not the first three)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The owning module of every table (keep in step with the ownership table in docs/architecture.md). */
export const OWNERS = {
	access: ['audit_log'],
	areas: ['areas', 'area_rtree', 'estates', 'buildings', 'dwellings'],
	auth: ['sessions', 'tokens', 'auth_throttles'],
	jobs: ['import_jobs'],
	limits: ['rate_limits'],
	mail: ['outbox'],
	partners: ['organisations', 'organisation_areas', 'teams', 'team_members', 'users'],
	people: ['households', 'residents', 'consents'],
	signals: [
		'signal_categories',
		'routing_rules',
		'open311_clients',
		'collective_issues',
		'signals',
		'signal_reporters',
		'signal_reporter_links',
		'signal_events',
		'signal_attachments',
		'referrals',
		'partner_links',
		'signal_feedback',
		'signal_reminders',
		'overdue_notices',
		'overdue_notice_recipients',
		'overdue_digests',
		'classifier_models'
	],
	surveys: [
		'surveys',
		'survey_targets',
		'survey_partners',
		'survey_versions',
		'survey_waves',
		'survey_wave_estates',
		'survey_code_batches',
		'survey_codes',
		'survey_code_recipients',
		'survey_responses',
		'survey_answers',
		'survey_open_answers',
		'survey_themes',
		'survey_open_answer_themes',
		'survey_drafts'
	]
};

const owner = new Map(Object.entries(OWNERS).flatMap(([module, tables]) => tables.map((t) => [t, module])));
const WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'update', 'into']);
const KYSELY = /\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*['"]([a-z_0-9]+)/g;
const RAW = /\b(from|join|update|into)\s+"?([a-z_0-9]+)\b/gi;

function files(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? (e.name === 'migrations' ? [] : files(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
	);
}

/** Every table a file names in a query, with whether the query writes it. */
export function tablesNamed(text) {
	const found = [];
	const code = text
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/^\s*\/\/.*$/gm, '')
		.replace(/\s\/\/ .*$/gm, '');
	for (const m of code.matchAll(KYSELY)) found.push({ table: m[2], write: WRITES.has(m[1]) });
	// Raw SQL: only inside sql`…` templates, only names of known tables.
	for (const t of code.matchAll(/sql(?:<[^>`]*>)?`([^`]*)`/g)) {
		for (const m of t[1].matchAll(RAW)) if (owner.has(m[2])) found.push({ table: m[2], write: WRITES.has(m[1].toLowerCase()), raw: true });
	}
	return found;
}

const root = join(import.meta.dirname, '..');
const withTests = process.argv.includes('--tests');
const perFile = process.argv.includes('--files');
const core = join(root, 'src/core');
/** module → table → { reads, writes, files } */
const crossings = {};
for (const file of files(core)) {
	if (!withTests && /(\.test|\/factories)\.ts$/.test(file)) continue;
	const path = relative(core, file);
	const module = path.includes('/') ? path.split('/')[0] : '(core root)';
	for (const { table, write } of tablesNamed(readFileSync(file, 'utf8'))) {
		const own = owner.get(table);
		if (!own || own === module) continue;
		const entry = ((crossings[module] ??= {})[table] ??= { owner: own, reads: 0, writes: 0, files: new Set() });
		if (write) entry.writes++;
		else entry.reads++;
		entry.files.add(relative(join(core, module), file));
	}
}

const modules = Object.keys(crossings).sort((a, b) => total(crossings[b]) - total(crossings[a]) || a.localeCompare(b));
function total(tables) {
	return Object.values(tables).reduce((n, e) => n + e.reads + e.writes, 0);
}
for (const module of modules) {
	const tables = crossings[module];
	const writes = Object.values(tables).reduce((n, e) => n + e.writes, 0);
	console.log(`\n### ${module}: ${total(tables)} references${writes ? `, ${writes} of them writes` : ', reads only'}\n`);
	console.log('| table | owner | reads | writes | files |');
	console.log('|---|---|---:|---:|---|');
	for (const [table, e] of Object.entries(tables).sort(([, a], [, b]) => b.reads + b.writes - (a.reads + a.writes))) {
		const names = [...e.files].sort();
		const shown =
			perFile || names.length <= 4
				? names.map((f) => `\`${f}\``).join(', ')
				: `${names
						.slice(0, 3)
						.map((f) => `\`${f}\``)
						.join(', ')} and ${names.length - 3} more`;
		console.log(`| \`${table}\` | ${e.owner} | ${e.reads} | ${e.writes || ''} | ${shown} |`);
	}
}
