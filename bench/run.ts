// `npm run bench [-- --quick] [-- --skip-build] [-- --only areas|people|signals|surveys|memory]`: builds the app into bench/.build,
// generates a dataset on SQLite (and on a throw-away PostgreSQL database when one answers), serves it with
// `node scripts/serve.js` and measures, in one run and side by side: a static file (the baseline), the home page, a
// public area page, point-in-area lookups in process, the signals (bench/signals-phase.ts) and the surveys
// (bench/surveys-phase.ts). Prints a table and writes bench/results/<timestamp>.json. Stops everything it started.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/core/db/database';
import type { DatasetSizes, DatasetSummary } from './dataset';
import { generateInto } from './generate';
import { measurePaths, statusOf, type HttpLoad } from './http';
import { measureLookups } from './lookup';
import { benchPeople } from './people';
import { createBenchDatabase, postgresVersion, type BenchDatabase } from './postgres';
import { formatTable, machineInfo, writeResults, type Row } from './report';
import { startServer, stopAllServers, type RunningServer } from './server';
import { benchMemory } from './memory';
import { benchSignals, sizeSteps, type SignalsLoad, type SignalsRun } from './signals-phase';
import { ANSWERING_PAGE_BUDGET_BYTES, benchSurveys, type SurveysLoad, type SurveysRun } from './surveys-phase';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD_DIR = join(ROOT, 'bench/.build');
const KIT_OUT_DIR = join(ROOT, 'bench/.kit');
const RESULTS_DIR = join(ROOT, 'bench/results');
/** The bench's own ports (3220-3239), one per database, so a dev server on 3000 is never in the way. */
const PORTS = { sqlite: 3220, postgres: 3221 } as const;
/** The survey phase's demo-data server, apart from the generated dataset's. */
const SURVEY_PORTS = { sqlite: 3222, postgres: 3223 } as const;

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		'skip-build': { type: 'boolean', default: false },
		seed: { type: 'string', default: '1' },
		signals: { type: 'string' },
		only: { type: 'string' }
	}
});
const quick = args.quick;
const seed = Number(args.seed) || 1;
const sizes: DatasetSizes = quick ? { areas: 10_000, households: 8_000, residents: 20_000 } : { areas: 10_000, households: 80_000, residents: 200_000 };
const httpLoad: HttpLoad = quick ? { connections: 10, seconds: 3, warmupSeconds: 1 } : { connections: 10, seconds: 10, warmupSeconds: 3 };
const lookupSeconds = quick ? 3 : 10;
const LOOKUP_CONCURRENCY = [1, 4];
/** `--only areas`, `--only people`, `--only signals`, `--only surveys` or `--only memory` runs that part alone. */
const PARTS = ['areas', 'people', 'signals', 'surveys', 'memory'] as const;
if (args.only && !(PARTS as readonly string[]).includes(args.only)) throw new Error(`--only takes one of ${PARTS.join(', ')}`);
const only = (args.only ?? null) as (typeof PARTS)[number] | null;
const includes = (part: (typeof PARTS)[number]) => !only || only === part;
const surveysLoad: SurveysLoad = {
	sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000],
	estates: 40,
	submits: quick ? 1_000 : 4_000,
	concurrency: 20,
	httpSeconds: quick ? 3 : 10,
	connections: 10,
	seed
};
const signalsLoad: SignalsLoad = {
	total: Math.max(0, Number((args.signals ?? (quick ? '100000' : '1000000')).replace(/_/g, '')) || 0),
	querySeconds: quick ? 2 : 5,
	intakeSeconds: quick ? 3 : 10,
	httpSeconds: quick ? 3 : 10,
	connections: 10,
	fixedRate: 300
};
/** A whole run must end by itself, whatever hangs: then everything is stopped and the run fails. */
const RUN_LIMIT_MS = (quick ? 30 : 120) * 60_000;

type DatabaseRun = {
	database: 'sqlite' | 'postgres';
	version: string;
	generation: DatasetSummary | null;
	areaPage: { measured: string; note?: string };
	signals: SignalsRun | null;
	surveys: SurveysRun | null;
};

const log = (line: string) => console.log(line);
const cleanups: Array<() => Promise<void> | void> = [];
/** Removed synchronously first, and again on exit: a run cut short leaves no data behind. */
const tempDirs: string[] = [];

