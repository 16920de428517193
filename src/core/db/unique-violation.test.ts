// A second row with the same key is refused by the database; the one check recognises that refusal on both
// databases, tells it apart from other errors, and can ask which column or index it was about.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeOnDatabases } from './testing';
import { isUniqueViolation } from './unique-violation';

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
	try {
		await work();
	} catch (error) {
		return error;
	}
	throw new Error('expected the database to refuse');
}

describeOnDatabases('a unique-index violation', (ctx) => {
	it('is recognised for a unique column and a primary key, and the column or index can be named', async () => {
		await sql`create table uv_things (id integer primary key, slug text not null unique, note text not null)`.execute(ctx.db);
		await sql`insert into uv_things (id, slug, note) values (1, 'buurtfeest', 'x')`.execute(ctx.db);

		const sameSlug = await failureOf(() => sql`insert into uv_things (id, slug, note) values (2, 'buurtfeest', 'y')`.execute(ctx.db));
		expect(isUniqueViolation(sameSlug)).toBe(true);
		expect(isUniqueViolation(sameSlug, 'slug')).toBe(true);
		expect(isUniqueViolation(sameSlug, /slug/)).toBe(true);
		expect(isUniqueViolation(sameSlug, 'idempotency')).toBe(false);

		const sameId = await failureOf(() => sql`insert into uv_things (id, slug, note) values (1, 'wijkfeest', 'z')`.execute(ctx.db));
		expect(isUniqueViolation(sameId)).toBe(true);

		const missingNote = await failureOf(() => sql`insert into uv_things (id, slug) values (3, 'markt')`.execute(ctx.db));
		expect(isUniqueViolation(missingNote)).toBe(false);
	});
});

describe('what is not a unique-index violation', () => {
	it('is false for anything that is not a database error with a unique code', () => {
		expect(isUniqueViolation(null)).toBe(false);
		expect(isUniqueViolation(undefined)).toBe(false);
		expect(isUniqueViolation('23505')).toBe(false);
		expect(isUniqueViolation(new Error('UNIQUE constraint failed: x.y'))).toBe(false);
		expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_NOTNULL', message: 'NOT NULL constraint failed' })).toBe(false);
		expect(isUniqueViolation({ code: '23503', message: 'foreign key' })).toBe(false);
	});
});
