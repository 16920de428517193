// API keys for Open311 clients (other reporting apps). An admin issues one key per client; the key is shown once and
// only its sha256 is stored, so a leaked database does not leak working keys. A revoked key stops working at once.
import { z } from 'zod';
import { audit, authorize, type Actor } from '../../access';
import { hashToken, newToken } from '../../auth';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import { Conflict, Invalid, NotFound } from '../../errors';
import { parseInput } from '../../validation';

export const open311ClientInput = z.object({
	name: z.string().trim().min(2).max(80),
	contactEmail: z
		.string()
		.trim()
		.max(254)
		.optional()
		.transform((v) => (v ? v.toLowerCase() : undefined))
		.pipe(z.email().optional()),
	/** Only for the system actor (demo data): a fixed, known key such as "demo". Staff always get a random key. */
	key: z.string().min(1).max(200).optional()
});
export type Open311ClientInput = z.input<typeof open311ClientInput>;

export type Open311Client = { id: string; name: string };
export type Open311ClientView = {
	id: string;
	name: string;
	contactEmail: string | null;
	createdAt: string;
	revokedAt: string | null;
	lastUsedAt: string | null;
	signalCount: number;
};

/** last_used_at is written at most this often, so a busy client does not turn every POST into two writes. */
const LAST_USED_PRECISION_MS = 60_000;

/** Issues a key for a new client. Returns the key itself: show it once, it cannot be read back. */
export async function issueOpen311Client(db: Db, actor: Actor, input: Open311ClientInput): Promise<{ client: Open311Client; key: string }> {
	authorize(actor, 'manage', 'open311-client');
	const v = parseInput(open311ClientInput, input);
	if (v.key !== undefined && actor.kind !== 'system') throw Invalid.field('key', 'fixed_key_system_only', 'Only demo data may choose its own key');
	const key = v.key ?? `o311_${newToken()}`;
	return inTransaction(db, async (tx) => {
		const keyHash = hashToken(key);
		if (await tx.selectFrom('open311_clients').select('id').where('key_hash', '=', keyHash).executeTakeFirst())
			throw new Conflict('duplicate', 'This key is in use');
		const id = newId();
		const now = new Date().toISOString();
		await tx
			.insertInto('open311_clients')
			.values({
				id,
				name: v.name,
				contact_email: v.contactEmail ?? null,
				key_hash: keyHash,
				created_by: actor.kind === 'staff' ? actor.id : null,
				created_at: now,
				revoked_at: null,
				last_used_at: null
			})
			.execute();
		await audit(tx, actor, { action: 'open311_client_issue', resourceType: 'open311-client', resourceId: id, summary: null });
		return { client: { id, name: v.name }, key };
	});
}

export async function revokeOpen311Client(db: Db, actor: Actor, id: string): Promise<Open311Client> {
	authorize(actor, 'manage', 'open311-client');
	return inTransaction(db, async (tx) => {
		const row = await tx.selectFrom('open311_clients').select(['id', 'name', 'revoked_at']).where('id', '=', id).executeTakeFirst();
		if (!row) throw new NotFound('open311-client', id);
		if (!row.revoked_at) {
			await tx.updateTable('open311_clients').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).execute();
			await audit(tx, actor, { action: 'open311_client_revoke', resourceType: 'open311-client', resourceId: id, summary: null });
		}
		return { id: row.id, name: row.name };
	});
}

/** Every client, active ones first, with how many signals each sent in. Never the key or its hash. */
export async function listOpen311Clients(db: Db, actor: Actor): Promise<Open311ClientView[]> {
	authorize(actor, 'manage', 'open311-client');
	const rows = await db
		.selectFrom('open311_clients as c')
		.select((eb) => [
			'c.id',
			'c.name',
			'c.contact_email',
			'c.created_at',
			'c.revoked_at',
			'c.last_used_at',
			eb
				.selectFrom('signals as s')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('s.open311_client_id', '=', 'c.id')
				.as('signal_count')
		])
		.orderBy((eb) => eb.case().when('c.revoked_at', 'is', null).then(0).else(1).end())
		.orderBy('c.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		contactEmail: r.contact_email,
		createdAt: r.created_at,
		revokedAt: r.revoked_at,
		lastUsedAt: r.last_used_at,
		signalCount: Number(r.signal_count ?? 0)
	}));
}

/** The client holding this key, or null for an unknown or revoked key. */
export async function authenticateOpen311(db: Db, key: string, now = new Date()): Promise<Open311Client | null> {
	if (!key || key.length > 200) return null;
	const row = await db
		.selectFrom('open311_clients')
		.select(['id', 'name', 'revoked_at', 'last_used_at'])
		.where('key_hash', '=', hashToken(key))
		.executeTakeFirst();
	if (!row || row.revoked_at) return null;
	if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_PRECISION_MS) {
		await db.updateTable('open311_clients').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
	}
	return { id: row.id, name: row.name };
}