function removeTempDirs(): void {
	for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

async function cleanUp(): Promise<void> {
	stopAllServers();
	removeTempDirs();
	while (cleanups.length) {
		try {
			await cleanups.pop()!();
		} catch (err) {
			console.error('cleaning up:', err instanceof Error ? err.message : err);
		}
	}
}

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, commandArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('exit', (code) => {
			clearTimeout(timer);
			if (code === 0) resolvePromise();
			else reject(new Error(`${command} ${commandArgs.join(' ')} failed (exit ${code}):\n${output}`));
		});
	});
}

async function build(): Promise<void> {
	if (args['skip-build'] && existsSync(join(BUILD_DIR, 'handler.js'))) return log('Using the existing build in bench/.build (--skip-build).');
	log('Building the app into bench/.build …');
	const t0 = performance.now();
	await run('npx', ['vite', 'build'], { BUILD_DIR, KIT_OUT_DIR }, 10 * 60_000);
	log(`  built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** The public area page of generated neighbourhoods, when that route answers; the home page until it does. */
async function pickAreaPaths(server: RunningServer, slugs: string[]): Promise<{ paths: string[]; note?: string }> {
	const paths = slugs.map((slug) => `/buurten/${slug}`);
	const statuses = await Promise.all(paths.map((p) => statusOf(server.origin, p)));
	const answering = paths.filter((_, k) => statuses[k] === 200);
	if (answering.length === paths.length && paths.length) return { paths };
	if (answering.length) return { paths: answering, note: `${paths.length - answering.length} of ${paths.length} sample pages did not answer 200` };
	return { paths: [], note: `/buurten/<slug> answered ${statuses[0]}: not measured` };
}

async function benchDatabase(
	database: 'sqlite' | 'postgres',
	target: { dataDir: string; databaseUrl?: string },
	version: string,
	rows: Row[]
): Promise<DatabaseRun> {
	let generation: DatasetSummary | null = null;
	let areaPage: DatabaseRun['areaPage'] = { measured: `skipped (--only ${only})` };
	let signals: SignalsRun | null = null;
	if (includes('areas') || includes('people') || includes('signals')) {
		log(
			`\n[${database}] generating ${sizes.areas.toLocaleString('en')} areas, ${sizes.households.toLocaleString('en')} households, ${sizes.residents.toLocaleString('en')} residents …`
		);
		generation = await generateInto(target, sizes, seed, log);
		log(`[${database}] generated in ${generation.seconds.toFixed(1)} s`);
		if (includes('areas')) areaPage = await benchAreas(database, target, generation, rows);
		if (includes('people')) {
			log(`[${database}] people: the residents list and a record under the organisation's reach, in process`);
			const db = openDatabase({ url: target.databaseUrl, sqlitePath: join(target.dataDir, 'leefbaar.sqlite'), poolSize: 2 });
			try {
				await benchPeople(db, database, { seconds: quick ? 2 : 5 }, rows, log);
			} finally {
				await db.destroy();
			}
		}
		if (includes('signals') && signalsLoad.total > 0) signals = await benchSignals(database, target, PORTS[database], BUILD_DIR, signalsLoad, seed, rows, log);
	}
	const surveys = includes('surveys') ? await benchSurveys(database, SURVEY_PORTS[database], BUILD_DIR, surveysLoad, rows, log) : null;
	return { database, version, generation, areaPage, signals, surveys };
}

