// CLI: times the signal queries of the bench (bench/signal-queries.ts) on a dataset generated before, without
// generating it again — a million signals take minutes to write, the queries seconds to time.
//   tsx bench/measure-signals.ts --data-dir DIR | --database-url postgres://… [--seconds 5] [--grow-to N]
//       [--refresh-statistics] [--without-statistics] [--seed 1] [--only intake] [--port 3222]
// --only intake skips the queries and measures intake over HTTP on the kept dataset (the HTTP floor, the form post and
// the Open311 POST, unbounded and at 300/s, as `npm run bench` does) against the build in bench/.build (made by a bench
// run, or `BUILD_DIR=bench/.build npx vite build`). The signals it stores stay in the dataset.
// Migrates the database first (a new index is built on the rows already there). --grow-to adds signals up to N with
// the generator (the same signals as a run that went there in one step). --refresh-statistics takes the planner
// statistics again first; --without-statistics (SQLite) sets SQLite's statistics aside for the run and puts them
// back afterwards, to time the queries as on a database that was never analysed.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { isPostgresUrl, openDatabase, type Db } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { refreshStatistics } from '../src/core/db/statistics';
import { measureCalls } from './calls';
import { generateSignalsInto, type Target } from './generate';
import { issueBenchKey, measureIntake, type IntakeTarget } from './intake';
import { startServer } from './server';
import { BENCH_INTAKE_RATE_LIMIT } from './signals-phase';
import { queryScenarios } from './signal-queries';
import { prepareSignalWorld } from './signals';

export type QueryTiming = {
	scenario: string;
	calls: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	cpuMsPerCall: number;
	failures: number;
	firstError?: string;
};

/** Times every query scenario on an open database, one caller, a short warm-up first. */
export async function timeQueries(db: Db, seed: number, seconds: number): Promise<QueryTiming[]> {
	const world = await prepareSignalWorld(db, seed);
	const out: QueryTiming[] = [];
	for (const s of queryScenarios(db, world)) {
		const f = await measureCalls(s.run, { seconds, maxCalls: 100_000, concurrency: 1, warmupCalls: 3 });
		out.push({
			scenario: s.scenario,
			calls: f.calls,
			p50Ms: f.latencyMs.p50,
			p95Ms: f.latencyMs.p95,
			p99Ms: f.latencyMs.p99,
			cpuMsPerCall: f.cpuMsPerCall,
			failures: f.failures,
			firstError: f.firstError
		});
	}
	return out;
}

/** SQLite only: runs `work` with the planner statistics set aside (as on a database never analysed), then restores them. */
async function withoutStatistics<T>(db: Db, work: () => Promise<T>): Promise<T> {
	const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
	if (Number(exists.rows[0].n) === 0) return work();
	const saved = (await sql<{ tbl: string; idx: string | null; stat: string }>`select tbl, idx, stat from sqlite_stat1`.execute(db)).rows;
	await sql`delete from sqlite_stat1`.execute(db);
	// Makes the planner read the (now empty) statistics again.
	await sql`analyze sqlite_schema`.execute(db);
	try {
		return await work();
	} finally {
		for (const r of saved) await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${r.tbl}, ${r.idx}, ${r.stat})`.execute(db);
		await sql`analyze sqlite_schema`.execute(db);
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			'data-dir': { type: 'string' },
			'database-url': { type: 'string' },
			seconds: { type: 'string', default: '5' },
			'grow-to': { type: 'string' },
			seed: { type: 'string', default: '1' },
			'refresh-statistics': { type: 'boolean', default: false },
			'without-statistics': { type: 'boolean', default: false },
			only: { type: 'string' },
			port: { type: 'string', default: '3222' }
		}
	});
	const url = values['database-url'];
	if (url && !isPostgresUrl(url)) throw new Error('--database-url must be postgres://…; for SQLite use --data-dir');
	if (!url && !values['data-dir']) throw new Error('give --data-dir DIR (SQLite) or --database-url postgres://… of a generated dataset');
	const target: Target = { databaseUrl: url, dataDir: values['data-dir'] ? resolve(values['data-dir']) : '' };
	const seed = Number(values.seed) || 1;
	const seconds = Number(values.seconds) || 5;
	const log = (line: string) => console.log(line);

	const db = openDatabase({ url, sqlitePath: join(target.dataDir, 'leefbaar.sqlite'), poolSize: 4 });
	let have: number;
	try {
		const applied = await migrateToLatest(db);
		if (applied.length) log(`Migrated: ${applied.join(', ')}`);
		have = Number(
			(
				await db
					.selectFrom('signals')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
		if (!have && !values['grow-to']) throw new Error('no signals in this database: generate some first (bench/generate.ts --signals N) or pass --grow-to N');
	} finally {
		await db.destroy();
	}
	const growTo = values['grow-to'] ? Number(values['grow-to'].replace(/_/g, '')) : 0;
	if (growTo > have) {
		log(`Adding signals ${have.toLocaleString('en')} to ${growTo.toLocaleString('en')} …`);
		const made = await generateSignalsInto(target, { from: have, to: growTo }, seed, log);
		log(`  added in ${made.seconds.toFixed(1)} s`);
		have = growTo;
	}

	const measured = openDatabase({ url, sqlitePath: join(target.dataDir, 'leefbaar.sqlite'), poolSize: 4 });
	try {
		if (values['refresh-statistics']) {
			const t0 = performance.now();
			await refreshStatistics(measured);
			log(`Statistics taken again in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		}
		const bare = values['without-statistics'] && measured.dialect === 'sqlite';
		const load = os
			.loadavg()
			.map((v) => v.toFixed(2))
			.join(' / ');
		log(
			`${measured.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${have.toLocaleString('en')} signals${bare ? ', without planner statistics' : ''}; ${seconds} s per scenario; load average ${load} (1 / 5 / 15 min) on ${os.cpus().length} cores`
		);
		if (values.only !== 'intake') {
			const timings = bare ? await withoutStatistics(measured, () => timeQueries(measured, seed, seconds)) : await timeQueries(measured, seed, seconds);
			log('| scenario | p50 | p95 | p99 | calls | CPU per call |');
			log('|---|---:|---:|---:|---:|---:|');
			for (const t of timings)
				log(
					`| ${t.scenario} | ${t.p50Ms.toFixed(1)} ms | ${t.p95Ms.toFixed(1)} ms | ${t.p99Ms.toFixed(1)} ms | ${t.calls} | ${t.cpuMsPerCall.toFixed(1)} ms |${t.failures ? ` ${t.failures} failed: ${t.firstError}` : ''}`
				);
		}
		if (values.only === 'intake') {
			await measureHttpIntake(measured, target, Number(values.port) || 3222, seconds, log);
		}
		log(
			`Load average at the end: ${os
				.loadavg()
				.map((v) => v.toFixed(2))
				.join(' / ')}`
		);
	} finally {
		await measured.destroy();
	}
}

