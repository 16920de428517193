// The signals part of a bench run, per database: grows the generated dataset to 10,000, 100,000 and 1,000,000 signals
// and times the inbox and the collective view at each size; then, on the full database, intake in process (bare
// insert against reportSignal) and over HTTP (form post and Open311 POST, unbounded and at 300/s), and the weight
// of the resident's report page.
import { join } from 'node:path';
import { openDatabase, type Db } from '../src/core/db/database';
import { measureCalls } from './calls';
import { generateSignalsInto, type Target } from './generate';
import { bareIntake, issueBenchKey, measureIntake, serviceIntake, type IntakeTarget } from './intake';
import { measurePageWeight, type PageWeight } from './page-weight';
import type { Row } from './report';
import { startServer } from './server';
import { queryScenarios } from './signal-queries';
import { prepareSignalWorld } from './signals';

export type SignalsLoad = { total: number; querySeconds: number; intakeSeconds: number; httpSeconds: number; connections: number; fixedRate: number };
export type SignalsRun = {
	steps: Array<{ signals: number; generationSeconds: number }>;
	pageWeight: PageWeight | null;
	notes: string[];
	intakeRateLimit: number;
};

/** The bench server's intake limit per client per hour: all bench posts come from 127.0.0.1, so it is raised. */
export const BENCH_INTAKE_RATE_LIMIT = 100_000;

/** "612 µs server CPU a stored signal": the server process's user + system time over the run, per unit. */
function cpuNote(us: number | null, per: string): string {
	return us === null ? 'server CPU not measured (no /proc)' : `${Math.round(us)} µs server CPU ${per}`;
}

export function sizeSteps(total: number): number[] {
	return [...new Set([10_000, 100_000, 1_000_000].filter((s) => s < total).concat(total))];
}

const open = (target: Target, poolSize = 4): Db => openDatabase({ url: target.databaseUrl, sqlitePath: join(target.dataDir, 'leefbaar.sqlite'), poolSize });

