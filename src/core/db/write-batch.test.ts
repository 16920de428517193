// Many residents report at the same moment: their pieces of work share a commit on SQLite, yet each stays all or
// nothing, and nobody is told "stored" for work a failed commit threw away.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, onCommit, type Db } from './database';
import { newId, nowIso } from './ids';
import { describeOnDatabases, freshDatabase } from './testing';
import { inSharedTransaction } from './write-batch';

const WINDOW = '2026-12-02T20:00:00.000Z';

async function keysLike(db: Db, prefix: string): Promise<string[]> {
	const rows = await db.selectFrom('rate_limits').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute();
	return rows.map((r) => r.key);
}

describeOnDatabases('shared transactions', (ctx) => {
	it('stores every piece of work sent at once, and undoes a failing one alone', async () => {
		const jobs = Array.from({ length: 12 }, (_, i) =>
			inSharedTransaction(ctx.db, async (tx) => {
				const k = String(i).padStart(2, '0');
				await tx
					.insertInto('rate_limits')
					.values({ key: `many:${k}:a`, window_start: WINDOW, count: i })
					.execute();
				await tx
					.insertInto('rate_limits')
					.values({ key: `many:${k}:b`, window_start: WINDOW, count: i })
					.execute();
				if (i === 5) throw new Error('job 5 changed its mind');
				return i * 10;
			})
		);
		const outcomes = await Promise.allSettled(jobs);
		expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<number>).value)).toEqual([
			0, 10, 20, 30, 40, 60, 70, 80, 90, 100, 110
		]);
		expect(outcomes[5]).toEqual({ status: 'rejected', reason: new Error('job 5 changed its mind') });
		const stored = await keysLike(ctx.db, 'many:');
		expect(stored).toHaveLength(22);
		expect(stored.filter((k) => k.startsWith('many:05'))).toEqual([]);
	});

	it('gives a database error to its own caller only (a duplicate key), and the batch goes on', async () => {
		await ctx.db.insertInto('rate_limits').values({ key: 'dup:taken', window_start: WINDOW, count: 1 }).execute();
		const outcomes = await Promise.allSettled(
			['dup:one', 'dup:taken', 'dup:two'].map((key) =>
				inSharedTransaction(ctx.db, (tx) => tx.insertInto('rate_limits').values({ key, window_start: WINDOW, count: 2 }).execute())
			)
		);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await keysLike(ctx.db, 'dup:')).toEqual(['dup:one', 'dup:taken', 'dup:two']);
		const taken = await ctx.db.selectFrom('rate_limits').select('count').where('key', '=', 'dup:taken').executeTakeFirstOrThrow();
		expect(taken.count).toBe(1);
	});

	it('joins a transaction it is called in', async () => {
		await expect(
			ctx.db.transaction().execute(async (trx) => {
				const tx = Object.assign(trx, { dialect: ctx.db.dialect });
				await inSharedTransaction(tx, (inner) => inner.insertInto('rate_limits').values({ key: 'joined', window_start: WINDOW, count: 1 }).execute());
				throw new Error('the outer transaction fails');
			})
		).rejects.toThrow('the outer transaction fails');
		expect(await keysLike(ctx.db, 'joined')).toEqual([]);
	});
});

describe('shared transactions on SQLite: requests that arrive together', () => {
	let handle: { db: Db; dispose: () => Promise<void> };
	beforeAll(async () => {
		handle = await freshDatabase('sqlite');
	});
	afterAll(() => handle.dispose());

	it('share one commit even when each comes in its own callback, as HTTP requests do', async () => {
		const { db } = handle;
		// Each request is read in its own callback of one event-loop turn; each runs until it asks for the database.
		const transactions = await new Promise<unknown[]>((resolve) => {
			const seen: Array<Promise<unknown>> = [];
			for (let i = 0; i < 3; i++) {
				setImmediate(() => {
					seen.push(
						inSharedTransaction(db, async (tx) => {
							await tx
								.insertInto('rate_limits')
								.values({ key: `together:${i}`, window_start: WINDOW, count: 1 })
								.execute();
							return tx;
						})
					);
					if (seen.length === 3) resolve(Promise.all(seen));
				});
			}
		});
		// One transaction object: the three ran in one batch (before, the first committed alone before the others were read).
		expect(new Set(transactions).size).toBe(1);
		expect(await keysLike(db, 'together:')).toEqual(['together:0', 'together:1', 'together:2']);
	});
});

