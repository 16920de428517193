// A reporter's tracking link (/volgen/<token>). Only hashes are stored, so each mail that carries a link carries a
// fresh one; the earlier links keep working, because a resident keeps the first one (the thank-you page says so) and
// opens older mails. The newest hash is on signal_reporters, the earlier ones in signal_reporter_links.
import { hashToken, newToken } from '../../auth';
import type { Db } from '../../db';

/**
 * A new link for this reporter (`token`, or a random one); the one before stays valid. Returns the secret (shown or
 * mailed once).
 */
export async function issueTrackingToken(tx: Db, reporterId: string, options: { now?: Date; token?: string } = {}): Promise<string> {
	const current = await tx.selectFrom('signal_reporters').select('token_hash').where('id', '=', reporterId).executeTakeFirst();
	const token = options.token ?? newToken();
	if (!current || current.token_hash === hashToken(token)) return token;
	const at = (options.now ?? new Date()).toISOString();
	await tx
		.insertInto('signal_reporter_links')
		.values({ token_hash: current.token_hash, reporter_id: reporterId, created_at: at })
		.onConflict((oc) => oc.doNothing())
		.execute();
	await tx
		.updateTable('signal_reporters')
		.set({ token_hash: hashToken(token) })
		.where('id', '=', reporterId)
		.execute();
	return token;
}

/** The reporters a link belongs to (by its newest or an earlier link): for queries that join reporters. */
export function linkedReporterIds(db: Db, token: string) {
	const hash = hashToken(token);
	return db
		.selectFrom('signal_reporters')
		.select('id')
		.where('token_hash', '=', hash)
		.unionAll(db.selectFrom('signal_reporter_links').select('reporter_id as id').where('token_hash', '=', hash));
}

/** The reporter a tracking link belongs to, by its newest or an earlier link; null for a link that never was. */
export async function reporterIdByToken(db: Db, token: string): Promise<string | null> {
	if (!token || token.length > 200) return null;
	return (await linkedReporterIds(db, token).executeTakeFirst())?.id ?? null;
}
