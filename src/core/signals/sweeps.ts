// The periodic work of the signals module, run by the server's sweeps (core/app.ts): the daily digest of overdue and
// escalated signals to staff (overdue.ts) and reminders of unanswered referrals, anonymising reporters' contact
// details after the retention time, retraining the category classifier, clearing the photos of report forms never
// sent.
// Each sweep is idempotent and safe with several server processes: a warning is sent only by the process whose
// insert of its reminder row took effect, in the same transaction as the mail in the outbox.
import { sql } from 'kysely';
import { audit, system } from '../access';
import { inTransaction, type Db } from '../db';
import type { FileStore } from '../files';
import { enqueueMail } from '../mail';
import { retrainIfDue } from './routing/classifier-store';
import { formatDeadline } from './format';
import { OPEN_STATUSES } from './model';
import { noteEscalations, noteOverdue, sendOverdueDigests } from './handling/overdue';
import { forgetPendingPhotos } from './intake/photos';
import { organisationRecipients } from './handling/recipients';
import { referralOverdueMail } from './referrals/referral-mails';

export const DEFAULT_CONTACT_RETENTION_DAYS = 365;
/** A report form left this long after its photos were sent loses them: a day to finish it, photos gone after. */
export const PENDING_PHOTOS_HOURS = 24;
const BATCH = 200;

/**
 * Records a reminder once; true only for the caller whose insert took effect. ON CONFLICT DO NOTHING waits for a
 * concurrent insert of the same key to commit (PostgreSQL) or runs alone (SQLite), so exactly one caller wins.
 */
async function claimReminder(tx: Db, signalId: string, kind: string, at: string): Promise<boolean> {
	const result = await tx
		.insertInto('signal_reminders')
		.values({ signal_id: signalId, kind, sent_at: at })
		.onConflict((oc) => oc.columns(['signal_id', 'kind']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Notes the signals that passed their deadline (and their category's second deadline) and, from the digest time on,
 * sends each person their digest of the day (overdue.ts); reminds the receivers of overdue referrals once. Returns the
 * number of mails.
 */
export async function sweepOverdue(db: Db, options: { baseUrl: string; now?: Date; digestTime?: string }): Promise<number> {
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	await noteOverdue(db, nowDate);
	await noteEscalations(db, nowDate);
	let sent = await sendOverdueDigests(db, { baseUrl: options.baseUrl, now: nowDate, digestTime: options.digestTime });

	const referrals = await db
		.selectFrom('referrals as r')
		.innerJoin('signals as s', 's.id', 'r.signal_id')
		.leftJoin('organisations as fo', 'fo.id', 'r.from_organisation_id')
		.select(['r.id', 'r.signal_id', 'r.to_organisation_id', 'r.to_team_id', 'r.deadline_at', 's.reference', 'fo.name as from_name'])
		.where('r.status', '=', 'pending')
		// A referral of a signal merged into another, or of one that has ended, waits for no one.
		.where('s.merged_into_id', 'is', null)
		.where('s.status', 'in', [...OPEN_STATUSES])
		.where('r.deadline_at', '<', now)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('signal_reminders as m')
						.select('m.signal_id')
						.whereRef('m.signal_id', '=', 'r.signal_id')
						.where('m.kind', '=', sql<string>`${'referral-overdue:'} || r.id`)
				)
			)
		)
		.orderBy('r.deadline_at')
		.limit(BATCH)
		.execute();
	for (const r of referrals) {
		sent += await inTransaction(db, async (tx) => {
			if (!(await claimReminder(tx, r.signal_id, `referral-overdue:${r.id}`, now))) return 0;
			const recipients = await organisationRecipients(tx, r.to_organisation_id, r.to_team_id);
			for (const p of recipients) {
				await enqueueMail(
					tx,
					referralOverdueMail({
						to: p.email,
						locale: p.locale,
						name: p.name,
						reference: r.reference,
						from: r.from_name ?? '—',
						deadline: formatDeadline(r.deadline_at!, p.locale),
						link: `${options.baseUrl}/staff/referrals`
					})
				);
			}
			return recipients.length;
		});
	}
	return sent;
}

/**
 * Reporters' name, email and phone are erased `days` after their signal ended (closed, rejected, not our task —
 * all set closed_at — or resolved and never closed). The signal, its timeline and its figures stay. The same for
 * residents who said "me too" (rows of signal_reporters too), and for the reporters of a signal merged into another:
 * a merged signal never ends itself, it ends with the one it joined.
 * What a "me too" neighbour wrote (signal_reporters.description) stays, as the signal's description does: it is part
 * of the signal's story (how many are affected, and how) that staff and the figures keep, and without the contact
 * details nothing in the row says who wrote it any more.
 */
export async function sweepAnonymise(db: Db, options: { days: number; now?: Date }): Promise<number> {
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	const cutoff = new Date(nowDate.getTime() - options.days * 86_400_000).toISOString();
	return inTransaction(db, async (tx) => {
		const ended = tx
			.selectFrom('signals as s')
			.select('s.id')
			.where((eb) => eb.or([eb('s.closed_at', '<', cutoff), eb.and([eb('s.status', '=', 'resolved'), eb('s.resolved_at', '<', cutoff)])]))
			.where('s.status', 'not in', [...OPEN_STATUSES]);
		const mergedIntoEnded = tx.selectFrom('signals as g').select('g.id').where('g.merged_into_id', 'in', ended);
		const result = await tx
			.updateTable('signal_reporters')
			.set({ name: null, email: null, phone: null, anonymised_at: now })
			.where('anonymised_at', 'is', null)
			.where((eb) => eb.or([eb('signal_id', 'in', ended), eb('signal_id', 'in', mergedIntoEnded)]))
			.executeTakeFirst();
		const n = Number(result.numUpdatedRows);
		if (n > 0)
			await audit(tx, system('anonymise'), {
				action: 'signal_anonymise',
				resourceType: 'signal',
				resourceId: null,
				summary: `${n} reporters, ended before ${cutoff}`
			});
		return n;
	});
}

/** Retrains the category classifier when enough new examples came in. */
export async function sweepClassifier(db: Db): Promise<number> {
	const result = await retrainIfDue(db);
	return result ? 1 : 0;
}

/**
 * Photos sent with step 1 of the report form wait under the form's token for step 2. A resident who walked away
 * leaves them: after PENDING_PHOTOS_HOURS they are removed, except those a signal holds. Safe with several server
 * processes (removing a removed file is no error); returns the number of forms cleared.
 */
export async function sweepPendingPhotos(db: Db, store: FileStore, options: { hours?: number; now?: Date } = {}): Promise<number> {
	const now = options.now ?? new Date();
	return forgetPendingPhotos(db, store, new Date(now.getTime() - (options.hours ?? PENDING_PHOTOS_HOURS) * 3_600_000));
}
