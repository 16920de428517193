// Warnings people read (issue 12): a signal past its deadline is noted for whoever handles it (the assignee, else the
// team's members or whoever gets its mail today), and after its category's second deadline for the coordinators of
// that team or organisation. Each person gets what was noted for them in one digest a day, from the configured time
// on (07:00 in Brussels by default), never sooner than the day after the previous one.
// Safe with restarts and several server processes: noting an episode (a signal, its deadline and the moment it was
// opened) is the insert of one overdue_notices row, sending a person's digest of a day the insert of one
// overdue_digests row; only the process whose insert took effect does the rest, in the same transaction as the mail.
import { sql, type SqlBool } from 'kysely';
import { audit, system } from '../../access';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import { DEFAULT_LOCALE, isLocale, translate } from '../../i18n';
import { enqueueMail } from '../../mail';
import { brusselsDate, brusselsMinuteOfDay, lastDeadlineEscalatedBy } from './deadlines';
import { formatDeadline } from '../format';
import { overdueDigestMail, type DigestLine } from '../mails';
import { OPEN_STATUSES } from '../model';
import { coordinatorRecipients, handlerRecipients, type Recipient } from './recipients';

/** The time of day (Europe/Brussels) from which the day's digests go out, unless configured otherwise. */
export const DEFAULT_DIGEST_TIME = '07:00';
const BATCH = 200;
const ENDED_STATUSES = ['resolved', 'closed', 'rejected', 'not_our_task'] as const;

type NoticeKind = 'overdue' | 'escalation';
type DigestOptions = { baseUrl: string; now: Date };
type Candidate = {
	id: string;
	deadline_at: string | null;
	opened_at: string;
	assignee_id: string | null;
	organisation_id: string | null;
	team_id: string | null;
};

/** When the signal's current episode began: its last reopening after it ended, else its creation. */
const openedAt = sql<string>`coalesce((select max(e.at) from signal_events e where e.signal_id = s.id and e.kind = 'status' and e.from_status in (${sql.join([...ENDED_STATUSES])}) and e.to_status in (${sql.join([...OPEN_STATUSES])})), s.created_at)`;

/** No notice of this kind yet for the signal's deadline in its current episode. */
const notNoted = (kind: NoticeKind) =>
	sql<SqlBool>`not exists (select 1 from overdue_notices n where n.signal_id = s.id and n.kind = ${kind} and n.deadline_at = s.deadline_at and n.opened_at >= ${openedAt})`;

function candidates(db: Db, kind: NoticeKind) {
	return (
		db
			.selectFrom('signals as s')
			.select(['s.id', 's.deadline_at', 's.assignee_id', 's.organisation_id', 's.team_id', openedAt.as('opened_at')])
			.where('s.status', 'in', [...OPEN_STATUSES])
			// A signal merged into another is followed through that one.
			.where('s.merged_into_id', 'is', null)
			.where(notNoted(kind))
			.orderBy('s.deadline_at')
			.limit(BATCH)
	);
}

/** Notes one episode with its recipients; false when another sweep noted it first. */
async function note(db: Db, s: Candidate, kind: NoticeKind, now: string, who: (tx: Db) => Promise<Recipient[]>): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const id = newId();
		const claimed = await tx
			.insertInto('overdue_notices')
			.values({ id, signal_id: s.id, kind, deadline_at: s.deadline_at!, opened_at: s.opened_at, noted_at: now })
			.onConflict((oc) => oc.columns(['signal_id', 'kind', 'deadline_at', 'opened_at']).doNothing())
			.executeTakeFirst();
		if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false;
		const seen = new Set<string>();
		for (const r of await who(tx)) {
			const email = r.email.toLowerCase();
			if (seen.has(email)) continue;
			seen.add(email);
			await tx
				.insertInto('overdue_notice_recipients')
				.values({ notice_id: id, email, user_id: r.userId ?? null, name: r.name, locale: r.locale, digest_day: null })
				.execute();
		}
		if (kind === 'escalation')
			await audit(tx, system('overdue'), {
				action: 'signal_escalate',
				resourceType: 'signal',
				resourceId: s.id,
				summary: `${seen.size} coordinators, deadline ${s.deadline_at}`
			});
		return true;
	});
}

