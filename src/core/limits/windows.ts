// Posts counted per client in fixed windows, so one script cannot bury a housing company's inbox with reports, a
// reply thread with messages, or a survey with answer sets. The count lives in the database (one atomic upsert per
// post), so several server processes share it; only a hash of a client's address is kept, and windows older than the
// current one are deleted.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { inSharedTransaction, type Db } from '../db';
import { windowOf, type Counted, type SlotAnswer, type SlotOptions } from './model';

/**
 * The key of a client address. Salted with the day, so a key says nothing the next day and the same address on two
 * days cannot be linked; the windows it counts in last an hour at most.
 */
export function intakeClientKey(address: string, now = new Date()): string {
	const day = now.toISOString().slice(0, 10);
	return `intake:${createHash('sha256').update(`leefbaar-intake|${day}|${address}`).digest('hex').slice(0, 32)}`;
}

/** The key of an Open311 client: its own count, whatever address it posts from. */
export function open311ClientKey(clientId: string): string {
	return `intake:open311:${clientId}`;
}

/** Counts one post for `clientKey` in the current fixed window; allowed while the count stays within `limit`. */
export async function takeSlot(db: Db, clientKey: string, options: SlotOptions): Promise<SlotAnswer> {
	const now = options.now ?? new Date();
	const { start, secondsLeft } = windowOf(now, options.windowSeconds);
	const windowStart = start.toISOString();
	// One statement, atomic on both dialects: two processes counting at once each see their own count. On PostgreSQL
	// outside a transaction it commits alone (no BEGIN and COMMIT around it: two round trips fewer per post).
	const count =
		db.dialect === 'postgres' ? await countIn(db, clientKey, windowStart) : await inSharedTransaction(db, (tx) => countIn(tx, clientKey, windowStart));
	if (count <= options.limit) return { allowed: true, count };
	return { allowed: false, count, retryAfter: secondsLeft };
}

/** Counts one post; the first post of a window clears the windows that ended (the table holds about one row per client). */
async function countIn(db: Db, clientKey: string, windowStart: string): Promise<number> {
	const row = await db
		.insertInto('rate_limits')
		.values({ key: clientKey, window_start: windowStart, count: 1 })
		.onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
		.returning('count')
		.executeTakeFirstOrThrow();
	if (Number(row.count) === 1) await db.deleteFrom('rate_limits').where('window_start', '<', windowStart).where('key', 'like', 'intake:%').execute();
	return Number(row.count);
}

/**
 * A post counted against its client's limit, then `work` done, all or nothing and sharing commits with other posts
 * (inSharedTransaction). On SQLite the count is part of the same piece of work (one commit); on PostgreSQL it is a
 * short transaction of its own, so the client's counter row is locked only for that, not while the work runs (one
 * client's posts would queue behind each other). A refused post does nothing but count; a post whose work fails keeps
 * no count on SQLite.
 */
export async function withinLimit<T>(db: Db, clientKey: string, options: SlotOptions, work: (tx: Db) => Promise<T>): Promise<Counted<T>> {
	if (db.dialect === 'sqlite' || db.isTransaction) {
		return inSharedTransaction(db, async (tx): Promise<Counted<T>> => {
			const slot = await takeSlot(tx, clientKey, options);
			return slot.allowed ? { allowed: true, value: await work(tx) } : { allowed: false, retryAfter: slot.retryAfter };
		});
	}
	const slot = await takeSlot(db, clientKey, options);
	return slot.allowed ? { allowed: true, value: await inSharedTransaction(db, work) } : { allowed: false, retryAfter: slot.retryAfter };
}