async function benchAreas(
	database: 'sqlite' | 'postgres',
	target: { dataDir: string; databaseUrl?: string },
	generation: DatasetSummary,
	rows: Row[]
): Promise<DatabaseRun['areaPage']> {
	const server = await startServer({ port: PORTS[database], buildDir: BUILD_DIR, dataDir: target.dataDir, databaseUrl: target.databaseUrl });
	let areaPage: DatabaseRun['areaPage'];
	try {
		log(
			`[${database}] server ${server.origin} (pid ${server.pid}); ${httpLoad.connections} connections, ${httpLoad.warmupSeconds} s warm-up + ${httpLoad.seconds} s per scenario`
		);
		const area = await pickAreaPaths(server, generation.sampleSlugs);
		areaPage = { measured: area.paths.length ? `/buurten/<slug> (${area.paths.length} neighbourhoods, round-robin)` : 'none', note: area.note };
		const scenarios: Array<{ scenario: string; target: string; paths: string[]; note?: string }> = [
			{ scenario: 'static file (baseline)', target: '/favicon.svg', paths: ['/favicon.svg'] },
			{ scenario: 'home page', target: '/', paths: ['/'] },
			...(area.paths.length ? [{ scenario: 'public area page', target: '/buurten/<slug>', paths: area.paths, note: area.note }] : [])
		];
		let baseline = 0;
		for (const s of scenarios) {
			const status = await statusOf(server.origin, s.paths[0]);
			if (status !== 200) throw new Error(`${s.target} answered ${status} before measuring`);
			const f = await measurePaths(server.origin, s.paths, httpLoad);
			if (!baseline) baseline = f.requestsPerSecond;
			const failed = f.non2xx + f.errors + f.timeouts;
			const note = [s.note, failed ? `${failed} of ${f.requests} requests failed` : ''].filter(Boolean).join('; ') || undefined;
			rows.push({
				scenario: s.scenario,
				database,
				target: s.target,
				unit: 'req/s',
				rate: f.requestsPerSecond,
				p50Ms: f.latencyMs.p50,
				p99Ms: f.latencyMs.p99,
				ratioToBaseline: f.requestsPerSecond / baseline,
				note
			});
			log(`  ${s.scenario}: ${Math.round(f.requestsPerSecond)} req/s, p99 ${f.latencyMs.p99} ms${note ? ` (${note})` : ''}`);
		}
		if (!area.paths.length) log(`  public area page: ${area.note}`);
	} finally {
		await server.stop();
	}

	// Lookups run after the server stopped, so they have the machine to themselves.
	const db = openDatabase({ url: target.databaseUrl, sqlitePath: join(target.dataDir, 'leefbaar.sqlite'), poolSize: Math.max(...LOOKUP_CONCURRENCY) });
	try {
		for (const concurrency of LOOKUP_CONCURRENCY) {
			const f = await measureLookups(db, generation.coveredBox, { seconds: lookupSeconds, maxLookups: 2_000_000, concurrency, seed });
			const missed = f.lookups - f.found;
			const note = [`${concurrency} caller${concurrency > 1 ? 's' : ''}`, missed ? `${missed} points found no neighbourhood` : ''].filter(Boolean).join('; ');
			rows.push({
				scenario: `areaAt point lookup`,
				database,
				target: 'areaAt(db, lon, lat)',
				unit: 'lookups/s',
				rate: f.lookupsPerSecond,
				p50Ms: f.latencyMs.p50,
				p99Ms: f.latencyMs.p99,
				ratioToBaseline: null,
				note
			});
			log(
				`  areaAt, ${concurrency} caller(s): ${Math.round(f.lookupsPerSecond)} lookups/s, p99 ${f.latencyMs.p99.toFixed(2)} ms, ${f.found}/${f.lookups} found a neighbourhood`
			);
		}
	} finally {
		await db.destroy();
	}
	return areaPage;
}

async function sqliteVersion(): Promise<string> {
	const db = openDatabase({ sqlitePath: ':memory:' });
	try {
		return (await db.selectNoFrom((eb) => eb.fn<string>('sqlite_version', []).as('v')).executeTakeFirstOrThrow()).v;
	} finally {
		await db.destroy();
	}
}

