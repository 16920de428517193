// Starts the real production build (scripts/serve.js) on a free local port with its own data directory and a fresh
// database, so HTTP and browser tests talk to Leefbaar exactly as a user's browser would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../../src/core/db/database';
import type { Dialect } from '../../src/core/db/dialect';
import { freshDatabase } from '../../src/core/db/testing';
import { copyDemoTemplate, demoTemplate, pointLinksAt } from './demo-template';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export type TestServer = {
	/** Origin without trailing slash, e.g. http://127.0.0.1:41234 */
	url: string;
	dialect: Dialect;
	dataDir: string;
	/** The same database the server uses, to look up ids and to arrange situations (an expired session). */
	db: Db;
	/** What the server printed so far: shown when a test fails on a 500. */
	output(): string;
	stop(): Promise<void>;
};

/**
 * `origin: false` starts the server as a fresh demo runs, without ORIGIN (its links then go to http://localhost:<port>);
 * by default ORIGIN is the test server's own address, as an operator sets it, so links in mails can be followed.
 */
export type StartOptions = { dialect: Dialect; env?: Record<string, string>; origin?: boolean };

/** The build the tests run against: BUILD_DIR (npm test builds into build/). */
export function buildDir(): string {
	return resolve(ROOT, process.env.BUILD_DIR || 'build');
}

export async function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => ok(port));
		});
	});
}

export async function startServer(options: StartOptions): Promise<TestServer> {
	const handler = join(buildDir(), 'handler.js');
	if (!existsSync(handler)) throw new Error(`No build at ${buildDir()}: run \`npx vite build\` first (npm test does), or set BUILD_DIR.`);

	const dataDir = mkdtempSync(join(tmpdir(), 'leefbaar-test-'));
	const port = await freePort();
	const origin = options.env?.ORIGIN ?? (options.origin === false ? `http://localhost:${port}` : `http://127.0.0.1:${port}`);
	// The demo data comes from the run's template instead of loading at the server's start (same rows, seconds saved).
	const demo = (options.env?.DEMO_DATA ?? 'true').match(/^(true|1|yes)$/) && !options.env?.DATABASE_URL ? await demoTemplate(options.dialect) : null;
	const database =
		options.dialect === 'postgres' ? await freshDatabase('postgres', { pgTemplate: demo?.dialect === 'postgres' ? demo.database : undefined }) : undefined;
	if (database && demo) await pointLinksAt(database.db, 'postgres', origin);
	if (demo?.dialect === 'sqlite') await copyDemoTemplate(demo, join(dataDir, 'leefbaar.sqlite'), origin);
	const maxUploadMb = Number(options.env?.MAX_UPLOAD_MB ?? 50);
	// The caller's ORIGIN only: one from the shell would point the server's links elsewhere.
	const { ORIGIN: _shellOrigin, ...inherited } = process.env as Record<string, string>;
	const env: Record<string, string> = {
		...inherited,
		...(options.origin === false ? {} : { ORIGIN: `http://127.0.0.1:${port}` }),
		BUILD_DIR: buildDir(),
		DATA_DIR: dataDir,
		HOST: '127.0.0.1',
		PORT: String(port),
		JOBS: 'false',
		LOG_LEVEL: 'warn',
		NODE_ENV: 'production',
		// As scripts/start.js does: adapter-node's own limit must not cut in before our translated 413.
		BODY_SIZE_LIMIT: String(Math.round(maxUploadMb * 1024 * 1024)),
		...options.env
	};
	if (database?.url) env.DATABASE_URL = database.url;
	else if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;

	let output = '';
	const child: ChildProcess = spawn(process.execPath, ['scripts/serve.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));

	const url = `http://127.0.0.1:${port}`;
	const cleanUp = async () => {
		await database?.dispose();
		rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		await waitUntilAnswering(url, exited, () => output);
	} catch (error) {
		child.kill('SIGKILL');
		await exited;
		await cleanUp();
		throw error;
	}

	const db = database?.db ?? openDatabase({ sqlitePath: join(dataDir, 'leefbaar.sqlite') });
	let stopped = false;
	return {
		url,
		dialect: options.dialect,
		dataDir,
		db,
		output: () => output,
		async stop() {
			if (stopped) return;
			stopped = true;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
			if (!database) await db.destroy();
			await cleanUp();
		}
	};
}

async function waitUntilAnswering(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
	let gone: number | null | undefined;
	void exited.then((code) => (gone = code));
	// Loading the demo data takes seconds on a quiet machine; on one shared with other work (load average 20, measured)
	// PostgreSQL took over a minute. A slow start is not what these tests are about: the benches measure speed.
	const deadline = Date.now() + 150_000;
	while (Date.now() < deadline) {
		if (gone !== undefined) throw new Error(`The test server stopped (exit ${gone}) before answering:\n${output()}`);
		try {
			const res = await fetch(`${url}/`, { redirect: 'manual' });
			if (res.status < 500) return;
		} catch {
			// not listening yet
		}
		await new Promise((ok) => setTimeout(ok, 100));
	}
	throw new Error(`The test server did not answer at ${url} within 150 s:\n${output()}`);
}
