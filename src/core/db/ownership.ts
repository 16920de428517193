// Which core module owns which table, and the few deliberate read models that name another module's tables. Only the
// owner's queries read or write a table; other modules call the owner's functions. ownership.test.ts scans the query
// code of every module against this file, and checks that the table in docs/architecture.md says the same.

/** The owning module of every table (docs/architecture.md, "Who owns which table"). */
export const OWNERS = {
	access: ['audit_log'],
	areas: ['areas', 'area_rtree', 'estates', 'buildings', 'dwellings'],
	auth: ['users', 'sessions', 'tokens', 'auth_throttles'],
	jobs: ['import_jobs'],
	limits: ['rate_limits'],
	mail: ['outbox'],
	partners: ['organisations', 'organisation_areas', 'teams', 'team_members'],
	people: ['households', 'residents', 'consents'],
	signals: [
		'signals',
		'signal_reporters',
		'signal_reporter_links',
		'signal_events',
		'signal_attachments',
		'signal_categories',
		'routing_rules',
		'classifier_models',
		'referrals',
		'partner_links',
		'signal_feedback',
		'signal_reminders',
		'collective_issues',
		'overdue_notices',
		'overdue_notice_recipients',
		'overdue_digests',
		'open311_clients'
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
		'survey_code_letters',
		'survey_responses',
		'survey_answers',
		'survey_open_answers',
		'survey_themes',
		'survey_open_answer_themes',
		'survey_drafts'
	]
} as const satisfies Record<string, readonly string[]>;

export type OwningModule = keyof typeof OWNERS;

const ownerByTable = new Map<string, string>(Object.entries(OWNERS).flatMap(([module, tables]) => tables.map((table) => [table, module])));

/** The module that owns a table, or undefined for a name that is no table of ours (a CTE, an alias). */
export function ownerOf(table: string): string | undefined {
	return ownerByTable.get(table);
}

/**
 * A query that names another module's tables on purpose: a list or report that joins them for speed, where a call per
 * row to the owner's function would not do. Reads only: a write across the line is never allowed. `file` is relative
 * to the module's folder.
 */
export interface ReadModel {
	module: string;
	file: string;
	tables: readonly string[];
	reason: string;
}

