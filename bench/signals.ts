// Builds bench signals on top of a generated dataset (bench/dataset.ts): categories, routing rules per municipality,
// an OCMW and a municipality next to each housing company, two teams and two staff members per housing company, then
// N signals spread over three years before a fixed "now" — over estates, kinds, categories, statuses, deadlines
// (some overdue), sources — each with its reporter (when a resident sent it), its "created" and "routed" events and
// one event for its current status; a few are referred to the OCMW. Signal i is the same for a seed whatever else
// is asked, so a run can grow a database from 10,000 to 1,000,000 signals and measure at each size.
// Written straight into the tables in multi-row inserts; a bench tool, not a way in for real data.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../src/core/db/database';
import type { LocationKind, SignalKind, SignalPriority, SignalSource, SignalStatus } from '../src/core/db/schema';
import { deadlineFor } from '../src/core/signals/handling/deadlines';
import { TableBatch } from './batches';
import { bulkBatch, prepareBulk } from './bulk-insert';
import { hashSeed, seededRandom, type Random } from './random';

/** The bench's "now": ages, deadlines and "overdue" are measured from here, in the generator and in the queries. */
export const SIGNALS_NOW = new Date('2026-12-01T10:00:00.000Z');
const SPAN_MS = 3 * 365 * 86_400_000;
const SETUP_AT = '2023-11-01T00:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type CategorySpec = { key: string; kind: SignalKind; name: string; days: number; priority: SignalPriority; weight: number; team?: 'tech' | 'social' };
/** What residents of social housing report, roughly in the proportions seen in housing companies' ticket systems. */
export const BENCH_CATEGORIES: readonly CategorySpec[] = [
	{ key: 'leak_damp', kind: 'home_repair', name: 'Lek of vocht', days: 5, priority: 'high', weight: 14, team: 'tech' },
	{ key: 'heating', kind: 'home_repair', name: 'Verwarming of warm water', days: 2, priority: 'urgent', weight: 10, team: 'tech' },
	{ key: 'electricity', kind: 'home_repair', name: 'Elektriciteit', days: 3, priority: 'high', weight: 6, team: 'tech' },
	{ key: 'windows_doors', kind: 'home_repair', name: 'Ramen en deuren', days: 10, priority: 'normal', weight: 8, team: 'tech' },
	{ key: 'home_repair_other', kind: 'home_repair', name: 'Technisch probleem in de woning', days: 10, priority: 'normal', weight: 7, team: 'tech' },
	{ key: 'lift', kind: 'common_spaces', name: 'Lift', days: 3, priority: 'high', weight: 6, team: 'tech' },
	{ key: 'stairwell_light', kind: 'common_spaces', name: 'Verlichting in de traphal', days: 5, priority: 'normal', weight: 6, team: 'tech' },
	{ key: 'entrance_door', kind: 'common_spaces', name: 'Inkomdeur en bellen', days: 5, priority: 'normal', weight: 4, team: 'tech' },
	{ key: 'common_spaces_other', kind: 'common_spaces', name: 'Gemeenschappelijke ruimtes', days: 10, priority: 'normal', weight: 4, team: 'tech' },
	{ key: 'noise', kind: 'nuisance', name: 'Lawaai', days: 10, priority: 'normal', weight: 6, team: 'social' },
	{ key: 'waste', kind: 'nuisance', name: 'Afval en sluikstort', days: 5, priority: 'normal', weight: 6, team: 'social' },
	{ key: 'nuisance_other', kind: 'nuisance', name: 'Samenleven en overlast', days: 10, priority: 'normal', weight: 3, team: 'social' },
	{ key: 'playground', kind: 'public_space', name: 'Speelplein', days: 10, priority: 'normal', weight: 4 },
	{ key: 'street_light', kind: 'public_space', name: 'Straatverlichting', days: 10, priority: 'normal', weight: 5 },
	{ key: 'public_space_other', kind: 'public_space', name: 'Openbare ruimte', days: 15, priority: 'low', weight: 3 },
	{ key: 'money_debts', kind: 'help', name: 'Geld en schulden', days: 3, priority: 'high', weight: 5 },
	{ key: 'help_other', kind: 'help', name: 'Hulpvraag', days: 3, priority: 'normal', weight: 3 }
];

