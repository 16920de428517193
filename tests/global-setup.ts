// Once per test run: a PostgreSQL template database, migrated, that suites clone. Under CI=true a missing PostgreSQL
// fails the run instead of skipping the PostgreSQL half of the tests. The run's id names the demo templates test
// servers start from (tests/support/demo-template.ts); the teardown removes them.
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { migrations } from '../src/core/db/migrations/index';
import { DEFAULT_TEST_PG_URL, withDatabase } from '../src/core/db/testing';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_PG_URL;
	const runId = randomBytes(5).toString('hex');
	project.provide('testRunId', runId);
	let pgReachable = false;
	// The names tests/support/demo-template.ts gives the run's demo templates.
	const teardown = async () => {
		rmSync(join(tmpdir(), `leefbaar-demo-${runId}`), { recursive: true, force: true });
		if (!pgReachable) return;
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			await client.query(`DROP DATABASE IF EXISTS leefbaar_demo_${runId} WITH (FORCE)`);
		} finally {
			await client.end();
		}
	};
	const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
	try {
		await admin.connect();
	} catch (error) {
		if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true but ${adminUrl} is unreachable: ${error}`);
		console.warn(`PostgreSQL unreachable at ${adminUrl}: running the SQLite half only (set TEST_DATABASE_URL).`);
		project.provide('pgTemplate', null);
		project.provide('pgAdminUrl', null);
		return teardown;
	}
	pgReachable = true;
	const hash = createHash('sha256').update(Object.keys(migrations).join(',')).digest('hex').slice(0, 10);
	const template = `leefbaar_tpl_${hash}`;
	try {
		const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
		if (exists.rowCount === 0) {
			// Build under a temporary name, then rename: a run killed half-way never leaves a half-migrated template.
			const building = `${template}_b${process.pid}`;
			await admin.query(`DROP DATABASE IF EXISTS ${building}`);
			await admin.query(`CREATE DATABASE ${building}`);
			const db = openDatabase({ url: withDatabase(adminUrl, building), sqlitePath: '' });
			await migrateToLatest(db);
			await db.destroy();
			await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`).catch(async () => {
				await admin.query(`DROP DATABASE IF EXISTS ${building}`);
			});
		}
	} finally {
		await admin.end();
	}
	project.provide('pgTemplate', template);
	project.provide('pgAdminUrl', adminUrl);
	return teardown;
}
