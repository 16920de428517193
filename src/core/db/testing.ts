// Fresh, migrated databases for tests, on both dialects. SQLite: a new in-memory database per suite. PostgreSQL: a
// clone of a template database migrated once per run (tests/global-setup.ts), so each suite starts clean and fast.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import { openDatabase, type Db, type OpenOptions } from './database';
import type { Dialect } from './dialect';
import { migrateToLatest } from './migrate';
import type { QueryLogOptions } from './query-log';

export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

/**
 * A fresh migrated database; `url` is set on PostgreSQL so another process (a test server) can open the same one.
 * `open` may watch its statements (the SQL snapshots) or set the PostgreSQL pool size; `pgTemplate`: on PostgreSQL, the
 * database to copy instead of the run's migrated template (one holding the demo data).
 */
export async function freshDatabase(
	dialect: Dialect,
	open: QueryLogOptions & Pick<OpenOptions, 'poolSize'> & { pgTemplate?: string } = {}
): Promise<{ db: Db; url?: string; dispose: () => Promise<void> }> {
	const { pgTemplate, ...openOptions } = open;
	if (dialect === 'sqlite') {
		const db = openDatabase({ sqlitePath: ':memory:', ...openOptions });
		await migrateToLatest(db);
		return { db, dispose: () => db.destroy() };
	}
	const template = pgTemplate ?? inject('pgTemplate');
	const adminUrl = inject('pgAdminUrl');
	if (!template || !adminUrl) throw new Error('PostgreSQL is not available for this test run');
	const name = `leefbaar_t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
	} finally {
		await admin.end();
	}
	const url = withDatabase(adminUrl, name);
	const db = openDatabase({ url, sqlitePath: '', poolSize: 4, ...openOptions });
	return {
		db,
		url,
		dispose: async () => {
			await db.destroy();
			const c = new pg.Client({ connectionString: adminUrl });
			await c.connect();
			try {
				await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await c.end();
			}
		}
	};
}

/** The dialects this run covers: always SQLite; PostgreSQL when reachable (and always under CI=true). */
export function testDialects(): Dialect[] {
	return inject('pgTemplate') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * Runs the same suite on every database: `describeOnDatabases('…', (ctx) => { it(…, () => ctx.db …) })`.
 * Each dialect gets its own fresh database for the suite; with `{ each: true }`, one for each test (for a suite whose
 * tests change the same rows, so that none depends on what another left behind; hooks of the suite then set up per test
 * with `beforeEach`).
 */
export function describeOnDatabases(
	name: string,
	suite: (ctx: { readonly db: Db; readonly dialect: Dialect }) => void,
	options: { each?: boolean } = {}
): void {
	for (const dialect of testDialects()) {
		describe(`${name} [${dialect}]`, () => {
			let handle: { db: Db; dispose: () => Promise<void> } | undefined;
			const ctx = {
				get db(): Db {
					if (!handle) throw new Error('database not ready');
					return handle.db;
				},
				dialect
			};
			(options.each ? beforeEach : beforeAll)(async () => {
				handle = await freshDatabase(dialect);
			});
			(options.each ? afterEach : afterAll)(async () => {
				await handle?.dispose();
				handle = undefined;
			});
			suite(ctx);
		});
	}
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgTemplate: string | null;
		pgAdminUrl: string | null;
		/** Names this run's demo templates (tests/support/demo-template.ts). */
		testRunId: string | null;
	}
}
