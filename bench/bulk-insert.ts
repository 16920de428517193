// Bulk writes for the signal generator. SQLite: TableBatch's multi-row inserts (a cached prepared statement per batch
// size). PostgreSQL: one parameter per column — `insert … select * from unnest($1::text[], $2::timestamptz[], …)` —
// instead of one per value: the server parses a short statement and gets each column as one array instead of a
// 2,000-row VALUES list with 80,000 parameters (measured, 100,000 signals with their rows: 13.6 s of server CPU with
// VALUES lists, 10.6 s with arrays, the client's 6–7 s unchanged).
import { CompiledQuery, sql, type Insertable } from 'kysely';
import { toDatabaseValue } from '../src/core/db/data-edge';
import type { Db } from '../src/core/db/database';
import type { Database } from '../src/core/db/schema';
import { TableBatch } from './batches';

export type Batch<T extends keyof Database> = { add(row: Insertable<Database[T]>): Promise<void>; flush(): Promise<void>; readonly table: T };

/** Rows per PostgreSQL statement: past a few thousand a batch only gets bigger, not faster. */
const PG_ROWS = 5000;

/** The PostgreSQL type of each column of a table, for the array casts (the same for every bench database). */
const columnTypes = new Map<string, Map<string, string>>();

/**
 * Reads the column types of these tables before a load (outside its transactions): a statement sent while an earlier
 * insert has failed would only report "transaction aborted" and hide the insert's own error.
 */
export async function prepareBulk(db: Db, tables: readonly string[]): Promise<void> {
	if (db.dialect === 'postgres') for (const table of tables) await typesOf(db, table);
}

async function typesOf(db: Db, table: string): Promise<Map<string, string>> {
	let types = columnTypes.get(table);
	if (!types) {
		const { rows } = await sql<{
			column_name: string;
			udt_name: string;
		}>`select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(db);
		types = new Map(rows.map((r) => [r.column_name, r.udt_name]));
		columnTypes.set(table, types);
	}
	return types;
}

/**
 * Sends a batch without waiting for it: the connection queues statements in order (so a table's rows still reach the
 * server after those of the tables it refers to), and the next rows are generated while the server inserts these.
 * flush() sends the rest and waits for everything sent; the first failure is thrown there.
 */
class PgColumnBatch<T extends keyof Database> implements Batch<T> {
	private rows: Insertable<Database[T]>[] = [];
	private sent: Promise<unknown>[] = [];

	constructor(
		private readonly db: Db,
		readonly table: T,
		private readonly dependsOn: Array<{ flush(): Promise<void> }> = []
	) {}

	async add(row: Insertable<Database[T]>): Promise<void> {
		this.rows.push(row);
		if (this.rows.length >= PG_ROWS) {
			await this.send();
			// Let the socket write what was queued before generating more.
			await new Promise((resolve) => setImmediate(resolve));
		}
	}

	async flush(): Promise<void> {
		for (const parent of this.dependsOn) await parent.flush();
		await this.send();
		const sent = this.sent;
		this.sent = [];
		await Promise.all(sent);
	}

	/** Sends the rows gathered so far, after those of the tables they refer to, without waiting for an answer. */
	async send(): Promise<void> {
		for (const parent of this.dependsOn) if (parent instanceof PgColumnBatch) await parent.send();
		if (!this.rows.length) return;
		const rows = this.rows;
		this.rows = [];
		const types = await typesOf(this.db, this.table);
		const columns = Object.keys(rows[0]) as Array<keyof (typeof rows)[number] & string>;
		const arrays = columns.map((column) => rows.map((row) => toDatabaseValue(row[column], 'postgres')));
		const casts = columns.map((column, k) => {
			const type = types.get(column);
			if (!type) throw new Error(`${this.table}.${column}: no such column`);
			return `$${k + 1}::${type}[]`;
		});
		const text = `insert into "${this.table}" (${columns.map((c) => `"${c}"`).join(',')}) select * from unnest(${casts.join(',')})`;
		const pending = this.db.executeQuery(CompiledQuery.raw(text, arrays));
		// Seen by flush(); marked handled here so a failure waits there instead of ending the process.
		pending.catch(() => {});
		this.sent.push(pending);
	}
}

/** A batch writer for one table; `dependsOn` are flushed first, so foreign keys find their rows. */
export function bulkBatch<T extends keyof Database>(db: Db, table: T, dependsOn: Array<{ flush(): Promise<void> }> = []): Batch<T> {
	return db.dialect === 'postgres' ? new PgColumnBatch(db, table, dependsOn) : new TableBatch(db, table, dependsOn);
}