export const READ_MODELS: readonly ReadModel[] = [
	// db
	{
		module: 'db',
		file: 'spatial.ts',
		tables: ['areas', 'area_rtree'],
		reason:
			'the dialect half of the point-in-area lookup (R*Tree on SQLite, GiST on PostgreSQL): dialect SQL stays in core/db by design; areas/lookup.ts is its one caller'
	},
	// areas
	{
		module: 'areas',
		file: 'places.ts',
		tables: ['households'],
		reason:
			'the estate list counts the households living on each estate (a count, no names) in the same query as its buildings and dwellings; a call per estate would not do on a long list'
	},
	// partners
	{
		module: 'partners',
		file: 'reach.ts',
		tables: ['areas'],
		reason:
			"an organisation's working areas listed with each area's name and parent; areas' lookups by id would be a call per row, and areas cannot be asked for the reach (auth → partners loads it per request)"
	},
	{
		module: 'partners',
		file: 'organisations.ts',
		tables: ['users', 'consents', 'estates', 'routing_rules', 'signals', 'referrals'],
		reason:
			"the organisation list counts each one's staff accounts, and deleting an organisation first checks that no account, consent, estate, routing rule, signal or referral still names it: auth, people and signals all depend on partners, so partners cannot call them without a cycle"
	},
	{
		module: 'partners',
		file: 'teams.ts',
		tables: ['users'],
		reason:
			'a team lists its members by name and the accounts that may join it: auth depends on partners (the reach), so partners cannot call auth without a cycle'
	},
	// people
	{
		module: 'people',
		file: 'access.ts',
		tables: ['estates', 'dwellings', 'buildings'],
		reason:
			"the reach filter of every people list: the households and residents living in the reader's estates, as subqueries of the list query (measured at 200,000 residents, estatesInReach); a function returning ids would load every household first"
	},
	{
		module: 'people',
		file: 'households-in-scope.ts',
		tables: ['dwellings', 'buildings'],
		reason:
			'the households living on a list of estates, counted or listed for survey letters in one query; a call per estate or per household would not do for a municipality'
	},
	{
		module: 'people',
		file: 'places.ts',
		tables: ['areas', 'estates', 'dwellings', 'buildings'],
		reason: "the estate, area and dwelling choices of the people forms, filtered by the reader's reach and sorted by estate and address in one query each"
	},
	{
		module: 'people',
		file: 'households.ts',
		tables: ['dwellings', 'buildings', 'estates'],
		reason:
			"the households of an estate sorted by address, and a household's label under the reader's reach filter (which names the estate): list queries whose filter and order are on the place"
	},
	{
		module: 'people',
		file: 'resident-search.ts',
		tables: ['dwellings', 'buildings', 'estates'],
		reason: 'the resident search filtered by estate or area and sorted by address: a list query whose filter and order are on the place'
	},
	{
		module: 'people',
		file: 'consents.ts',
		tables: ['organisations', 'users'],
		reason: "a resident's consents listed with the organisation's name and who recorded and withdrew each one, in one query"
	},
	// signals
	{
		module: 'signals',
		file: 'handling/queries.ts',
		tables: ['areas', 'estates', 'users', 'organisations', 'teams'],
		reason:
			"the inbox and the signal page show the area's and estate's name, the assignee and the handling organisation and team: a read model across signals, areas, partners and auth, one query per page"
	},
	{
		module: 'signals',
		file: 'collective/collective.ts',
		tables: ['estates', 'areas', 'users'],
		reason: 'the collective view lists issues with their estate, area and worker, and groups signals per estate: list queries with filters on the place'
	},
	{
		module: 'signals',
		file: 'figures/figures.ts',
		tables: ['estates'],
		reason: 'the figures count signals per estate with its name, grouped in SQL; a call per group would not do'
	},
	{
		module: 'signals',
		file: 'handling/overdue.ts',
		tables: ['organisations', 'teams', 'users'],
		reason: 'the overdue digest lists each overdue signal with its organisation, team and assignee for every recipient, in one query per sweep'
	},
	{
		module: 'signals',
		file: 'handling/recipients.ts',
		tables: ['team_members', 'users', 'organisations'],
		reason:
			'who is told about a signal: the active staff of the handling team or organisation with their address and language, chosen in SQL by role and membership'
	},
	{
		module: 'signals',
		file: 'referrals/referrals.ts',
		tables: ['estates', 'teams', 'organisations', 'users'],
		reason: "a signal's referrals listed with the organisations, team and worker by name, and the check that the team belongs to the organisation referred to"
	},
	{
		module: 'signals',
		file: 'referrals/partner-links.ts',
		tables: ['estates', 'buildings'],
		reason: 'the page a partner opens with a one-time link shows the signal with its estate and building in one query'
	},
	{
		module: 'signals',
		file: 'open311/requests.ts',
		tables: ['estates', 'areas', 'organisations'],
		reason: 'Open311 service requests list signals with their place and agency names, filtered and paged in SQL'
	},
	{
		module: 'signals',
		file: 'routing/categories.ts',
		tables: ['organisations', 'areas', 'teams'],
		reason: 'the routing rules page lists rules with organisation, area and team names in one query'
	},
	{
		module: 'signals',
		file: 'sweeps.ts',
		tables: ['organisations'],
		reason: "the referral reminder sweep lists overdue referrals with the referring organisation's name in one query"
	},
	{
		module: 'signals',
		file: 'intake/nearby.ts',
		tables: ['areas', 'estates'],
		reason: 'signals near a point listed with their area and estate names, narrowed by a box in SQL'
	},
	{
		module: 'signals',
		file: 'intake/report-form.ts',
		tables: ['areas', 'estates'],
		reason: 'the report form finds its place by slug, area or estate, in one query: every report reads it'
	},
	// surveys
	{
		module: 'surveys',
		file: 'tablet.ts',
		tables: ['estates'],
		reason: "the tablet lists the open wave's estates by name, sorted, in one query"
	}
];

/**
 * Queries that still name another module's table and are not read models: each is to become a call of the owner's
 * function. Reads only, like READ_MODELS; the test fails when one is gone and still listed.
 */
