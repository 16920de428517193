// "This row is already there": the one check for a unique-index violation, on both databases. Used where two callers
// can race to create the same row (a slug, an idempotency key, a theme name) and the loser must get a clear answer.

/** SQLite's extended result codes for a unique index and a primary key; PostgreSQL's SQLSTATE for both. */
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/**
 * True when `error` is a unique-index (or primary-key) violation from better-sqlite3 or pg. With `name`, only when
 * the error names it: SQLite names the columns ("UNIQUE constraint failed: surveys.slug"), PostgreSQL the constraint
 * or index ("surveys_slug_key") and, in its detail, the columns.
 */
export function isUniqueViolation(error: unknown, name?: string | RegExp): boolean {
	if (!error || typeof error !== 'object') return false;
	const e = error as { code?: unknown; message?: unknown; constraint?: unknown; detail?: unknown };
	if (typeof e.code !== 'string' || !UNIQUE_CODES.has(e.code)) return false;
	if (name === undefined) return true;
	const said = [e.message, e.constraint, e.detail].filter((s): s is string => typeof s === 'string').join(' ');
	return typeof name === 'string' ? said.includes(name) : name.test(said);
}
