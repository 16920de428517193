// Intake, measured three ways on the same database: in process, the bare insert of the rows one report writes (signal,
// reporter, "created" and "routed" events, outbox mail, audit entry; one transaction each, values computed in
// advance) against the full `reportSignal` service (validation, place, category, routing, deadline, the same rows);
// and over HTTP, the resident's form post (/melden/<estate>?/send) and the Open311 POST, with autocannon at an
// unbounded and at a fixed rate. Every post has its own form token or idempotency key, so each one stores a signal.
/// <reference path="./autocannon.d.ts" />
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { anonymous, noReach, type StaffActor } from '../src/core/access';
import type { Db } from '../src/core/db/database';
import { newId } from '../src/core/db/ids';
import { inSharedTransaction } from '../src/core/db/write-batch';
import { issueOpen311Client } from '../src/core/signals/open311/clients';
import { reportSignal } from '../src/core/signals/intake/intake';
import type { SignalWorld } from './signals';

const DESCRIPTIONS = [
	'Schimmel op de muur in de slaapkamer',
	'De verwarming doet het niet meer',
	'Er lekt water uit het plafond van de badkamer',
	'Het raam in de keuken sluit niet meer'
];
const BASE_URL = 'https://leefbaar.bench';

/** What one resident reports: a home repair in an estate, with an email address (so a receipt mail is queued). */
function report(world: SignalWorld, k: number) {
	const estate = world.estates[(k * 7919) % world.estates.length];
	const category = world.categories[k % 5]; // the five home-repair categories
	return { estate, category, description: `${DESCRIPTIONS[k % DESCRIPTIONS.length]} (${k})`, email: `bewoner${k}@bench.example` };
}

export function serviceIntake(db: Db, world: SignalWorld, runTag: string) {
	// Its own count, so the keys stay unique however often the call is measured.
	let n = 0;
	return () => {
		const k = n++;
		const r = report(world, k);
		return reportSignal(
			db,
			anonymous,
			{
				kind: 'home_repair',
				categoryId: r.category.id,
				description: r.description,
				estateId: r.estate.id,
				locationKind: 'dwelling',
				email: r.email,
				language: 'nl',
				idempotencyKey: `bench-service-${runTag}-${k}`
			},
			{ baseUrl: BASE_URL }
		);
	};
}

/**
 * The same rows `reportSignal` writes for that report, with the routing worked out in advance: no reads, no checks.
 * Through the same write path (a shared transaction: group commit on SQLite), so the ratio compares the work alone.
 */