const DESCRIPTIONS: Record<SignalKind, readonly string[]> = {
	home_repair: [
		'Schimmel op de muur in de slaapkamer',
		'De verwarming doet het niet meer sinds gisteren',
		'Er lekt water uit het plafond van de badkamer',
		'Het raam in de keuken sluit niet meer',
		'Stopcontact in de living geeft vonken',
		'Geen warm water in de douche'
	],
	common_spaces: [
		'De lift staat al twee dagen stil',
		'Het licht in de traphal van blok B is kapot',
		'De inkomdeur valt niet meer in het slot',
		'De bellen aan de voordeur werken niet',
		'Er ligt glas in de kelder'
	],
	nuisance: [
		'Elke nacht harde muziek bij de buren',
		'Vuilniszakken naast de containers',
		'Sluikstort achter het gebouw',
		'Honden blaffen de hele dag in de gang'
	],
	public_space: [
		'De schommel op het speelplein is stuk',
		'Straatlamp aan de bushalte brandt niet',
		'Losse tegels op het voetpad bij de school',
		'Overvolle vuilbak aan het pleintje'
	],
	help: [
		'Ik krijg mijn facturen niet meer betaald',
		'Ik heb hulp nodig met papieren van het OCMW',
		'Mijn moeder woont alleen en redt het niet meer',
		'Ik zoek hulp voor mijn schulden'
	]
};

export type SignalWorld = {
	categories: Array<CategorySpec & { id: string }>;
	/** Per estate: where it is, whose it is, who acts on what there. */
	estates: Array<{ id: string; areaId: string; lon: number; lat: number; municipalityId: string }>;
	byMunicipality: Map<
		string,
		{ housingCompanyId: string; ocmwId: string; municipalityOrgId: string; techTeamId: string; socialTeamId: string; staffIds: [string, string] }
	>;
};

