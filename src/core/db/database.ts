// Opens the database: embedded SQLite by default, PostgreSQL when a postgres:// URL is given. One typed Kysely
// instance tagged with its dialect; everything dialect-specific stays in core/db.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { DataEdgePlugin, toSqliteParameters } from './data-edge';
import type { Dialect } from './dialect';
import { queryLog, type QueryLogOptions } from './query-log';
import type { Database } from './schema';

/** The database or a transaction on it, tagged with its dialect: services accept both so callers can compose them. */
export type Db = Kysely<Database> & { readonly dialect: Dialect };

const { types } = pg;
const parseTimestamptz = types.getTypeParser(1184, 'text');
const parseTimestamp = types.getTypeParser(1114, 'text');
const pgTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		switch (oid) {
			case 1184: // timestamptz → ISO string in UTC
				return (v: string) => (parseTimestamptz(v) as Date).toISOString();
			case 1114:
				return (v: string) => (parseTimestamp(v) as Date).toISOString();
			case 1082: // date stays 'YYYY-MM-DD'
				return (v: string) => v;
			case 20: // int8 (count(*)) and numeric as numbers: our counts stay far below 2^53
			case 1700:
				return (v: string) => Number(v);
			default:
				return types.getTypeParser(oid, format as 'text');
		}
	}
} as unknown as pg.CustomTypesConfig;

export type OpenOptions = { url?: string; sqlitePath: string; poolSize?: number; /** SQLite page cache in KiB (default 64 MB). */ sqliteCacheKib?: number };

export function isPostgresUrl(url: string | undefined): url is string {
	return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(options: OpenOptions & QueryLogOptions): Db {
	if (isPostgresUrl(options.url)) {
		const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: pgTypes });
		// An idle connection the server ends (a restart, a failover, a dropped test database) is an 'error' event on the
		// pool; unhandled it would stop the process. The pool drops that connection and opens a new one when needed.
		pool.on('error', (err: Error & { code?: string }) => {
			if (err.code !== '57P01') console.warn(`PostgreSQL ended an idle connection: ${err.message}`);
		});
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new DataEdgePlugin('postgres')], log: queryLog(options) });
		return Object.assign(db, { dialect: 'postgres' as const });
	}
	const path = options.sqlitePath;
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SqliteDatabase(path);
	sqlite.pragma('journal_mode = WAL');
	// WAL with NORMAL: a commit survives the process being killed (the WAL is written before the commit returns);
	// only a power cut can lose the last commits before a checkpoint.
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// The default page cache is 2 MB: with a million signals the indexes no longer fit and every insert reads its
	// index pages back from the OS. 64 MB per connection keeps the hot part of them in memory.
	sqlite.pragma(`cache_size = -${options.sqliteCacheKib ?? 64 * 1024}`);
	sqlite.pragma('temp_store = MEMORY');
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
		plugins: [new DataEdgePlugin('sqlite')],
		log: queryLog(options)
	});
	return Object.assign(db, { dialect: 'sqlite' as const });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small insert. The same SQL text gets
 * the same prepared statement back (least recently used dropped past 500), unless that one is still busy (an open
 * iterator), in which case a fresh one is prepared.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
	const cache = new Map<string, SqliteDatabase.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(text: string) {
			const cached = cache.get(text);
			if (cached && !cached.busy) {
				cache.delete(text);
				cache.set(text, cached);
				return binding(cached);
			}
			const statement = sqlite.prepare(text);
			if (!cached) {
				cache.set(text, statement);
				if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
			}
			return binding(statement);
		}
	};
}

/** The statement as Kysely's SQLite driver uses it, its parameters converted at the data edge (booleans, times, JSON). */
function binding(statement: SqliteDatabase.Statement) {
	return {
		reader: statement.reader,
		all: (parameters: readonly unknown[]) => statement.all(toSqliteParameters(parameters)),
		run: (parameters: readonly unknown[]) => statement.run(toSqliteParameters(parameters)),
		iterate: (parameters: readonly unknown[]) => statement.iterate(toSqliteParameters(parameters))
	};
}

/** One transaction per user action; inside a transaction already, the work joins it (and its onCommit waits for the outer commit). */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
	if (db.isTransaction) return work(db);
	const hooks: CommitHook[] = [];
	const value = await db.transaction().execute((trx: Transaction<Database>) => {
		const tx = Object.assign(trx, { dialect: db.dialect });
		commitHooks.set(tx, hooks);
		return work(tx);
	});
	await runCommitHooks(hooks);
	return value;
}

export type CommitHook = () => unknown;
/** The hooks of the work running in a transaction now; write-batch.ts gives each piece of a batch its own list. */
export const commitHooks = new WeakMap<object, CommitHook[]>();

/**
 * Runs `hook` once the transaction `tx` has committed, and never when it is rolled back: for what cannot be undone,
 * such as writing files the new rows point to. In a transaction that another one joined, after the outer commit; in a
 * shared transaction (group commit), after the commit that holds this piece of work; given the database itself (no
 * transaction), at once, since every statement commits alone.
 */
export function onCommit(tx: Db, hook: CommitHook): void | Promise<void> {
	if (!tx.isTransaction) return runCommitHooks([hook]);
	const hooks = commitHooks.get(tx);
	if (!hooks) throw new Error('onCommit needs a transaction begun by inTransaction or inSharedTransaction');
	hooks.push(hook);
}

/** After the commit: every hook runs, in order; the first failure is passed on (the work itself is stored). */
export async function runCommitHooks(hooks: readonly CommitHook[]): Promise<void> {
	let failure: { error: unknown } | null = null;
	for (const hook of hooks) {
		try {
			await hook();
		} catch (error) {
			failure ??= { error };
		}
	}
	if (failure) throw failure.error;
}