/** Notes every open signal past its deadline that was not noted in its current episode; returns how many. */
export async function noteOverdue(db: Db, now: Date): Promise<number> {
	const at = now.toISOString();
	let noted = 0;
	for (;;) {
		const batch = await candidates(db, 'overdue').where('s.deadline_at', '<', at).execute();
		let claimed = 0;
		for (const s of batch) if (await note(db, s, 'overdue', at, (tx) => handlerRecipients(tx, s))) claimed++;
		noted += claimed;
		if (batch.length < BATCH || claimed === 0) return noted;
	}
}

/** Notes every open signal past its category's second deadline for the coordinators; returns how many. */
export async function noteEscalations(db: Db, now: Date): Promise<number> {
	const at = now.toISOString();
	const categories = await db.selectFrom('signal_categories').select(['id', 'escalation_days']).where('escalation_days', 'is not', null).execute();
	const byDays = new Map<number, string[]>();
	for (const c of categories) byDays.set(c.escalation_days!, [...(byDays.get(c.escalation_days!) ?? []), c.id]);
	let noted = 0;
	for (const [days, categoryIds] of byDays) {
		const cutoff = lastDeadlineEscalatedBy(now, days).toISOString();
		for (;;) {
			const batch = await candidates(db, 'escalation').where('s.category_id', 'in', categoryIds).where('s.deadline_at', '<=', cutoff).execute();
			let claimed = 0;
			for (const s of batch) if (await note(db, s, 'escalation', at, (tx) => coordinatorRecipients(tx, s))) claimed++;
			noted += claimed;
			if (batch.length < BATCH || claimed === 0) break;
		}
	}
	return noted;
}

