// The demo data, loaded once per test run and dialect into a template that every test server starts from: a copy of a
// SQLite file, or a PostgreSQL database created with `TEMPLATE`. Loading the demo took 13 s of each server's start on
// SQLite (measured on a busy machine), more on PostgreSQL; a copy takes a fraction of a second.
//
// The demo's stored mails link to the origin it was loaded with (outbox payloads: the only rows that hold it, found by
// searching every column of a loaded demo): the template is loaded with TEMPLATE_ORIGIN and each copy rewrites it to
// its own server's origin (tests/http/links.test.ts checks the mails of a started server).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import type { Dialect } from '../../src/core/db/dialect';
import { migrateToLatest } from '../../src/core/db/migrate';
import { withDatabase } from '../../src/core/db/testing';
import { startDemo } from '../../src/core/demo/load';

export const TEMPLATE_ORIGIN = 'http://demo-template.invalid';

/** Where one run keeps its templates; the run's teardown (tests/global-setup.ts) removes them by these names. */
export const demoTemplateDir = (runId: string): string => join(tmpdir(), `leefbaar-demo-${runId}`);
export const demoTemplateDatabase = (runId: string): string => `leefbaar_demo_${runId}`;

export type DemoTemplate = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; database: string };

const ready = new Map<Dialect, Promise<DemoTemplate | null>>();

/**
 * The run's demo template for a dialect, built by the first test file that asks (the other worker waits for it), or
 * null when there is none to share (no run id: the server then loads the demo itself, as before).
 */
export function demoTemplate(dialect: Dialect): Promise<DemoTemplate | null> {
	let template = ready.get(dialect);
	if (!template) {
		template = shared(dialect);
		ready.set(dialect, template);
	}
	return template;
}

async function shared(dialect: Dialect): Promise<DemoTemplate | null> {
	const runId = inject('testRunId');
	if (!runId) return null;
	const dir = demoTemplateDir(runId);
	mkdirSync(dir, { recursive: true });
	const done = join(dir, `${dialect}.done`);
	const template: DemoTemplate = dialect === 'sqlite' ? { dialect, file: join(dir, 'demo.sqlite') } : { dialect, database: demoTemplateDatabase(runId) };
	let mine = false;
	try {
		mkdirSync(join(dir, `${dialect}.lock`));
		mine = true;
	} catch {
		// Another test file builds it: wait below.
	}
	if (mine) {
		try {
			await build(template);
			writeFileSync(done, 'ok');
		} catch (error) {
			writeFileSync(done, `failed: ${error}`);
			throw error;
		}
		return template;
	}
	// Loading takes seconds to a minute on a busy machine; the servers' own limit is 150 s.
	const deadline = Date.now() + 240_000;
	while (!existsSync(done)) {
		if (Date.now() > deadline) throw new Error(`The demo template for ${dialect} was not ready within 240 s (${dir}).`);
		await new Promise((ok) => setTimeout(ok, 200));
	}
	const state = readFileSync(done, 'utf8');
	if (state !== 'ok') throw new Error(`The demo template for ${dialect} could not be built: ${state}`);
	return template;
}

async function build(template: DemoTemplate): Promise<void> {
	if (template.dialect === 'sqlite') {
		const db = openDatabase({ sqlitePath: template.file });
		try {
			await migrateToLatest(db);
			await startDemo({ db, config: { demoData: true, origin: TEMPLATE_ORIGIN } as never });
			// One file to copy: the write-ahead log folded back in.
			await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
		} finally {
			await db.destroy();
		}
		return;
	}
	const migrated = inject('pgTemplate');
	const adminUrl = inject('pgAdminUrl');
	if (!migrated || !adminUrl) throw new Error('PostgreSQL is not available for this test run');
	await admin(adminUrl, `CREATE DATABASE ${template.database} TEMPLATE ${migrated}`);
	const db = openDatabase({ url: withDatabase(adminUrl, template.database), sqlitePath: '' });
	try {
		await startDemo({ db, config: { demoData: true, origin: TEMPLATE_ORIGIN } as never });
	} finally {
		await db.destroy();
	}
}

/** A SQLite copy of the template at `file`, for a server that will be reached at `origin`. */
export async function copyDemoTemplate(template: DemoTemplate & { dialect: 'sqlite' }, file: string, origin: string): Promise<void> {
	copyFileSync(template.file, file);
	const db = openDatabase({ sqlitePath: file });
	try {
		await pointLinksAt(db, 'sqlite', origin);
	} finally {
		await db.destroy();
	}
}

/** The stored mails of a copy link to its own server. */
export async function pointLinksAt(db: Db, dialect: Dialect, origin: string): Promise<void> {
	if (origin === TEMPLATE_ORIGIN) return;
	const payload = dialect === 'postgres' ? sql<string>`payload::text` : sql<string>`payload`;
	const replaced = sql`replace(${payload}, ${TEMPLATE_ORIGIN}, ${origin})`;
	await db
		.updateTable('outbox')
		.set({ payload: dialect === 'postgres' ? sql`${replaced}::jsonb` : replaced } as never)
		.where(sql<boolean>`${payload} like ${`%${TEMPLATE_ORIGIN}%`}`)
		.execute();
}

async function admin(url: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}
