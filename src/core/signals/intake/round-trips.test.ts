// How many statements one stored report costs, on each database: on PostgreSQL every statement is a round trip to the
// server, on SQLite a compiled query and its B-tree work. The counts are pinned so that a change adding a query to
// the intake path is seen (and the pin changed on purpose), not found later in the bench. Counts, not times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../access';
import type { ObservedQuery } from '../../db/query-log';
import { freshDatabase, testDialects } from '../../db/testing';
import type { Dialect } from '../../db/dialect';
import type { Db } from '../../db';
import { localFileStore } from '../../files';
import { buildPeopleWorld } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { authenticateOpen311, issueOpen311Client } from '../open311/clients';
import { createServiceRequest } from '../open311/requests';
import { postReportForm } from './report-form';

const baseUrl = 'https://leefbaar.test';
const now = new Date('2026-11-27T15:00:00Z');

/**
 * Statements per post, after a first post (the first of an hour also clears the rate-limit windows that ended, and an
 * Open311 client's first use stamps its key). SQLite's begin and commit are shared by the posts of one group commit.
 */
const EXPECTED: Record<Dialect, { formPost: number; open311Post: number }> = {
	sqlite: { formPost: 11, open311Post: 13 },
	postgres: { formPost: 7, open311Post: 9 }
};

for (const dialect of testDialects()) {
	describe(`statements per stored report [${dialect}]`, () => {
		let seen: ObservedQuery[] | null = null;
		let handle: Awaited<ReturnType<typeof freshDatabase>>;
		let db: Db;
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		const dir = mkdtempSync(join(tmpdir(), 'leefbaar-round-trips-'));
		const files = localFileStore(dir);

		beforeAll(async () => {
			handle = await freshDatabase(dialect, { observeQueries: (q) => seen?.push(q) });
			db = handle.db;
			world = await buildPeopleWorld(db);
			await ensureGeneralCategories(db);
			const damp = await createCategory(db, world.coordinator, { key: 'leak_damp', kind: 'home_repair', name: 'Lek of vocht', isActive: true });
			await setRoutingRule(db, world.coordinator, { categoryId: damp.id, organisationId: world.shm.id, deadlineDays: 5 });
			const general = await db.selectFrom('signal_categories').select('id').where('key', '=', 'home_repair_other').executeTakeFirstOrThrow();
			await setRoutingRule(db, world.coordinator, { categoryId: general.id, organisationId: world.shm.id, deadlineDays: 5 });
		});
		afterAll(async () => {
			await handle?.dispose();
			rmSync(dir, { recursive: true, force: true });
		});

		/** The statements `work` runs, with their SQL, so a failing pin shows which were added. */
		async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
			const statements: ObservedQuery[] = (seen = []);
			try {
				await work();
			} finally {
				seen = null;
			}
			expect(statements.filter((s) => s.failed)).toEqual([]);
			return statements.map((s) => s.sql.replace(/\s+/g, ' ').slice(0, 70));
		}

		const formPost = (token: string) =>
			postReportForm(
				db,
				files,
				anonymous,
				{
					slug: world.estate.slug,
					values: { kind: 'home_repair', description: 'Schimmel op de muur in de slaapkamer', locationKind: 'dwelling', email: 'tenant@example.be' },
					formToken: token
				},
				{ clientKey: 'intake:round-trips', limitPerHour: 100, locale: 'nl', baseUrl, now, offerNearby: false }
			);

		it('a form post (step 2, send): its place, the count, category, routing and the writes', async () => {
			expect((await formPost('a'.repeat(32))).step).toBe('stored');
			const statements = await statementsOf(async () => expect((await formPost('b'.repeat(32))).step).toBe('stored'));
			expect({ count: statements.length, statements }).toEqual({ count: EXPECTED[dialect].formPost, statements: expect.any(Array) });
		});

		it('an Open311 POST: the key, the service, the count, routing, the writes and the answer', async () => {
			const { key } = await issueOpen311Client(db, world.admin, { name: 'Stad-app', contactEmail: 'dev@stad.be' });
			const post = async (idempotencyKey: string) => {
				const client = await authenticateOpen311(db, key, now);
				if (!client) throw new Error('the key was refused');
				return createServiceRequest(
					db,
					client,
					{
						service_code: 'leak_damp',
						description: 'Water in de kelder',
						lat: '50.81',
						long: '3.2',
						email: 'tenant@example.be',
						attribute: { where: 'dwelling' }
					},
					{ baseUrl, idempotencyKey, now, limitPerHour: 100 }
				);
			};
			await post('first');
			const statements = await statementsOf(async () => expect((await post('second')).service_request_id).toMatch(/^[0-9A-Z]{4}-/));
			expect({ count: statements.length, statements }).toEqual({ count: EXPECTED[dialect].open311Post, statements: expect.any(Array) });
		});
	});
}
