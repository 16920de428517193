// A throw-away PostgreSQL database for one bench run: created when the server is reachable, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function adminUrl(): string {
	return process.env.TEST_DATABASE_URL || DEFAULT_ADMIN_URL;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** The server's version, or null when nothing answers (the bench then runs on SQLite only). */
export async function postgresVersion(url = adminUrl()): Promise<string | null> {
	try {
		return await withClient(url, async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
	} catch {
		return null;
	}
}

export type BenchDatabase = { name: string; url: string; drop(): Promise<void> };

export async function createBenchDatabase(url = adminUrl()): Promise<BenchDatabase> {
	const name = `leefbaar_bench_${randomBytes(5).toString('hex')}`;
	await withClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
	const dbUrl = new URL(url);
	dbUrl.pathname = `/${name}`;
	let dropped = false;
	return {
		name,
		url: dbUrl.toString(),
		async drop() {
			if (dropped) return;
			dropped = true;
			await withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
		}
	};
}
