// The transactional outbox: a side effect (a mail) is written in the same transaction as the action that causes it,
// and a sweep delivers it later. Claims use FOR UPDATE SKIP LOCKED on PostgreSQL so several server processes share
// the work without sending anything twice; on SQLite the single writer does the same job.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, TableRows } from '../db';
import { inTransaction } from '../db';
import { newId, nowIso } from '../db';

export const mailSchema = z.object({
	to: z.email(),
	subject: z.string().min(1).max(300),
	text: z.string().min(1),
	html: z.string().optional()
});
export type Mail = z.infer<typeof mailSchema>;

export async function enqueueMail(db: Db, mail: Mail): Promise<string> {
	const row = outboxMailRow(mail);
	await db.insertInto('outbox').values(row).execute();
	return row.id;
}

/** The mail `enqueueMail` writes, for a caller that sends it with the other writes of its action (insertRows). */
export function outboxInsert(mail: Mail): TableRows {
	return { table: 'outbox', rows: [outboxMailRow(mail)] };
}

function outboxMailRow(mail: Mail) {
	const at = nowIso();
	return {
		id: newId(),
		kind: 'mail',
		payload: mailSchema.parse(mail),
		created_at: at,
		available_at: at,
		attempts: 0,
		locked_until: null,
		done_at: null,
		last_error: null
	};
}

export type Deliver = (kind: string, payload: unknown) => Promise<void>;

const LOCK_MS = 60_000;
const MAX_ATTEMPTS = 8;

/** Delivers what is due; returns how many items were delivered. Safe to run in several processes at once. */
export async function sweepOutbox(db: Db, deliver: Deliver, batch = 20): Promise<number> {
	const now = new Date();
	const claimed = await inTransaction(db, async (tx) => {
		let q = tx
			.selectFrom('outbox')
			.select(['id', 'kind', 'payload', 'attempts'])
			.where('done_at', 'is', null)
			.where('available_at', '<=', now.toISOString())
			.where('attempts', '<', MAX_ATTEMPTS)
			.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
			.orderBy('available_at')
			.limit(batch);
		if (db.dialect === 'postgres') q = q.modifyEnd(sql`for update skip locked`);
		const rows = await q.execute();
		if (rows.length > 0) {
			await tx
				.updateTable('outbox')
				.set({ locked_until: new Date(now.getTime() + LOCK_MS).toISOString() })
				.where(
					'id',
					'in',
					rows.map((r) => r.id)
				)
				.execute();
		}
		return rows;
	});
	let delivered = 0;
	for (const item of claimed) {
		try {
			await deliver(item.kind, item.payload);
			await db
				.updateTable('outbox')
				.set({ done_at: nowIso(), locked_until: null, attempts: item.attempts + 1 })
				.where('id', '=', item.id)
				.execute();
			delivered++;
		} catch (error) {
			// Back off: 1, 2, 4 … minutes.
			const retryAt = new Date(Date.now() + 60_000 * 2 ** item.attempts).toISOString();
			await db
				.updateTable('outbox')
				.set({ attempts: item.attempts + 1, available_at: retryAt, locked_until: null, last_error: String(error).slice(0, 1000) })
				.where('id', '=', item.id)
				.execute();
		}
	}
	return delivered;
}
