// Fault test: killing the server with SIGKILL during an intake load loses no signal it acknowledged. Starts the built
// server on a fresh database, fires concurrent resident form posts and Open311 POSTs, remembers every acknowledged
// one (the tracking token in the form's redirect, the service_request_id in the Open311 answer), kills the server
// with SIGKILL in the middle of the load, starts it again on the same data, and checks that every acknowledged
// signal is there, whole: its reporter, its "created" event, its audit entry and its receipt mail.
//   npm run bench:crash [-- --build-dir bench/.build] [-- --seconds 3]   (SQLite, and PostgreSQL when it answers)
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { generateDataset } from './dataset';
import { formBody, issueBenchKey, open311Body } from './intake';
import { createBenchDatabase, postgresVersion } from './postgres';
import { startServer, stopAllServers, type RunningServer } from './server';
import { prepareSignalWorld } from './signals';

export type CrashOptions = { buildDir: string; databaseUrl?: string; loadMs?: number; concurrency?: number; log?: (line: string) => void };
export type CrashResult = {
	sent: number;
	acknowledged: { form: number; open311: number };
	/** Acknowledged signals not found after the restart: must be empty. */
	missing: string[];
	/** Signals found without their reporter, "created" event, audit entry or receipt mail: must be empty. */
	halfWritten: string[];
	/** Requests without an answer when the server died (they may or may not be stored; neither is a loss). */
	unanswered: number;
	signalsAfterRestart: number;
	restartedOk: boolean;
};

