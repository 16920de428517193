// A query of a fixed shape built and compiled once per dialect, then run with new values: the hot reads of intake
// (the place of a form, a category) would otherwise build a Kysely query tree, walk it through the plugins and compile
// it to SQL on every request, for the same SQL text each time.
import type { CompiledQuery, Compilable } from 'kysely';
import { toDatabaseValue } from './data-edge';
import type { Db } from './database';
import type { Dialect } from './dialect';

/** Where the caller's value number `index` goes; it stands in the query tree as a value and is swapped when run. */
class Slot {
	constructor(readonly index: number) {}
}

/**
 * `build` writes the query with `slot(i)` where the i-th value of a call goes (the same slot may appear twice). Only
 * for a shape that never changes with the values: no `in` lists and no optional clauses; the other values of the
 * query (constants such as `is_active = true`) are kept as compiled.
 */
export function preparedQuery<O>(build: (db: Db, slot: <T>(index: number) => T) => Compilable<O>): (db: Db, values: readonly unknown[]) => Promise<O[]> {
	const compiled = new Map<Dialect, CompiledQuery<O>>();
	return async (db, values) => {
		let query = compiled.get(db.dialect);
		if (!query) {
			query = build(db, (index) => new Slot(index) as never).compile();
			compiled.set(db.dialect, query);
		}
		// PostgreSQL's values are converted in the query tree at compile time, so a new value is converted here; SQLite
		// converts every value where it binds it.
		const parameters = query.parameters.map((p) =>
			p instanceof Slot ? (db.dialect === 'postgres' ? toDatabaseValue(values[p.index], 'postgres') : values[p.index]) : p
		);
		const result = await db.executeQuery<O>({ ...query, parameters });
		return result.rows;
	};
}
