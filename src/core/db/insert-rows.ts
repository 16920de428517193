// The writes of one user action sent together. Each table's rows are one insert whose SQL text is built once per
// shape (the tables, their columns, how many rows) and then reused with new values: no query tree built, walked by
// the plugins and compiled again on every request (on the intake path that was about a seventh of the server's CPU).
// On PostgreSQL the inserts into several tables go as one statement, each in a data-modifying WITH clause — one round
// trip instead of one per table. Its foreign keys are checked at the end of the statement, when every row is in, so
// a row may refer to one inserted beside it. SQLite has no round trips to save (and no inserts inside WITH): there the
// inserts run one after the other, in the order given.
import { CompiledQuery, type Insertable } from 'kysely';
import { toDatabaseValue } from './data-edge';
import type { Db } from './database';
import type { Database } from './schema';

/** Rows for one table; every row gives the same columns (the first row's), a value left undefined is stored as null. */
export type TableRows = { [T in keyof Database]: { table: T; rows: ReadonlyArray<Insertable<Database[T]>> } }[keyof Database];

type Shape = { table: string; columns: string[]; count: number };

const MAX_CACHED_SHAPES = 200;
const cachedText = new Map<string, string>();

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The insert of one shape, its placeholders numbered from `first` (PostgreSQL's $n; SQLite's are all `?`). */
function insertText(db: Db, shape: Shape, first: number): string {
	let n = first;
	const placeholder = () => (db.dialect === 'postgres' ? `$${n++}` : '?');
	const rows = Array.from({ length: shape.count }, () => `(${shape.columns.map(placeholder).join(', ')})`);
	return `insert into ${quote(shape.table)} (${shape.columns.map(quote).join(', ')}) values ${rows.join(', ')}`;
}

/** One statement for all shapes (PostgreSQL): the first inserts in WITH clauses, the last as the statement itself. */
function combinedText(db: Db, shapes: readonly Shape[]): string {
	const key = `${db.dialect}|${shapes.map((s) => `${s.table}(${s.columns.join(',')})x${s.count}`).join('|')}`;
	let text = cachedText.get(key);
	if (text === undefined) {
		let first = 1;
		const inserts = shapes.map((shape) => {
			const part = insertText(db, shape, first);
			first += shape.columns.length * shape.count;
			return part;
		});
		const last = inserts.pop()!;
		text = inserts.length === 0 ? last : `with ${inserts.map((part, i) => `w${i} as (${part})`).join(', ')} ${last}`;
		if (cachedText.size >= MAX_CACHED_SHAPES) cachedText.delete(cachedText.keys().next().value!);
		cachedText.set(key, text);
	}
	return text;
}

function shapeOf(write: TableRows): Shape {
	const rows = write.rows as ReadonlyArray<Record<string, unknown>>;
	return { table: write.table, columns: Object.keys(rows[0]), count: rows.length };
}

/** The values of a write in column order; on PostgreSQL converted here (SQLite converts where it binds them). */
function parametersOf(db: Db, write: TableRows, shape: Shape, into: unknown[]): void {
	for (const row of write.rows as ReadonlyArray<Record<string, unknown>>) {
		for (const column of shape.columns) {
			const value = row[column] ?? null;
			into.push(db.dialect === 'postgres' ? toDatabaseValue(value, 'postgres') : value);
		}
	}
}

/**
 * Inserts the rows of every table given, in that order: on PostgreSQL in one statement, on SQLite one statement per
 * table. Tables without rows are left out. Meant for the inside of a transaction (all or nothing on SQLite too).
 */
export async function insertRows(db: Db, writes: readonly TableRows[]): Promise<void> {
	const present = writes.filter((w) => w.rows.length > 0);
	if (present.length === 0) return;
	const groups = db.dialect === 'postgres' ? [present] : present.map((w) => [w]);
	for (const group of groups) {
		const shapes = group.map(shapeOf);
		const parameters: unknown[] = [];
		group.forEach((write, i) => parametersOf(db, write, shapes[i], parameters));
		await db.executeQuery(CompiledQuery.raw(combinedText(db, shapes), parameters));
	}
}