/** Intake over HTTP on the kept dataset: the floor, then the form post and the Open311 POST, unbounded and at 300/s. */
async function measureHttpIntake(db: Db, target: Target, port: number, seconds: number, log: (line: string) => void): Promise<void> {
	const buildDir = resolve('bench/.build');
	if (!existsSync(join(buildDir, 'handler.js'))) throw new Error('no build in bench/.build: run `BUILD_DIR=bench/.build npx vite build` first');
	const apiKey = await issueBenchKey(db);
	const slugs = (await db.selectFrom('estates').select('slug').orderBy('id').limit(50).execute()).map((e) => e.slug);
	const server = await startServer({
		port,
		buildDir,
		dataDir: target.dataDir,
		databaseUrl: target.databaseUrl,
		env: { INTAKE_RATE_LIMIT: String(BENCH_INTAKE_RATE_LIMIT), OPEN311_RATE_LIMIT: String(BENCH_INTAKE_RATE_LIMIT) }
	});
	try {
		const connections = 10;
		const cpu = (us: number | null) => (us === null ? '–' : `${Math.round(us)} µs`);
		log(`| scenario | load | rate | server CPU a signal | p50 | p99 |`);
		const floor = await measureIntake(server.origin, { kind: 'refused', slugs, serviceCode: 'leak_damp' }, { connections, seconds }, server.pid);
		log(
			`| HTTP floor (refused Open311 POST) | unbounded | ${Math.round(floor.rate)}/s | ${cpu(floor.serverCpuUsPerSignal)} | ${floor.p50} ms | ${floor.p99} ms |`
		);
		const targets: Array<[string, IntakeTarget]> = [
			['form post', { kind: 'form', slugs }],
			['Open311 POST', { kind: 'open311', apiKey, slugs, serviceCode: 'leak_damp' }]
		];
		for (const [name, t] of targets) {
			for (const rate of [undefined, 300]) {
				const f = await measureIntake(server.origin, t, { connections, seconds, overallRate: rate }, server.pid);
				const failed = f.requests - f.stored;
				log(
					`| intake, ${name} | ${rate ? `fixed ${rate}/s` : `unbounded, ${connections} connections`} | ${Math.round(f.rate)}/s | ${cpu(f.serverCpuUsPerSignal)} | ${f.p50} ms | ${f.p99} ms |${failed ? ` ${failed} not stored ${JSON.stringify(f.otherStatuses)}` : ''}`
				);
			}
		}
	} finally {
		await server.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/measure-signals.ts')) {
	main().catch((err) => {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	});
}
