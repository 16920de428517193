// Warnings people read (issue 12): the overdue sweep no longer mails once per signal but notes what became overdue
// (and, after a category's second deadline, what is escalated to the coordinators), per recipient, and sends each
// person one digest a day. What was noted and sent is kept, so restarts, several processes and repeated sweeps never
// mail the same overdue twice; a signal reopened after it ended starts a new episode and may be noted again.
// Frozen in time.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/** A UUIDv7 for the rows carried over from the reminders of before (frozen copy, no application code). */
function uuidV7(ms: number): string {
	const bytes = randomBytes(16);
	bytes.writeUIntBE(ms, 0, 6);
	bytes[6] = 0x70 | (bytes[6] & 0x0f);
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
	const time = sql.raw(dialect === 'postgres' ? 'timestamptz' : 'text') as any;

	/** The second deadline: working days after the first one before the coordinators hear of it; null: never. */
	await db.schema.alterTable('signal_categories').addColumn('escalation_days', 'integer').execute();
	await db.updateTable('signal_categories').set({ escalation_days: 5 }).execute();

	// One row per signal, kind (overdue | escalation) and episode: the deadline that passed and the moment the signal
	// was opened (created, or reopened after it ended). Its insert is the claim: only one process notes an episode.
	await db.schema
		.createTable('overdue_notices')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('deadline_at', time, (c) => c.notNull())
		.addColumn('opened_at', time, (c) => c.notNull())
		.addColumn('noted_at', time, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('overdue_notices_episode').unique().on('overdue_notices').columns(['signal_id', 'kind', 'deadline_at', 'opened_at']).execute();

	// Who is told of a notice; digest_day is the day (Europe/Brussels) of the digest it went out in, null while waiting.
	await db.schema
		.createTable('overdue_notice_recipients')
		.addColumn('notice_id', 'text', (c) => c.notNull().references('overdue_notices.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('digest_day', 'text')
		.addPrimaryKeyConstraint('overdue_notice_recipients_pk', ['notice_id', 'email'])
		.execute();
	await db.schema
		.createIndex('overdue_notice_recipients_waiting')
		.on('overdue_notice_recipients')
		.column('email')
		.where(sql.ref('digest_day'), 'is', null)
		.execute();

	// One digest per person per day: the insert of this row is the claim.
	await db.schema
		.createTable('overdue_digests')
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('sent_at', time, (c) => c.notNull())
		.addColumn('notices', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('overdue_digests_pk', ['email', 'day'])
		.execute();

	// Signals warned for by the one-mail-per-signal sweep of before count as noted: an upgrade mails none of them again.
	const reminders = await db
		.selectFrom('signal_reminders as m')
		.innerJoin('signals as s', 's.id', 'm.signal_id')
		.select(['m.signal_id', 'm.kind', 'm.sent_at'])
		.where('m.kind', 'like', 'overdue:%')
		.where('s.status', 'in', ['new', 'accepted', 'in_progress', 'waiting'])
		.execute();
	for (const r of reminders as Array<{ signal_id: string; kind: string; sent_at: string | Date }>) {
		const deadline = new Date(r.kind.slice('overdue:'.length));
		if (Number.isNaN(deadline.getTime())) continue;
		const sentAt = new Date(r.sent_at).toISOString();
		await db
			.insertInto('overdue_notices')
			.values({
				id: uuidV7(new Date(sentAt).getTime()),
				signal_id: r.signal_id,
				kind: 'overdue',
				deadline_at: deadline.toISOString(),
				opened_at: sentAt,
				noted_at: sentAt
			})
			.onConflict((oc) => oc.doNothing())
			.execute();
	}
}