export function bareIntake(db: Db, world: SignalWorld, runTag: string) {
	let n = 0;
	return () => {
		const k = n++;
		const r = report(world, k);
		const who = world.byMunicipality.get(r.estate.municipalityId)!;
		const now = new Date().toISOString();
		const id = newId();
		const reference = `${randomBytes(4).toString('hex').toUpperCase().slice(0, 4)}-${randomBytes(4).toString('hex').toUpperCase().slice(0, 4)}`;
		const deadline = new Date(Date.now() + r.category.days * 1.4 * 86_400_000).toISOString();
		return inSharedTransaction(db, async (trx) => {
			await trx
				.insertInto('signals')
				.values({
					id,
					reference,
					kind: 'home_repair',
					category_id: r.category.id,
					suggested_category_id: null,
					is_help_request: false,
					description: r.description,
					status: 'new',
					status_reason: null,
					priority: r.category.priority,
					area_id: r.estate.areaId,
					estate_id: r.estate.id,
					building_id: null,
					dwelling_id: null,
					location_kind: 'dwelling',
					location_text: null,
					lon: null,
					lat: null,
					organisation_id: who.housingCompanyId,
					team_id: who.techTeamId,
					assignee_id: null,
					deadline_at: deadline,
					source: 'web',
					channel: null,
					household_id: null,
					resident_id: null,
					consent_id: null,
					open311_client_id: null,
					merged_into_id: null,
					collective_issue_id: null,
					idempotency_key: `bench-bare-${runTag}-${k}`,
					created_by: null,
					created_at: now,
					updated_at: now,
					first_response_at: null,
					resolved_at: null,
					closed_at: null
				})
				.execute();
			await trx
				.insertInto('signal_reporters')
				.values({
					id: newId(),
					signal_id: id,
					is_original: true,
					name: null,
					email: r.email,
					phone: null,
					language: 'nl',
					token_hash: createHash('sha256').update(randomBytes(32)).digest('hex'),
					created_at: now,
					anonymised_at: null
				})
				.execute();
			await trx
				.insertInto('signal_events')
				.values({
					id: newId(),
					signal_id: id,
					at: now,
					actor_id: null,
					actor_label: 'anonymous',
					kind: 'created',
					from_status: null,
					to_status: 'new',
					body: null,
					visibility: 'reporter',
					data: { source: 'web' }
				})
				.execute();
			await trx
				.insertInto('signal_events')
				.values({
					id: newId(),
					signal_id: id,
					at: now,
					actor_id: null,
					actor_label: 'anonymous',
					kind: 'routed',
					from_status: null,
					to_status: null,
					body: null,
					visibility: 'internal',
					data: { organisationId: who.housingCompanyId, teamId: who.techTeamId, deadlineAt: deadline }
				})
				.execute();
			await trx
				.insertInto('outbox')
				.values({
					id: newId(),
					kind: 'mail',
					payload: { to: r.email, subject: `We hebben je melding ${reference} ontvangen`, text: `Volg je melding op ${BASE_URL}/volgen/…` },
					created_at: now,
					available_at: now,
					attempts: 0,
					locked_until: null,
					done_at: null,
					last_error: null
				})
				.execute();
			await trx
				.insertInto('audit_log')
				.values({
					id: newId(),
					at: now,
					actor_id: null,
					actor_label: 'anonymous',
					action: 'signal_create',
					resource_type: 'signal',
					resource_id: id,
					summary: 'web home_repair with contact details',
					request_id: null
				})
				.execute();
		});
	};
}

/** An API key for the bench's Open311 client, issued the way an admin does; only its hash is stored. */
export async function issueBenchKey(db: Db): Promise<string> {
	const admin: StaffActor = {
		kind: 'staff',
		id: newId(),
		name: 'Bench admin',
		email: 'admin@bench.example',
		role: 'admin',
		organisationId: null,
		organisationKind: null,
		teamIds: [],
		reach: noReach
	};
	return (await issueOpen311Client(db, admin, { name: `Bench client ${randomBytes(3).toString('hex')}` })).key;
}

export type HttpIntakeFigures = {
	requests: number;
	stored: number;
	rate: number;
	/** The server process's own CPU (user + system) over the run, per stored signal (per answer for `refused`); null without /proc. */
	serverCpuUsPerSignal: number | null;
	p50: number;
	p99: number;
	otherStatuses: Record<string, number>;
	errors: number;
};

/** The body of one resident's form post for estate `slug` (step 2, "send": store it). */
export function formBody(k: number, token: string): string {
	return new URLSearchParams({
		kind: 'home_repair',
		description: `${DESCRIPTIONS[k % DESCRIPTIONS.length]} (${k})`,
		locationKind: 'dwelling',
		email: `bewoner${k}@bench.example`,
		language: 'nl',
		formToken: token
	}).toString();
}

/** The body of one Open311 POST (form encoding, as the spec shows it). */
export function open311Body(k: number, apiKey: string, estateSlug: string, serviceCode: string): string {
	return new URLSearchParams({
		api_key: apiKey,
		service_code: serviceCode,
		description: `${DESCRIPTIONS[k % DESCRIPTIONS.length]} (${k})`,
		'attribute[where]': 'dwelling',
		'attribute[estate]': estateSlug,
		email: `bewoner${k}@bench.example`
	}).toString();
}