/** A seed-stable id for row n of a table (tag), shaped like a UUIDv7 at the given time; unique per (tag, n). */
function benchId(tag: number, n: number, atMs: number, seed: number): string {
	const hex = (v: number, w: number) => v.toString(16).padStart(w, '0');
	const time = hex(atMs, 12);
	const r = hashSeed(seed, tag, n);
	return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(tag & 0xfff, 3)}-${hex(0x8000 | (r & 0x3fff), 4)}-${hex(n, 12)}`;
}

const REF_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REF_SPACE = 2 ** 40;
/** Signal n's reference: n times an odd number modulo 32^8 is a bijection, so references never repeat. */
export function benchReference(n: number, seed: number): string {
	const scrambled = (BigInt(n) * 0x9e3779b97n + BigInt(hashSeed(seed, 7))) % BigInt(REF_SPACE);
	let v = Number(scrambled);
	let code = '';
	for (let k = 0; k < 8; k++) {
		code = REF_ALPHABET[v % 32] + code;
		v = Math.floor(v / 32);
	}
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Writes the setup once (categories, partner organisations, teams, staff, routing rules) and reads the world back. */
export async function prepareSignalWorld(db: Db, seed: number): Promise<SignalWorld> {
	const done = await db.selectFrom('signal_categories').select('id').where('key', '=', 'leak_damp').executeTakeFirst();
	if (!done) await writeSetup(db, seed);
	const categories = await db.selectFrom('signal_categories').select(['id', 'key']).execute();
	const idOf = new Map(categories.map((c) => [c.key, c.id]));
	const orgs = await db.selectFrom('organisations').select(['id', 'kind', 'municipality_id']).execute();
	const teams = await db.selectFrom('teams').select(['id', 'organisation_id', 'name']).execute();
	const users = await db.selectFrom('users').select(['id', 'organisation_id']).orderBy('email').execute();
	const byMunicipality: SignalWorld['byMunicipality'] = new Map();
	for (const company of orgs.filter((o) => o.kind === 'housing_company' && o.municipality_id)) {
		const m = company.municipality_id!;
		const ofKind = (kind: string) => orgs.find((o) => o.kind === kind && o.municipality_id === m)?.id;
		const team = (name: string) => teams.find((t) => t.organisation_id === company.id && t.name === name)?.id;
		const staff = users.filter((u) => u.organisation_id === company.id).map((u) => u.id);
		const ocmwId = ofKind('welfare_centre');
		const municipalityOrgId = ofKind('municipality');
		const techTeamId = team('Technische dienst');
		const socialTeamId = team('Sociale dienst');
		if (!ocmwId || !municipalityOrgId || !techTeamId || !socialTeamId || staff.length < 2) continue;
		byMunicipality.set(m, { housingCompanyId: company.id, ocmwId, municipalityOrgId, techTeamId, socialTeamId, staffIds: [staff[0], staff[1]] });
	}
	const estates = await db
		.selectFrom('estates as e')
		.innerJoin('areas as a', 'a.id', 'e.area_id')
		.select(['e.id', 'e.area_id', 'e.lon', 'e.lat', 'a.parent_id'])
		.orderBy('e.id')
		.execute();
	return {
		categories: BENCH_CATEGORIES.map((c) => ({ ...c, id: idOf.get(c.key)! })),
		estates: estates
			.filter((e) => e.parent_id && byMunicipality.has(e.parent_id) && e.lon !== null && e.lat !== null)
			.map((e) => ({ id: e.id, areaId: e.area_id, lon: e.lon!, lat: e.lat!, municipalityId: e.parent_id! })),
		byMunicipality
	};
}

async function writeSetup(db: Db, seed: number): Promise<void> {
	const companies = await db
		.selectFrom('organisations as o')
		.innerJoin('areas as a', 'a.id', 'o.municipality_id')
		.select(['o.id', 'o.municipality_id', 'a.name', 'a.slug'])
		.where('o.kind', '=', 'housing_company')
		.orderBy('o.id')
		.execute();
	let n = 0;
	const id = (tag: number) => benchId(tag, n++, Date.parse(SETUP_AT), seed);
	await db.transaction().execute(async (trx) => {
		const tx = Object.assign(trx, { dialect: db.dialect });
		const categories = new TableBatch(tx, 'signal_categories');
		const organisations = new TableBatch(tx, 'organisations');
		const teams = new TableBatch(tx, 'teams', [organisations]);
		const users = new TableBatch(tx, 'users', [organisations]);
		const members = new TableBatch(tx, 'team_members', [teams, users]);
		const rules = new TableBatch(tx, 'routing_rules', [categories, teams]);
		const categoryIds = BENCH_CATEGORIES.map((c, k) => ({ ...c, id: id(0x10), sort: k }));
		for (const c of categoryIds)
			await categories.add({
				id: c.id,
				key: c.key,
				kind: c.kind,
				name: c.name,
				name_fr: null,
				name_en: null,
				sort_order: 10 * (c.sort + 1),
				is_active: true,
				created_at: SETUP_AT,
				updated_at: SETUP_AT
			});
		for (const company of companies) {
			const m = company.municipality_id!;
			const ocmwId = id(0x11);
			const municipalityOrgId = id(0x11);
			await organisations.add({
				id: ocmwId,
				name: `OCMW ${company.name}`,
				kind: 'welfare_centre',
				municipality_id: m,
				email: `info@ocmw-${company.slug}.example`,
				phone: null,
				created_at: SETUP_AT,
				updated_at: SETUP_AT
			});
			await organisations.add({
				id: municipalityOrgId,
				name: `Gemeente ${company.name}`,
				kind: 'municipality',
				municipality_id: m,
				email: `info@gemeente-${company.slug}.example`,
				phone: null,
				created_at: SETUP_AT,
				updated_at: SETUP_AT
			});
			const techTeamId = id(0x12);
			const socialTeamId = id(0x12);
			await teams.add({ id: techTeamId, organisation_id: company.id, name: 'Technische dienst', created_at: SETUP_AT });
			await teams.add({ id: socialTeamId, organisation_id: company.id, name: 'Sociale dienst', created_at: SETUP_AT });
			for (const [k, teamId] of [techTeamId, socialTeamId].entries()) {
				const userId = id(0x13);
				await users.add({
					id: userId,
					email: `medewerker${k + 1}@woon-${company.slug}.example`,
					name: `Medewerker ${k + 1} ${company.name}`,
					password_hash: null,
					organisation_id: company.id,
					role: 'partner_staff',
					locale: 'nl',
					is_active: true,
					created_at: SETUP_AT,
					updated_at: SETUP_AT,
					last_login_at: null
				});
				await members.add({ team_id: teamId, user_id: userId });
			}
			for (const c of categoryIds) {
				const organisationId = c.kind === 'help' ? ocmwId : c.kind === 'public_space' ? municipalityOrgId : company.id;
				const teamId = c.team === 'tech' ? techTeamId : c.team === 'social' ? socialTeamId : null;
				await rules.add({
					id: id(0x14),
					category_id: c.id,
					area_id: m,
					organisation_id: organisationId,
					team_id: teamId,
					deadline_days: c.days,
					priority: c.priority,
					created_at: SETUP_AT,
					updated_at: SETUP_AT
				});
			}
		}
		await categories.flush();
		await members.flush();
		await rules.flush();
	});
}

type Outcome = { status: SignalStatus; firstResponseAt: number | null; resolvedAt: number | null; closedAt: number | null; reason: string | null };

/** What became of a signal of this age: young ones are mostly open, old ones mostly solved and closed; a few are forgotten. */
function outcomeOf(r: Random, createdMs: number, deadlineMs: number): Outcome {
	const age = SIGNALS_NOW.getTime() - createdMs;
	const openShare = age < 14 * DAY ? 0.85 : age < 90 * DAY ? 0.15 : 0.02;
	const respondedAfter = Math.min(age * 0.9, HOUR * (1 + 120 * r.next() ** 2));
	if (r.chance(openShare)) {
		const status = r.weighted<SignalStatus>([
			['new', 30],
			['accepted', 25],
			['in_progress', 30],
			['waiting', 15]
		]);
		return { status, firstResponseAt: status === 'new' ? null : createdMs + respondedAfter, resolvedAt: null, closedAt: null, reason: null };
	}
	const firstResponseAt = createdMs + respondedAfter;
	const ending = r.weighted<'solved' | 'rejected' | 'not_our_task'>([
		['solved', 88],
		['rejected', 6],
		['not_our_task', 6]
	]);
	if (ending !== 'solved') {
		const at = firstResponseAt + r.next() * 2 * DAY;
		const closed = age > 60 * DAY && r.chance(0.5);
		return {
			status: closed ? 'closed' : ending,
			firstResponseAt,
			resolvedAt: null,
			closedAt: closed ? at + 14 * DAY : null,
			reason: ending === 'rejected' ? 'Dit is de verantwoordelijkheid van de huurder.' : 'Dit is een taak van de gemeente.'
		};
	}
	// About three in four are solved by their deadline.
	const onTime = r.chance(0.75);
	const target = onTime ? createdMs + (deadlineMs - createdMs) * (0.2 + 0.8 * r.next()) : deadlineMs + r.next() * 20 * DAY;
	const resolvedAt = Math.min(Math.max(firstResponseAt, target), SIGNALS_NOW.getTime() - HOUR);
	const closed = SIGNALS_NOW.getTime() - resolvedAt > 14 * DAY;
	return { status: closed ? 'closed' : 'resolved', firstResponseAt, resolvedAt, closedAt: closed ? resolvedAt + 14 * DAY : null, reason: null };
}

const BULK_TABLES = ['signals', 'signal_reporters', 'signal_events', 'referrals'];

/**
 * Runs a bulk load as a bulk loader does: the secondary indexes of these tables dropped and built again afterwards
 * from their own definitions (sorting once is many times faster than a million B-tree inserts into a dozen indexes:
 * 100,000 signals took 21 s of CPU with them in place on SQLite, 12 s without), and on PostgreSQL their foreign keys
 * too, added again afterwards, which checks every row in one pass per key instead of a trigger call per row and key
 * (the triggers were 45 % of the server's time). Primary keys stay; unique indexes and foreign keys are checked again
 * when they come back, so a bad row still fails the load. SQLite checks a foreign key with a cheap lookup per row
 * (turning them off saved nothing measurable), and cannot drop one.
 */
async function asBulkLoad<T>(db: Db, work: () => Promise<T>): Promise<T> {
	const list = sql.join(BULK_TABLES.map((t) => sql.lit(t)));
	const indexes =
		db.dialect === 'sqlite'
			? (
					await sql<{
						name: string;
						definition: string;
					}>`select name, sql as definition from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list})`.execute(db)
				).rows
			: (
					await sql<{
						name: string;
						definition: string;
					}>`select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema() and tablename in (${list}) and indexname not in (select conname from pg_constraint)`.execute(
						db
					)
				).rows;
	const foreignKeys =
		db.dialect === 'postgres'
			? (
					await sql<{
						table: string;
						name: string;
						definition: string;
					}>`select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where contype = 'f' and connamespace = current_schema()::regnamespace and conrelid::regclass::text in (${list})`.execute(
						db
					)
				).rows
			: [];
	for (const key of foreignKeys) await sql`alter table ${sql.id(key.table)} drop constraint ${sql.id(key.name)}`.execute(db);
	for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
	try {
		return await work();
	} finally {
		for (const index of indexes) await sql.raw(index.definition).execute(db);
		for (const key of foreignKeys) await sql`alter table ${sql.id(key.table)} add constraint ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(db);
	}
}