/** 'HH:MM' as minutes after midnight. */
export function digestMinutes(time: string): number {
	const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
	if (!match) throw new RangeError(`Not a time of day as HH:MM: ${time}`);
	return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * From the digest time on, sends each person with noted signals their digest of the day, unless they had it already:
 * what was noted after today's digest waits for tomorrow's. Returns the number of digests sent.
 */
export async function sendOverdueDigests(db: Db, options: DigestOptions & { digestTime?: string }): Promise<number> {
	if (brusselsMinuteOfDay(options.now) < digestMinutes(options.digestTime ?? DEFAULT_DIGEST_TIME)) return 0;
	const day = brusselsDate(options.now);
	let sent = 0;
	for (;;) {
		const waiting = await db
			.selectFrom('overdue_notice_recipients as r')
			.select('r.email')
			.distinct()
			.where('r.digest_day', 'is', null)
			.where((eb) => eb.not(eb.exists(eb.selectFrom('overdue_digests as d').select('d.email').whereRef('d.email', '=', 'r.email').where('d.day', '=', day))))
			.orderBy('r.email')
			.limit(BATCH)
			.execute();
		let done = 0;
		for (const { email } of waiting) done += await sendDigest(db, email, day, options);
		sent += done;
		if (waiting.length < BATCH || done === 0) return sent;
	}
}

/** Sends one person their digest of the day in one transaction; 0 when another process sent it or nothing is left. */
async function sendDigest(db: Db, email: string, day: string, options: DigestOptions): Promise<number> {
	return inTransaction(db, async (tx) => {
		if (!(await claimDigest(tx, email, day, options.now))) return 0;
		const { relevant, stale } = sortOutNoticed(await noticedFor(tx, email));
		if (stale.length > 0) await tx.deleteFrom('overdue_notice_recipients').where('email', '=', email).where('notice_id', 'in', stale).execute();
		if (relevant.length === 0) {
			await tx.deleteFrom('overdue_digests').where('email', '=', email).where('day', '=', day).execute();
			return 0;
		}
		await markDigested(tx, email, day, relevant);
		await mailDigest(tx, email, day, relevant, options.baseUrl);
		return 1;
	});
}

/** The insert of the person's overdue_digests row of the day; false when another process made it first. */
async function claimDigest(tx: Db, email: string, day: string, now: Date): Promise<boolean> {
	const claimed = await tx
		.insertInto('overdue_digests')
		.values({ email, day, sent_at: now.toISOString(), notices: 0 })
		.onConflict((oc) => oc.columns(['email', 'day']).doNothing())
		.executeTakeFirst();
	return Number(claimed.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** What was noted for the person and not yet in a digest, with the signal as it is now. */
function noticedFor(tx: Db, email: string) {
	return tx
		.selectFrom('overdue_notice_recipients as r')
		.innerJoin('overdue_notices as n', 'n.id', 'r.notice_id')
		.innerJoin('signals as s', 's.id', 'n.signal_id')
		.leftJoin('signal_categories as c', 'c.id', 's.category_id')
		.leftJoin('organisations as o', 'o.id', 's.organisation_id')
		.leftJoin('teams as t', 't.id', 's.team_id')
		.leftJoin('users as a', 'a.id', 's.assignee_id')
		.leftJoin('users as u', 'u.id', 'r.user_id')
		.select([
			'r.notice_id',
			'r.name',
			'r.locale',
			'r.user_id',
			'u.name as user_name',
			'u.locale as user_locale',
			'u.is_active',
			'n.kind',
			'n.deadline_at as noted_deadline',
			's.id',
			's.reference',
			's.kind as signal_kind',
			's.status',
			's.merged_into_id',
			's.deadline_at'
		])
		.select(['c.name as category', 'c.name_fr as category_fr', 'c.name_en as category_en', 'o.name as organisation', 't.name as team', 'a.name as assignee'])
		.where('r.email', '=', email)
		.where('r.digest_day', 'is', null)
		.orderBy('s.deadline_at')
		.orderBy('s.reference')
		.execute();
}

type Noticed = Awaited<ReturnType<typeof noticedFor>>[number];

/**
 * A signal handled, merged or given a new deadline since it was noted needs no warning any more; nor does a person
 * whose account was switched off since. Returns the notices still to send and the ids of the others.
 */
function sortOutNoticed(items: Noticed[]): { relevant: Noticed[]; stale: string[] } {
	const current = (i: Noticed) =>
		(OPEN_STATUSES as readonly string[]).includes(i.status) && i.merged_into_id === null && i.deadline_at === i.noted_deadline && i.is_active !== false;
	return { relevant: items.filter(current), stale: items.filter((i) => !current(i)).map((i) => i.notice_id) };
}

/** Marks the notices as sent in the day's digest and counts them on its row. */
async function markDigested(tx: Db, email: string, day: string, relevant: Noticed[]): Promise<void> {
	await tx
		.updateTable('overdue_notice_recipients')
		.set({ digest_day: day })
		.where('email', '=', email)
		.where(
			'notice_id',
			'in',
			relevant.map((i) => i.notice_id)
		)
		.execute();
	await tx.updateTable('overdue_digests').set({ notices: relevant.length }).where('email', '=', email).where('day', '=', day).execute();
}

/** Queues the digest mail in the reader's language, with its audit entry. */
async function mailDigest(tx: Db, email: string, day: string, relevant: Noticed[], baseUrl: string): Promise<void> {
	const reader = relevant[relevant.length - 1];
	const locale = isLocale(reader.user_locale) ? reader.user_locale : isLocale(reader.locale) ? reader.locale : DEFAULT_LOCALE;
	const line = (i: Noticed): DigestLine => ({
		reference: i.reference,
		category: (locale === 'fr' ? i.category_fr : locale === 'en' ? i.category_en : null) ?? i.category ?? translate(locale, `inbox.kind_${i.signal_kind}`),
		deadline: formatDeadline(i.noted_deadline, locale),
		link: `${baseUrl}/staff/signals/${i.id}`,
		handler: i.kind === 'escalation' ? [i.organisation, i.team, i.assignee].filter(Boolean).join(' · ') || null : null
	});
	const overdue = relevant.filter((i) => i.kind === 'overdue').map(line);
	const escalated = relevant.filter((i) => i.kind === 'escalation').map(line);
	await enqueueMail(tx, overdueDigestMail({ to: email, locale, name: reader.user_name ?? reader.name, overdue, escalated }));
	await audit(tx, system('overdue'), {
		action: 'signal_overdue_digest',
		resourceType: 'user',
		resourceId: reader.user_id,
		summary: `${day}: ${overdue.length} overdue, ${escalated.length} escalated`
	});
}