/**
 * `refused`: the Open311 POST without an api_key. The server reads and parses the body and answers 403 without
 * touching the database: the floor the framework and the HTTP stack set under any intake on this machine.
 */
export type IntakeTarget =
	| { kind: 'form'; slugs: string[] }
	| { kind: 'open311'; apiKey: string; slugs: string[]; serviceCode: string }
	| { kind: 'refused'; slugs: string[]; serviceCode: string };

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ): 100 on every Linux architecture Node runs on. */
const USER_HZ = 100;

/**
 * The CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null where there is no /proc.
 * The server's own CPU per stored signal is steadier than its rate on a shared machine: autocannon and other work
 * take turns on the same cores, but not from the server's count.
 */
export function processCpuSeconds(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may hold spaces and parentheses: the fields after it start behind the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name (state is field 3).
		return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
	} catch {
		return null;
	}
}

/**
 * POSTs intake requests with autocannon: unbounded (as fast as `connections` allow) or at `overallRate` per second.
 * A form post is stored when it answers 303 (to the thank-you page), an Open311 POST when it answers 200 or 201;
 * a refused one counts when it answers 403.
 */
export async function measureIntake(
	origin: string,
	target: IntakeTarget,
	load: { connections: number; seconds: number; overallRate?: number },
	/** The server's process id, to read its CPU time before and after (bench/server.ts gives it). */
	serverPid?: number
): Promise<HttpIntakeFigures> {
	if (!/^http:\/\/(127\.0\.0\.1|localhost):/.test(origin)) throw new Error('the bench only loads a server on this machine');
	let k = 0;
	const runTag = randomBytes(3).toString('hex');
	const request =
		target.kind === 'form'
			? {
					method: 'POST' as const,
					setupRequest: (req: Record<string, unknown>) => {
						const n = k++;
						return {
							...req,
							path: `/melden/${target.slugs[n % target.slugs.length]}?/send`,
							body: formBody(n, createHash('sha256').update(`${runTag}:${n}`).digest('hex').slice(0, 32))
						};
					}
				}
			: {
					method: 'POST' as const,
					setupRequest: (req: Record<string, unknown>) => {
						const n = k++;
						const body = open311Body(n, target.kind === 'open311' ? target.apiKey : '', target.slugs[n % target.slugs.length], target.serviceCode);
						return {
							...req,
							path: '/open311/v2/requests.json',
							headers: { ...(req.headers as object), 'idempotency-key': `bench-${runTag}-${n}` },
							body: target.kind === 'open311' ? body : body.replace(/^api_key=&/, '')
						};
					}
				};
	const cpuBefore = serverPid ? processCpuSeconds(serverPid) : null;
	const result = await autocannon({
		url: origin,
		connections: load.connections,
		duration: load.seconds,
		timeout: 10,
		...(load.overallRate ? { overallRate: load.overallRate } : {}),
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'accept-language': 'nl-BE', accept: 'text/html' },
		requests: [request]
	});
	const cpuAfter = serverPid ? processCpuSeconds(serverPid) : null;
	const statuses = result.statusCodeStats ?? {};
	const okStatus = target.kind === 'form' ? ['303'] : target.kind === 'refused' ? ['403'] : ['200', '201'];
	const stored = okStatus.reduce((sum, s) => sum + (statuses[s]?.count ?? 0), 0);
	const otherStatuses = Object.fromEntries(
		Object.entries(statuses)
			.filter(([s]) => !okStatus.includes(s))
			.map(([s, v]) => [s, v.count])
	);
	return {
		requests: result.requests.total,
		stored,
		rate: stored / result.duration,
		serverCpuUsPerSignal: cpuBefore !== null && cpuAfter !== null && stored > 0 ? ((cpuAfter - cpuBefore) * 1e6) / stored : null,
		p50: result.latency.p50,
		p99: result.latency.p99,
		otherStatuses,
		errors: result.errors + result.timeouts
	};
}
