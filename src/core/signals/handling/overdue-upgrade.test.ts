// An installation upgrades while De Vlashaard has two leaks overdue: one was warned for by the one-mail-per-signal
// sweep of before, the other became overdue after the last sweep ran. After migration 202612071500 the first digest
// lists only the second: nobody is mailed about the same overdue twice because the software changed.
import { randomBytes } from 'node:crypto';
import { Migrator, type Migration } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { anonymous } from '../../access';
import { openDatabase, type Db } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import { migrations } from '../../db/migrations/index';
import { testDialects, withDatabase } from '../../db/testing';
import { buildPeopleWorld } from '../../people/factories';
import { reportSignal } from '..';
import { sweepOverdue } from '../sweeps';

const UPGRADE = '202612071500_overdue_digests';
const baseUrl = 'https://leefbaar.test';

/** A database with every migration before the upgrade (fresh, not the migrated template the other tests clone). */
async function databaseBeforeUpgrade(dialect: Dialect): Promise<{ db: Db; dispose: () => Promise<void> }> {
	let db: Db;
	let drop = async () => {};
	if (dialect === 'sqlite') db = openDatabase({ sqlitePath: ':memory:' });
	else {
		const adminUrl = inject('pgAdminUrl')!;
		const name = `leefbaar_u_${randomBytes(6).toString('hex')}`;
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
		db = openDatabase({ url: withDatabase(adminUrl, name), sqlitePath: '', poolSize: 2 });
		drop = async () => {
			const c = new pg.Client({ connectionString: adminUrl });
			await c.connect();
			await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
		};
	}
	const before: Record<string, Migration> = {};
	// Every other migration, those after it too: the tables the factories write to have their later columns, and the
	// upgrade's own work is what is tested.
	for (const [name, m] of Object.entries(migrations)) if (name !== UPGRADE) before[name] = { up: (k) => m.up(k, dialect) };
	const { error } = await new Migrator({ db, provider: { getMigrations: async () => before }, allowUnorderedMigrations: true }).migrateToLatest();
	if (error) throw error;
	return {
		db,
		dispose: async () => {
			await db.destroy();
			await drop();
		}
	};
}

for (const dialect of testDialects()) {
	describe(`upgrading to the daily digest [${dialect}]`, () => {
		let handle: Awaited<ReturnType<typeof databaseBeforeUpgrade>>;
		beforeAll(async () => {
			handle = await databaseBeforeUpgrade(dialect);
		});
		afterAll(async () => {
			await handle?.dispose();
		});

		it('a signal warned for before the upgrade is not listed again; one never warned for is', async () => {
			const db = handle.db;
			const world = await buildPeopleWorld(db);
			const leak = async (description: string, deadline: string) => {
				const s = await reportSignal(
					db,
					anonymous,
					{ kind: 'home_repair', description, estateId: world.estate.id },
					{ baseUrl, now: new Date('2026-11-02T09:00:00Z') }
				);
				await db.updateTable('signals').set({ organisation_id: world.shm.id, deadline_at: deadline }).where('id', '=', s.id).execute();
				return s;
			};
			const warned = await leak('Lek in de kelder', '2026-11-04T22:59:59.999Z');
			const notYet = await leak('Lek in de badkamer', '2026-11-05T22:59:59.999Z');
			await db
				.insertInto('signal_reminders')
				.values({ signal_id: warned.id, kind: 'overdue:2026-11-04T22:59:59.999Z', sent_at: '2026-11-05T00:05:00.000Z' })
				.execute();

			const all: Record<string, Migration> = {};
			for (const [name, m] of Object.entries(migrations)) all[name] = { up: (k) => m.up(k, dialect) };
			const upgrade = await new Migrator({ db, provider: { getMigrations: async () => all }, allowUnorderedMigrations: true }).migrateToLatest();
			expect(upgrade.results?.map((r) => [r.migrationName, r.status])).toEqual([[UPGRADE, 'Success']]);
			expect(await sweepOverdue(db, { baseUrl, now: new Date('2026-11-06T08:00:00Z') })).toBe(1);
			const [digest] = (await db.selectFrom('outbox').select('payload').execute()).map((r) => r.payload as { to: string; subject: string; text: string });
			expect(digest).toMatchObject({ to: world.landlord.email, subject: '1 melding over tijd' });
			expect(digest.text).toContain(notYet.reference);
			expect(digest.text).not.toContain(warned.reference);
		});
	});
}