export const NOT_YET_MOVED: readonly ReadModel[] = [
	{
		module: 'signals',
		file: 'intake/intake.ts',
		tables: ['estates', 'areas'],
		reason: "an estate or area looked up by id to check a report's place: to call areas (estateById, an area by id) with the intake rework"
	},
	{
		module: 'signals',
		file: 'intake/report-map.ts',
		tables: ['estates', 'areas'],
		reason: "the map box of an estate or area, looked up by id: to call areas (the estate's and area's bounds)"
	},
	{
		module: 'demo',
		file: 'signals.ts',
		tables: ['signal_categories', 'areas', 'estates', 'residents', 'households', 'dwellings', 'buildings', 'signals'],
		reason: "the demo finds its categories, areas, estates, residents and signals by name to build on them: to call the owners' lookups"
	},
	{
		module: 'demo',
		file: 'open311.ts',
		tables: ['open311_clients'],
		reason: 'whether the demo Open311 client exists: to call signals (a lookup of a client by key)'
	}
];

export interface TableNamed {
	table: string;
	write: boolean;
	line: number;
}

const KYSELY_CALL =
	/\b(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|innerJoinLateral|leftJoinLateral)\(\s*\[?\s*(['"`])([a-z_0-9]+)/g;
const KYSELY_WRITES = new Set(['insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto']);
const RAW_TABLE = /\b(from|join|update|into)\s+"?([a-z_0-9]+)\b/gi;
const RAW_WRITES = new Set(['update', 'into']);
const SQL_TEMPLATE = /\bsql(?:<[^>`]*>)?`([^`]*)`/g;
const SQL_TABLE = /\bsql\.(?:table|id)\(\s*(['"`])([a-z_0-9]+)/g;
/** The rows of a table given to insertRows (`{ table: 'signals', rows }`): a write. */
const INSERT_ROWS = /\{\s*table:\s*(['"`])([a-z_0-9]+)\1,\s*rows:/g;

/** Blanks out comments (keeping line breaks, so line numbers stay right). */
function withoutComments(text: string): string {
	const blank = (s: string) => s.replace(/[^\n]/g, ' ');
	return text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[\s;{}(),])\/\/.*$/gm, (m, lead: string) => lead + blank(m.slice(lead.length)));
}

function lineAt(text: string, index: number): number {
	let line = 1;
	for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/**
 * Every table a piece of source names in a query: Kysely calls with a table name (selectFrom, insertInto, updateTable,
 * deleteFrom, the joins, also inside `with(...)` bodies), `sql.table('…')`, the rows given to insertRows, and raw SQL in sql`` templates (from /
 * join / update / into). Only names of known tables count (a CTE or alias is none); comments are left out.
 */
export function tablesNamed(source: string): TableNamed[] {
	const code = withoutComments(source);
	const found: TableNamed[] = [];
	for (const m of code.matchAll(KYSELY_CALL)) if (ownerOf(m[3])) found.push({ table: m[3], write: KYSELY_WRITES.has(m[1]), line: lineAt(code, m.index) });
	for (const m of code.matchAll(SQL_TABLE)) if (ownerOf(m[2])) found.push({ table: m[2], write: false, line: lineAt(code, m.index) });
	for (const m of code.matchAll(INSERT_ROWS)) if (ownerOf(m[2])) found.push({ table: m[2], write: true, line: lineAt(code, m.index) });
	for (const t of code.matchAll(SQL_TEMPLATE)) {
		for (const m of t[1].matchAll(RAW_TABLE)) {
			if (!ownerOf(m[2])) continue;
			found.push({ table: m[2], write: RAW_WRITES.has(m[1].toLowerCase()), line: lineAt(code, t.index + t[0].indexOf(t[1]) + m.index) });
		}
	}
	return found.sort((a, b) => a.line - b.line);
}

export interface Crossing extends TableNamed {
	module: string;
	file: string;
	owner: string;
}

/** The tables of other modules that one file of `module` names in its queries. */
export function crossingsIn(module: string, file: string, source: string): Crossing[] {
	return tablesNamed(source).flatMap((named) => {
		const owner = ownerOf(named.table);
		return owner && owner !== module ? [{ ...named, module, file, owner }] : [];
	});
}

/** Whether a crossing is listed, as a read model or as not moved yet (never true for a write). */
export function isAllowed(crossing: Crossing, readModels: readonly ReadModel[] = [...READ_MODELS, ...NOT_YET_MOVED]): boolean {
	return !crossing.write && readModels.some((r) => r.module === crossing.module && r.file === crossing.file && r.tables.includes(crossing.table));
}