async function main(): Promise<void> {
	const startedAt = new Date();
	const machine = machineInfo();
	log(`Leefbaar bench${quick ? ' (quick)' : ''}: ${machine.cpus} CPU cores (${machine.cpuModel}), node ${machine.node}, commit ${machine.commit}.`);
	log(
		`Note: the load generator (autocannon) runs on the same ${machine.cpus} cores as the server, so absolute figures are lower than on a separate client; compare rows, not machines.`
	);
	if (machine.loadAverageAtStart[0] > 0.5 * machine.cpus)
		log(`Warning: the machine is busy (load average ${machine.loadAverageAtStart[0]}): other work will lower these figures.`);
	if (only !== 'memory') await build();

	const tmp = mkdtempSync(join(tmpdir(), 'leefbaar-bench-'));
	tempDirs.push(tmp);
	const rows: Row[] = [];
	const runs: DatabaseRun[] = [];
	// In process and without a database: first, while the machine is quiet.
	const memory = includes('memory') ? await benchMemory(log) : [];

	if (only !== 'memory') runs.push(await benchDatabase('sqlite', { dataDir: join(tmp, 'sqlite') }, `SQLite ${await sqliteVersion()}`, rows));

	const pgVersion = only === 'memory' ? null : await postgresVersion();
	if (only === 'memory') log('\n--only memory: no database measured.');
	else if (pgVersion) {
		const pgDb: BenchDatabase = await createBenchDatabase();
		cleanups.push(() => pgDb.drop());
		runs.push(await benchDatabase('postgres', { dataDir: join(tmp, 'postgres'), databaseUrl: pgDb.url }, `PostgreSQL ${pgVersion}`, rows));
		await pgDb.drop();
	} else log('\nPostgreSQL did not answer (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres): measured SQLite only.');

	if (rows.length) log(`\n${formatTable(rows)}\n`);
	for (const r of runs) {
		const w = r.signals?.pageWeight;
		if (w)
			log(
				`Page weight on ${r.version}, ${w.page}: ${w.resources.map((x) => `${x.url} ${x.type} ${(x.served / 1024).toFixed(1)} KB served${x.encoding ? ` (${x.encoding})` : ''}`).join('; ')}; total ${(w.total.served / 1024).toFixed(1)} KB as served, ${(w.total.raw / 1024).toFixed(1)} KB uncompressed, ${(w.total.gzip / 1024).toFixed(1)} KB gzip, ${(w.total.brotli / 1024).toFixed(1)} KB brotli; ${w.images} images not counted.`
			);
		for (const note of r.signals?.notes ?? []) log(`Note (${r.version}): ${note}`);
		if (r.signals)
			log(
				`Signals generated on ${r.version}: ${r.signals.steps.map((s) => `${s.signals.toLocaleString('en')} in ${s.generationSeconds.toFixed(0)} s`).join(', ')} (each step adds to the one before). Bench server with INTAKE_RATE_LIMIT=${r.signals.intakeRateLimit}.`
			);
	}
	for (const r of runs) {
		const w = r.surveys?.http.answeringPage;
		if (w)
			log(
				`Answering page on ${r.version}, ${w.page}: ${w.resources.length} files, ${(w.total.served / 1024).toFixed(1)} KB as served (${w.resources.map((x) => `${x.url} ${(x.served / 1024).toFixed(1)} KB${x.encoding ? ` ${x.encoding}` : ''}`).join('; ')}); budget ${ANSWERING_PAGE_BUDGET_BYTES / 1024} KB${w.total.served > ANSWERING_PAGE_BUDGET_BYTES ? ': OVER BUDGET' : ''}.`
			);
		if (r.surveys)
			log(
				`Survey submit on ${r.version}: submitAnswerSet ${r.surveys.submit.submitPerSecond}/s in process = ${Math.round(r.surveys.submit.ratio * 100)} % of a bare insert of the same rows; over HTTP ${Math.round(r.surveys.http.submit.rate)}/s = ${Math.round((r.surveys.http.submit.rate / r.surveys.http.floor.rate) * 100)} % of the HTTP floor.`
			);
	}
	for (const r of runs)
		if (r.generation)
			log(
				`Generated on ${r.version} in ${r.generation.seconds.toFixed(1)} s: ${Object.entries(r.generation.counts)
					.map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
					.join(', ')}.`
			);
	const file = writeResults(RESULTS_DIR, {
		startedAt: startedAt.toISOString(),
		finishedAt: new Date().toISOString(),
		mode: quick ? 'quick' : 'full',
		machine,
		load: {
			http: { ...httpLoad, tool: 'autocannon', latencyResolutionMs: 1 },
			lookups: {
				seconds: lookupSeconds,
				concurrency: LOOKUP_CONCURRENCY,
				pointsFrom: 'uniform in the covered box of the grid (every point in exactly one neighbourhood)'
			}
		},
		dataset: { seed, sizes },
		signalsLoad: { ...signalsLoad, steps: sizeSteps(signalsLoad.total), now: '2026-12-01T10:00:00.000Z', only },
		surveysLoad,
		memory,
		databases: runs.map((r) => ({
			database: r.database,
			version: r.version,
			generationSeconds: r.generation?.seconds ?? null,
			counts: r.generation?.counts ?? null,
			areaPage: r.areaPage,
			signals: r.signals,
			surveys: r.surveys
		})),
		results: rows
	});
	log(`Results written to ${file.replace(ROOT + '/', '')}`);
}

const watchdog = setTimeout(() => {
	console.error(`The bench ran longer than ${RUN_LIMIT_MS / 60_000} minutes: stopping.`);
	void cleanUp().finally(() => process.exit(1));
}, RUN_LIMIT_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
process.once('exit', () => {
	stopAllServers();
	removeTempDirs();
});

main()
	.then(cleanUp, async (err) => {
		console.error(err instanceof Error ? (err.stack ?? err.message) : err);
		await cleanUp();
		process.exitCode = 1;
	})
	.finally(() => clearTimeout(watchdog));