describeOnDatabases('work done once a transaction commits (onCommit)', (ctx) => {
	it('runs after the commit of the piece of work that asked, never for a piece undone', async () => {
		const ran: string[] = [];
		const outcomes = await Promise.allSettled(
			['a', 'b', 'c'].map((name) =>
				inSharedTransaction(ctx.db, async (tx) => {
					await tx
						.insertInto('rate_limits')
						.values({ key: `hook:${name}`, window_start: WINDOW, count: 1 })
						.execute();
					onCommit(tx, async () => {
						// The row is committed by the time the hook runs: another connection sees it.
						const seen = await ctx.db.selectFrom('rate_limits').select('key').where('key', '=', `hook:${name}`).executeTakeFirst();
						ran.push(`${name}:${seen ? 'stored' : 'missing'}`);
					});
					if (name === 'b') throw new Error('b changed its mind');
					return name;
				})
			)
		);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(ran.sort()).toEqual(['a:stored', 'c:stored']);
	});

	it('in a transaction joined by another, waits for the outer commit; after a rollback, never runs', async () => {
		const ran: string[] = [];
		await inTransaction(ctx.db, async (outer) => {
			await inTransaction(outer, async (inner) => {
				onCommit(inner, () => ran.push('joined'));
			});
			expect(ran).toEqual([]);
		});
		expect(ran).toEqual(['joined']);
		await expect(
			inTransaction(ctx.db, async (tx) => {
				onCommit(tx, () => ran.push('rolled back'));
				throw new Error('fails');
			})
		).rejects.toThrow('fails');
		expect(ran).toEqual(['joined']);
	});

	it('outside a transaction, runs at once: every statement has committed already', async () => {
		const ran: string[] = [];
		await onCommit(ctx.db, () => ran.push('now'));
		expect(ran).toEqual(['now']);
	});
});

describe('shared transactions on SQLite: a failed commit', () => {
	let handle: { db: Db; dispose: () => Promise<void> };
	beforeAll(async () => {
		handle = await freshDatabase('sqlite');
	});
	afterAll(() => handle.dispose());

	it('tells everyone in the batch, and keeps nothing of it', async () => {
		const { db } = handle;
		const at = nowIso();
		// Sent in one go, so they share one batch. The second defers its foreign key check to the commit, which fails.
		const outcomes = await Promise.allSettled([
			inSharedTransaction(db, (tx) => tx.insertInto('rate_limits').values({ key: 'commit:first', window_start: WINDOW, count: 1 }).execute()),
			inSharedTransaction(db, async (tx) => {
				await sql`pragma defer_foreign_keys = on`.execute(tx);
				await tx.insertInto('teams').values({ id: newId(), organisation_id: 'no-such-organisation', name: 'Ghost team', created_at: at }).execute();
			}),
			inSharedTransaction(db, (tx) => tx.insertInto('rate_limits').values({ key: 'commit:third', window_start: WINDOW, count: 1 }).execute())
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
		expect(await keysLike(db, 'commit:')).toEqual([]);
		expect(await db.selectFrom('teams').select('id').where('name', '=', 'Ghost team').execute()).toEqual([]);

		// The next batch works as before.
		await inSharedTransaction(db, (tx) => tx.insertInto('rate_limits').values({ key: 'commit:after', window_start: WINDOW, count: 1 }).execute());
		expect(await keysLike(db, 'commit:')).toEqual(['commit:after']);
	});
});
