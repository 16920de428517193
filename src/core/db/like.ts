// "Contains this text", case-insensitive, on both databases: what a user types is matched as it is, so % and _ in
// a search match themselves instead of acting as wildcards.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** The LIKE pattern for "contains `text`", lower-cased, with \ % and _ escaped by a backslash. */
export function containsPattern(text: string): string {
	return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(<column>) like '%text%' escape '\'`; `column` is a trusted column reference such as "a.name". */
export function lowerContains(column: string, text: string): RawBuilder<SqlBool> {
	return sql<SqlBool>`lower(${sql.ref(column)}) like ${containsPattern(text)} escape '\\'`;
}
