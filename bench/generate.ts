// CLI: builds a bench dataset into a fresh database.
//   tsx bench/generate.ts --areas 10000 --households 80000 --residents 200000 [--signals 1000000] [--data-dir DIR | --database-url postgres://…] [--seed 1]
// Without --data-dir or --database-url it makes a new temporary data dir and says where.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { isPostgresUrl, openDatabase, type Db } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { refreshStatistics } from '../src/core/db/statistics';
import { generateDataset, type DatasetSizes, type DatasetSummary } from './dataset';
import { generateSignals, prepareSignalWorld, type SignalCounts } from './signals';

export type Target = { databaseUrl?: string; dataDir: string };

/** Opens the target, migrates it and fills it; closes it again whatever happens. */
export async function generateInto(target: Target, sizes: DatasetSizes, seed: number, log: (line: string) => void): Promise<DatasetSummary> {
	const db: Db = openDatabase({ url: target.databaseUrl, sqlitePath: join(target.dataDir, 'leefbaar.sqlite'), poolSize: 2 });
	try {
		await migrateToLatest(db);
		const summary = await generateDataset(db, sizes, { seed, log });
		// Statistics after the bulk load, as after an import (see generateSignalsInto): without them PostgreSQL expects
		// half the rows it holds and plans the people lists by reading every resident.
		await refreshStatistics(db);
		return summary;
	} finally {
		await db.destroy();
	}
}

/** Adds signals number `from` to `to` (bench/signals.ts) to a generated dataset; a run grows the database in steps. */
export async function generateSignalsInto(
	target: Target,
	range: { from: number; to: number },
	seed: number,
	log: (line: string) => void
): Promise<SignalCounts & { seconds: number }> {
	const db: Db = openDatabase({ url: target.databaseUrl, sqlitePath: join(target.dataDir, 'leefbaar.sqlite'), poolSize: 2 });
	const started = performance.now();
	let lastLog = 0;
	try {
		// A million signals with their indexes outgrow SQLite's default 2 MB page cache many times over: give the
		// generator's own connection 256 MB, so index pages stay in memory instead of being read back per insert.
		if (db.dialect === 'sqlite') await sql`pragma cache_size = -262144`.execute(db);
		const world = await prepareSignalWorld(db, seed);
		const counts = await generateSignals(db, world, range, seed, (written) => {
			if (performance.now() - lastLog < 2000 && written < range.to) return;
			lastLog = performance.now();
			log(`  signals        ${written.toLocaleString('en')} / ${range.to.toLocaleString('en')}`);
		});
		// Planner statistics after the bulk load, as the app takes them after an import and keeps them up to date
		// (src/core/db/statistics.ts): ANALYZE on PostgreSQL (its autovacuum would, later), a sampled ANALYZE on SQLite.
		await refreshStatistics(db);
		return { ...counts, seconds: (performance.now() - started) / 1000 };
	} finally {
		await db.destroy();
	}
}

function count(value: string | undefined, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value.replace(/_/g, ''));
	if (!Number.isInteger(n) || n < 0 || n > 10_000_000) throw new Error(`--${name} must be a whole number from 0 to 10,000,000`);
	return n;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			areas: { type: 'string' },
			households: { type: 'string' },
			residents: { type: 'string' },
			signals: { type: 'string' },
			'database-url': { type: 'string' },
			'data-dir': { type: 'string' },
			seed: { type: 'string' }
		}
	});
	const sizes: DatasetSizes = {
		areas: Math.max(1, count(values.areas, 'areas', 10_000)),
		households: count(values.households, 'households', 80_000),
		residents: count(values.residents, 'residents', 200_000)
	};
	const seed = count(values.seed, 'seed', 1);
	const signals = count(values.signals, 'signals', 0);
	const url = values['database-url'];
	if (url && !isPostgresUrl(url)) throw new Error('--database-url must be postgres://…; for SQLite use --data-dir');
	const dataDir = values['data-dir'] ? resolve(values['data-dir']) : mkdtempSync(join(tmpdir(), 'leefbaar-data-'));
	const where = url ? url.replace(/\/\/[^@/]*@/, '//…@') : join(dataDir, 'leefbaar.sqlite');
	console.log(
		`Generating ${sizes.areas.toLocaleString('en')} areas, ${sizes.households.toLocaleString('en')} households, ${sizes.residents.toLocaleString('en')} residents (seed ${seed}) into ${where}`
	);
	const summary = await generateInto({ databaseUrl: url, dataDir }, sizes, seed, console.log);
	console.log(`Done in ${summary.seconds.toFixed(1)} s:`, JSON.stringify(summary.counts));
	if (signals > 0) {
		console.log(`Generating ${signals.toLocaleString('en')} signals …`);
		const made = await generateSignalsInto({ databaseUrl: url, dataDir }, { from: 0, to: signals }, seed, console.log);
		console.log(
			`Done in ${made.seconds.toFixed(1)} s: ${made.signals} signals, ${made.reporters} reporters, ${made.events} events, ${made.referrals} referrals`
		);
	}
	if (!url) console.log(`Serve it with: DATA_DIR=${dataDir} DEMO_DATA=false npm start`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/generate.ts')) {
	main().catch((err) => {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	});
}