export async function benchSignals(
	database: 'sqlite' | 'postgres',
	target: Target,
	port: number,
	buildDir: string,
	load: SignalsLoad,
	seed: number,
	rows: Row[],
	log: (line: string) => void
): Promise<SignalsRun> {
	const run: SignalsRun = { steps: [], pageWeight: null, notes: [], intakeRateLimit: BENCH_INTAKE_RATE_LIMIT };
	let have = 0;
	for (const size of sizeSteps(load.total)) {
		log(`[${database}] growing to ${size.toLocaleString('en')} signals …`);
		const made = await generateSignalsInto(target, { from: have, to: size }, seed, log);
		have = size;
		run.steps.push({ signals: size, generationSeconds: made.seconds });
		log(`[${database}]   ${(size - (run.steps.at(-2)?.signals ?? 0)).toLocaleString('en')} signals added in ${made.seconds.toFixed(1)} s`);
		const db = open(target);
		try {
			const world = await prepareSignalWorld(db, seed);
			for (const s of queryScenarios(db, world)) {
				const f = await measureCalls(s.run, { seconds: load.querySeconds, maxCalls: 100_000, concurrency: 1, warmupCalls: 3 });
				const note = [
					`${size.toLocaleString('en')} signals, ${f.cpuMsPerCall.toFixed(1)} ms CPU a call`,
					f.failures ? `${f.failures} failed: ${f.firstError}` : ''
				]
					.filter(Boolean)
					.join('; ');
				rows.push({
					scenario: s.scenario,
					database,
					target: s.target,
					unit: 'queries/s',
					rate: f.callsPerSecond,
					p50Ms: f.latencyMs.p50,
					p95Ms: f.latencyMs.p95,
					p99Ms: f.latencyMs.p99,
					ratioToBaseline: null,
					note
				});
				log(`  ${s.scenario} @ ${size.toLocaleString('en')}: p50 ${f.latencyMs.p50.toFixed(1)} ms, p95 ${f.latencyMs.p95.toFixed(1)} ms (${f.calls} calls)`);
			}
		} finally {
			await db.destroy();
		}
	}

	// Intake in process on the full database: 4 concurrent callers, as a server has several requests in flight.
	const db = open(target);
	let apiKey: string;
	let slugs: string[];
	let baseline = 0;
	try {
		const world = await prepareSignalWorld(db, seed);
		const tag = Date.now().toString(36);
		for (const [scenario, call] of [
			['intake, bare insert of the same rows (baseline)', bareIntake(db, world, tag)],
			['intake, reportSignal service', serviceIntake(db, world, tag)]
		] as const) {
			const f = await measureCalls(call, { seconds: load.intakeSeconds, maxCalls: 1_000_000, concurrency: 4, warmupCalls: 50 });
			baseline ||= f.callsPerSecond;
			const note = [
				`in process, 4 callers, ${have.toLocaleString('en')} signals, ${f.cpuMsPerCall.toFixed(2)} ms CPU a signal`,
				f.failures ? `${f.failures} failed: ${f.firstError}` : ''
			]
				.filter(Boolean)
				.join('; ');
			rows.push({
				scenario,
				database,
				target: scenario.includes('bare') ? '6 inserts, 1 transaction' : 'reportSignal(db, anonymous, …)',
				unit: 'signals/s',
				rate: f.callsPerSecond,
				p50Ms: f.latencyMs.p50,
				p95Ms: f.latencyMs.p95,
				p99Ms: f.latencyMs.p99,
				ratioToBaseline: f.callsPerSecond / baseline,
				note
			});
			log(`  ${scenario}: ${Math.round(f.callsPerSecond)} signals/s, p99 ${f.latencyMs.p99.toFixed(1)} ms`);
		}
		apiKey = await issueBenchKey(db);
		slugs = (await db.selectFrom('estates').select('slug').orderBy('id').limit(50).execute()).map((e) => e.slug);
	} finally {
		await db.destroy();
	}

	const server = await startServer({
		port,
		buildDir,
		dataDir: target.dataDir,
		databaseUrl: target.databaseUrl,
		env: { INTAKE_RATE_LIMIT: String(BENCH_INTAKE_RATE_LIMIT), OPEN311_RATE_LIMIT: String(BENCH_INTAKE_RATE_LIMIT) }
	});
	try {
		try {
			run.pageWeight = await measurePageWeight(server.origin, `/melden/${slugs[0]}`);
			const t = run.pageWeight.total;
			log(
				`  /melden/<estate>: ${run.pageWeight.resources.length} files, ${(t.served / 1024).toFixed(1)} KB as served, ${(t.gzip / 1024).toFixed(1)} KB gzip, ${(t.brotli / 1024).toFixed(1)} KB brotli`
			);
		} catch (err) {
			run.notes.push(`page weight not measured: ${err instanceof Error ? err.message : err}`);
		}
		// The floor: an Open311 POST refused for want of an api_key (body read and parsed, 403, no database work).
		const floor = await measureIntake(
			server.origin,
			{ kind: 'refused', slugs, serviceCode: 'leak_damp' },
			{ connections: load.connections, seconds: load.httpSeconds },
			server.pid
		);
		rows.push({
			scenario: 'HTTP floor: Open311 POST refused (no api_key)',
			database,
			target: '/open311/v2/requests.json → 403',
			unit: 'req/s',
			rate: floor.rate,
			p50Ms: floor.p50,
			p99Ms: floor.p99,
			ratioToBaseline: null,
			serverCpuUs: floor.serverCpuUsPerSignal,
			note: `unbounded, ${load.connections} connections; ${cpuNote(floor.serverCpuUsPerSignal, 'an answer')}; what the framework and HTTP stack cost with no intake work`
		});
		log(
			`  HTTP floor (refused Open311 POST): ${Math.round(floor.rate)} requests/s, ${cpuNote(floor.serverCpuUsPerSignal, 'an answer')}, p50 ${floor.p50} ms, p99 ${floor.p99} ms`
		);
		const targets: Array<{ name: string; path: string; target: IntakeTarget }> = [
			{ name: 'intake, resident form post', path: '/melden/<estate>?/send', target: { kind: 'form', slugs } },
			{ name: 'intake, Open311 POST', path: '/open311/v2/requests.json', target: { kind: 'open311', apiKey, slugs, serviceCode: 'leak_damp' } }
		];
		for (const t of targets) {
			const probe = await measureIntake(server.origin, t.target, { connections: 1, seconds: 1 });
			if (probe.stored === 0) {
				const note = `${t.path} stored nothing: ${JSON.stringify(probe.otherStatuses)}; not measured`;
				run.notes.push(note);
				log(`  ${t.name}: ${note}`);
				continue;
			}
			for (const rate of [undefined, load.fixedRate]) {
				const f = await measureIntake(server.origin, t.target, { connections: load.connections, seconds: load.httpSeconds, overallRate: rate }, server.pid);
				const failed = f.requests - f.stored;
				const note = [
					rate ? `fixed rate ${rate}/s` : `unbounded, ${load.connections} connections`,
					cpuNote(f.serverCpuUsPerSignal, 'a stored signal'),
					failed ? `${failed} of ${f.requests} not stored ${JSON.stringify(f.otherStatuses)}` : ''
				]
					.filter(Boolean)
					.join('; ');
				rows.push({
					scenario: t.name,
					database,
					target: t.path,
					unit: 'signals/s',
					rate: f.rate,
					p50Ms: f.p50,
					p99Ms: f.p99,
					ratioToBaseline: f.rate / baseline,
					serverCpuUs: f.serverCpuUsPerSignal,
					note
				});
				log(`  ${t.name} (${note}): ${Math.round(f.rate)} signals/s, p50 ${f.p50} ms, p99 ${f.p99} ms`);
			}
		}
	} finally {
		await server.stop();
	}
	return run;
}