function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => ok(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

type Ack = { kind: 'form'; token: string } | { kind: 'open311'; reference: string };

/** One intake POST; resolves to what the server acknowledged, null for a refusal, or throws when the connection died. */
async function post(origin: string, k: number, target: { slugs: string[]; apiKey: string }): Promise<Ack | null> {
	const slug = target.slugs[k % target.slugs.length];
	// A browser's Accept header: without it SvelteKit answers a form action with JSON instead of a 303.
	const headers = { 'content-type': 'application/x-www-form-urlencoded', origin, 'accept-language': 'nl-BE', accept: 'text/html' };
	if (k % 2 === 0) {
		const token = randomBytes(16).toString('hex');
		const res = await fetch(`${origin}/melden/${slug}?/send`, {
			method: 'POST',
			headers,
			body: formBody(k, token),
			redirect: 'manual',
			signal: AbortSignal.timeout(15_000)
		});
		await res.arrayBuffer();
		const tracking = /\/volgen\/([^/]+)\/bedankt/.exec(res.headers.get('location') ?? '')?.[1];
		return res.status === 303 && tracking ? { kind: 'form', token: tracking } : null;
	}
	const res = await fetch(`${origin}/open311/v2/requests.json`, {
		method: 'POST',
		headers: { ...headers, 'idempotency-key': randomBytes(12).toString('hex') },
		body: open311Body(k, target.apiKey, slug, 'leak_damp'),
		signal: AbortSignal.timeout(15_000)
	});
	const body = (await res.json().catch(() => null)) as Array<{ service_request_id?: string }> | null;
	const reference = body?.[0]?.service_request_id;
	return res.ok && reference ? { kind: 'open311', reference } : null;
}

async function prepare(db: Db): Promise<{ slugs: string[]; apiKey: string }> {
	await migrateToLatest(db);
	await generateDataset(db, { areas: 12, households: 60, residents: 60 }, { seed: 3 });
	await prepareSignalWorld(db, 3);
	const apiKey = await issueBenchKey(db);
	const slugs = (await db.selectFrom('estates').select('slug').orderBy('id').limit(10).execute()).map((e) => e.slug);
	return { slugs, apiKey };
}

export async function crashIntake(options: CrashOptions): Promise<CrashResult> {
	const log = options.log ?? (() => {});
	const dataDir = mkdtempSync(join(tmpdir(), 'leefbaar-crash-'));
	const target = { dataDir, databaseUrl: options.databaseUrl };
	const open = () => openDatabase({ url: options.databaseUrl, sqlitePath: join(dataDir, 'leefbaar.sqlite'), poolSize: 2 });
	let server: RunningServer | null = null;
	try {
		const setupDb = open();
		const setup = await prepare(setupDb).finally(() => setupDb.destroy());
		const env = { INTAKE_RATE_LIMIT: '100000' };
		server = await startServer({ port: await freePort(), buildDir: options.buildDir, ...target, env });
		const origin = server.origin;
		log(
			`server ${origin} (pid ${server.pid}) on ${options.databaseUrl ? 'PostgreSQL' : 'SQLite'}; ${options.concurrency ?? 8} concurrent posters; SIGKILL after ${options.loadMs ?? 2000} ms`
		);

		const acks: Ack[] = [];
		let sent = 0;
		let unanswered = 0;
		let dead = false;
		const poster = async () => {
			while (!dead) {
				const k = sent++;
				try {
					const ack = await post(origin, k, setup);
					// An answer that arrives is an acknowledgement, even if the server dies a moment later.
					if (ack) acks.push(ack);
				} catch {
					unanswered++;
					if (dead) return;
				}
			}
		};
		const posters = Array.from({ length: options.concurrency ?? 8 }, poster);
		await new Promise((r) => setTimeout(r, options.loadMs ?? 2000));
		process.kill(server.pid, 'SIGKILL');
		dead = true;
		await Promise.all(posters);
		await server.stop();
		log(`killed with ${acks.length} acknowledged of ${sent} sent (${unanswered} without an answer)`);

		// Start again on the same data: the server must come up and answer (SQLite recovers its WAL on open).
		server = await startServer({ port: await freePort(), buildDir: options.buildDir, ...target, env });
		const restartedOk = (await fetch(`${server.origin}/melden/${setup.slugs[0]}`)).status === 200;
		await server.stop();

		const db = open();
		try {
			const tokens = acks.flatMap((a) => (a.kind === 'form' ? [createHash('sha256').update(a.token).digest('hex')] : []));
			const references = acks.flatMap((a) => (a.kind === 'open311' ? [a.reference] : []));
			const foundTokens = new Set<string>();
			const foundRefs = new Set<string>();
			for (let i = 0; i < tokens.length; i += 500) {
				const rows = await db
					.selectFrom('signal_reporters as r')
					.innerJoin('signals as s', 's.id', 'r.signal_id')
					.select('r.token_hash')
					.where('r.token_hash', 'in', tokens.slice(i, i + 500))
					.execute();
				for (const r of rows) foundTokens.add(r.token_hash);
			}
			for (let i = 0; i < references.length; i += 500) {
				const rows = await db
					.selectFrom('signals')
					.select('reference')
					.where('reference', 'in', references.slice(i, i + 500))
					.execute();
				for (const r of rows) foundRefs.add(r.reference);
			}
			const missing = [
				...tokens.filter((t) => !foundTokens.has(t)).map((t) => `form token ${t.slice(0, 8)}…`),
				...references.filter((r) => !foundRefs.has(r)).map((r) => `open311 ${r}`)
			];
			const signals = await db.selectFrom('signals').select(['id', 'reference']).execute();
			const has = async (q: Promise<Array<{ id: string }>>) => new Set((await q).map((r) => r.id));
			const withReporter = await has(db.selectFrom('signal_reporters').select('signal_id as id').execute());
			const withCreated = await has(db.selectFrom('signal_events').select('signal_id as id').where('kind', '=', 'created').execute());
			const withAudit = await has(
				db.selectFrom('audit_log').select('resource_id as id').where('action', '=', 'signal_create').execute() as Promise<Array<{ id: string }>>
			);
			const mails = (await db.selectFrom('outbox').select('payload').execute()).map((m) => JSON.stringify(m.payload));
			const halfWritten = signals
				.filter((s) => !withReporter.has(s.id) || !withCreated.has(s.id) || !withAudit.has(s.id) || !mails.some((m) => m.includes(s.reference)))
				.map((s) => s.reference);
			return {
				sent,
				acknowledged: { form: tokens.length, open311: references.length },
				missing,
				halfWritten,
				unanswered,
				signalsAfterRestart: signals.length,
				restartedOk
			};
		} finally {
			await db.destroy();
		}
	} finally {
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { 'build-dir': { type: 'string', default: 'bench/.build' }, seconds: { type: 'string', default: '3' } } });
	const buildDir = resolve(values['build-dir']!);
	const loadMs = Math.max(200, Number(values.seconds) * 1000 || 3000);
	let failed = false;
	const report = (name: string, r: CrashResult) => {
		console.log(
			`${name}: ${r.sent} sent, ${r.acknowledged.form + r.acknowledged.open311} acknowledged (${r.acknowledged.form} form, ${r.acknowledged.open311} Open311), ${r.unanswered} without an answer when killed; after the restart ${r.signalsAfterRestart} signals, ${r.missing.length} acknowledged missing, ${r.halfWritten.length} half-written; restarted ${r.restartedOk ? 'and answering' : 'BUT NOT ANSWERING'}`
		);
		if (r.missing.length || r.halfWritten.length || !r.restartedOk || r.acknowledged.form + r.acknowledged.open311 === 0) {
			failed = true;
			console.log(`  missing: ${r.missing.slice(0, 10).join(', ')}  half-written: ${r.halfWritten.slice(0, 10).join(', ')}`);
		}
	};
	report('SQLite', await crashIntake({ buildDir, loadMs, log: (l) => console.log(`  ${l}`) }));
	if (await postgresVersion()) {
		const pg = await createBenchDatabase();
		try {
			report('PostgreSQL', await crashIntake({ buildDir, loadMs, databaseUrl: pg.url, log: (l) => console.log(`  ${l}`) }));
		} finally {
			await pg.drop();
		}
	} else console.log('PostgreSQL did not answer: SQLite only.');
	process.exitCode = failed ? 1 : 0;
}

if (process.argv[1]?.endsWith('bench/crash-intake.ts')) {
	process.once('exit', stopAllServers);
	main().catch((err) => {
		console.error(err instanceof Error ? (err.stack ?? err.message) : err);
		stopAllServers();
		process.exit(1);
	});
}
