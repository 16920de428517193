// The one test for "this insert met a unique index": a second post racing the first with the same key, on either
// dialect (better-sqlite3's SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY, PostgreSQL's 23505 unique_violation).
export function isUniqueViolation(err: unknown): boolean {
	const code = (err as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