export type SignalCounts = { signals: number; reporters: number; events: number; referrals: number };

/**
 * Writes signals number `from` up to (not including) `to`; each is a function of (seed, number) only. One transaction
 * per 20,000 signals keeps memory flat at a million.
 */
export async function generateSignals(
	db: Db,
	world: SignalWorld,
	range: { from: number; to: number },
	seed: number,
	onProgress: (written: number) => void = () => {},
	options: { bulkFrom?: number } = {}
): Promise<SignalCounts> {
	if (!world.estates.length) throw new Error('no estates with a housing company: generate the areas dataset first');
	const counts: SignalCounts = { signals: 0, reporters: 0, events: 0, referrals: 0 };
	const deadlineCache = new Map<string, number>();
	const ISO = (ms: number) => new Date(ms).toISOString();
	const categoryWeights = world.categories.map((c) => [c, c.weight] as const);
	const CHUNK = 20_000;
	// A small step is quicker with the indexes in place than rebuilding them.
	const bulk = range.to - range.from >= (options.bulkFrom ?? 50_000) ? asBulkLoad : <T>(_db: Db, work: () => Promise<T>) => work();
	await prepareBulk(db, BULK_TABLES);
	await bulk(db, async () => {
		for (let start = range.from; start < range.to; start += CHUNK) {
			const end = Math.min(range.to, start + CHUNK);
			await db.transaction().execute(async (trx) => {
				const tx = Object.assign(trx, { dialect: db.dialect });
				const signals = bulkBatch(tx, 'signals');
				const reporters = bulkBatch(tx, 'signal_reporters', [signals]);
				const events = bulkBatch(tx, 'signal_events', [signals]);
				const referrals = bulkBatch(tx, 'referrals', [signals]);
				for (let n = start; n < end; n++) {
					const r = seededRandom(hashSeed(seed, 0x5167, n));
					const category = r.weighted(categoryWeights);
					// Busier estates report more: a skew towards the first estates of each stretch of the list.
					const estate = world.estates[Math.floor(world.estates.length * r.next() ** 1.3)];
					const who = world.byMunicipality.get(estate.municipalityId)!;
					// Volume grows a little over the three years, as more residents learn the way in.
					const createdMs = SIGNALS_NOW.getTime() - Math.floor(SPAN_MS * r.next() ** 1.15) - HOUR;
					// The deadline depends on the Brussels day only, and that day changes on a whole UTC hour.
					const cacheKey = `${Math.floor(createdMs / HOUR)}:${category.days}`;
					let deadlineMs = deadlineCache.get(cacheKey);
					if (deadlineMs === undefined) deadlineCache.set(cacheKey, (deadlineMs = deadlineFor(new Date(createdMs), category.days).getTime()));
					const out = outcomeOf(r, createdMs, deadlineMs);
					const source =
						category.kind === 'help'
							? r.weighted<SignalSource>([
									['staff', 70],
									['web', 30]
								])
							: r.weighted<SignalSource>([
									['web', 70],
									['open311', 12],
									['staff', 18]
								]);
					const organisationId = category.kind === 'help' ? who.ocmwId : category.kind === 'public_space' ? who.municipalityOrgId : who.housingCompanyId;
					const teamId = category.team === 'tech' ? who.techTeamId : category.team === 'social' ? who.socialTeamId : null;
					const assigneeId =
						organisationId === who.housingCompanyId && out.status !== 'new' && r.chance(0.6) ? who.staffIds[category.team === 'social' ? 1 : 0] : null;
					const onMap = category.kind === 'public_space' || r.chance(0.15);
					const locationKind: LocationKind = onMap
						? 'map'
						: category.kind === 'common_spaces'
							? 'common_space'
							: category.kind === 'help'
								? 'none'
								: 'dwelling';
					const id = benchId(0x51, n, createdMs, seed);
					const updatedMs = out.closedAt ?? out.resolvedAt ?? out.firstResponseAt ?? createdMs;
					await signals.add({
						id,
						reference: benchReference(n, seed),
						kind: category.kind,
						category_id: category.id,
						suggested_category_id: r.chance(0.5) ? category.id : null,
						is_help_request: category.kind === 'help',
						description: r.pick(DESCRIPTIONS[category.kind]),
						status: out.status,
						status_reason: out.reason,
						priority: category.priority,
						area_id: estate.areaId,
						estate_id: estate.id,
						building_id: null,
						dwelling_id: null,
						location_kind: locationKind,
						location_text: null,
						lon: onMap ? estate.lon + (r.next() - 0.5) * 0.004 : null,
						lat: onMap ? estate.lat + (r.next() - 0.5) * 0.003 : null,
						organisation_id: organisationId,
						team_id: teamId,
						assignee_id: assigneeId,
						deadline_at: ISO(deadlineMs),
						source,
						channel: source === 'staff' ? r.pick(['house_visit', 'community_centre', 'street', 'phone', 'office']) : null,
						household_id: null,
						resident_id: null,
						consent_id: null,
						open311_client_id: null,
						merged_into_id: null,
						collective_issue_id: null,
						idempotency_key: source === 'open311' ? `bench-${seed}-${n}` : null,
						created_by: source === 'staff' ? who.staffIds[0] : null,
						created_at: ISO(createdMs),
						updated_at: ISO(updatedMs),
						first_response_at: out.firstResponseAt === null ? null : ISO(out.firstResponseAt),
						resolved_at: out.resolvedAt === null ? null : ISO(out.resolvedAt),
						closed_at: out.closedAt === null ? null : ISO(out.closedAt)
					});
					counts.signals++;
					const actorLabel = source === 'staff' ? 'Medewerker' : 'anonymous';
					if (source !== 'staff') {
						const contact = r.chance(0.6);
						await reporters.add({
							id: benchId(0x52, n, createdMs, seed),
							signal_id: id,
							is_original: true,
							name: null,
							email: contact && r.chance(0.7) ? `melder${n}@bewoner.example` : null,
							phone: contact && r.chance(0.4) ? `+32 470 ${String(n % 1_000_000).padStart(6, '0')}` : null,
							language: r.weighted([
								['nl', 75],
								['fr', 10],
								['en', 15]
							] as const),
							token_hash: createHash('sha256').update(`bench:${seed}:${n}`).digest('hex'),
							created_at: ISO(createdMs),
							anonymised_at: null
						});
						counts.reporters++;
					}
					let e = n * 4;
					const event = (
						atMs: number,
						kind: string,
						visibility: 'internal' | 'reporter',
						fromStatus: SignalStatus | null,
						toStatus: SignalStatus | null,
						data: Record<string, unknown> | null
					) =>
						events.add({
							id: benchId(0x53, e++, atMs, seed),
							signal_id: id,
							at: ISO(atMs),
							actor_id: null,
							actor_label: actorLabel,
							kind,
							from_status: fromStatus,
							to_status: toStatus,
							body: null,
							visibility,
							data
						});
					await event(createdMs, 'created', 'reporter', null, 'new', { source });
					await event(createdMs, 'routed', 'internal', null, null, { organisationId, teamId, deadlineAt: ISO(deadlineMs) });
					if (out.status !== 'new') await event(updatedMs, 'status', 'reporter', 'new', out.status, null);
					counts.events += out.status === 'new' ? 2 : 3;
					// Some signals a housing company cannot solve alone go to the OCMW (a family behind on rent, a lonely neighbour).
					if (organisationId === who.housingCompanyId && category.kind === 'nuisance' && r.chance(0.15)) {
						const status =
							out.status === 'new'
								? 'pending'
								: r.weighted([
										['accepted', 80],
										['declined', 20]
									] as const);
						await referrals.add({
							id: benchId(0x54, n, createdMs, seed),
							signal_id: id,
							from_organisation_id: who.housingCompanyId,
							to_organisation_id: who.ocmwId,
							to_team_id: null,
							note: 'Graag contact opnemen met dit gezin.',
							status,
							response: status === 'declined' ? 'Geen hulpvraag van de bewoner.' : null,
							consent_id: null,
							deadline_at: ISO(deadlineMs),
							created_by: who.staffIds[1],
							created_at: ISO(createdMs + HOUR),
							responded_by: null,
							responded_at: status === 'pending' ? null : ISO(createdMs + DAY)
						});
						counts.referrals++;
					}
				}
				await reporters.flush();
				await events.flush();
				await referrals.flush();
			});
			onProgress(end);
		}
	});
	return counts;
}
