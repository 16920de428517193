// The reads lists and pages need: the inbox of an organisation or team, one signal with its timeline for staff, and
// the resident's own tracking view. Contact details leave only through the policy, and every look at them or at a
// help request is written to the audit log.
import { expressionBuilder, sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { audit, authorize, can, isStaff, type Actor, type StaffActor } from '../../access';
import { purposeContact, type PurposeContact } from '../../people';
import { reporterIdByToken } from '../intake/tracking-links';
import { lowerContains, type Db } from '../../db';
import type { Database, SignalPriority, SignalStatus } from '../../db';
import { NotFound } from '../../errors';
import { parseInput } from '../../validation';
import { signalContext } from './handling';
import { normaliseReference } from '../intake/intake';
import { maySayNotSolved, REPLY_EVENT } from './replies';
import { inboxFilter, OPEN_STATUSES, type InboxFilter } from '../model';

export type InboxItem = {
	id: string;
	reference: string;
	kind: string;
	categoryName: string | null;
	status: SignalStatus;
	priority: SignalPriority;
	isHelpRequest: boolean;
	/** The first line of the description; for help requests only where the policy lets the reader see them. */
	summary: string;
	areaName: string | null;
	estateName: string | null;
	assigneeName: string | null;
	deadlineAt: string | null;
	createdAt: string;
	overdue: boolean;
};
/** The first line of a description, cut at 140 characters, as an inbox row shows it (read from its first 141). */
export function firstLine(text: string): string {
	const line =
		text
			.split(/\r?\n/)
			.find((l) => l.trim() !== '')
			?.trim() ?? '';
	return line.length > 140 ? `${line.slice(0, 140).trimEnd()}…` : line;
}
export type InboxPage = { items: InboxItem[]; total: number; page: number; pageSize: number };

type ParsedInboxFilter = z.output<typeof inboxFilter>;

/**
 * The signals of a staff member's inbox under the page's filters: one definition for the list (inbox) and the counts
 * per status tab (inbox-counts.ts), as rows (id, status, deadline_at, created_at) of `w`. Whose signals: those routed
 * to the reader's organisation, those registered by the reader and those referred to the organisation — as a union of
 * three indexed lookups (organisation, author, referrals): an OR of the three cannot use an index on either database
 * and scanned every signal (measured: 1,185 ms → 2–3 ms at 100,000 on SQLite). Each lookup applies the filters
 * itself and returns what the counts and the sorting need, so a signal's row is read once, not again by id
 * afterwards (at 1,000,000 signals: tab counts 19 → 11 ms on SQLite, 32 → 15 ms on PostgreSQL). `statuses` narrows each
 * lookup (its index starts with the status after the organisation or author); null for every status, as the tab
 * counts need.
 */
export function inboxSignals(db: Db, actor: StaffActor, f: ParsedInboxFilter, nowIso: string, statuses: readonly SignalStatus[] | null) {
	const org = actor.organisationId ?? '';
	// The same conditions on each lookup's signals (`x` is the lookup's alias of signals).
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const narrow = <Q extends SelectQueryBuilder<any, any, any>>(query: Q, x: string): Q => {
		const c = (column: string) => sql.ref(`${x}.${column}`);
		// A merged signal lives on in the one it joined. (The index on merged_into_id holds merged signals only, so no
		// database takes this condition for a selective one; see migration 202612022230.)
		let q = query.where(c('merged_into_id'), 'is', null);
		if (statuses) q = q.where(c('status'), 'in', statuses);
		if (f.categoryId) q = q.where(c('category_id'), '=', f.categoryId);
		if (f.areaId) q = q.where(c('area_id'), '=', f.areaId);
		if (f.teamId) q = q.where(c('team_id'), '=', f.teamId);
		if (f.overdue) q = q.where(c('deadline_at'), '<', nowIso).where(c('status'), 'in', [...OPEN_STATUSES]);
		if (f.mine) q = q.where(c('assignee_id'), '=', actor.id);
		if (f.unassigned) q = q.where(c('assignee_id'), 'is', null);
		if (f.reopened) q = q.where(c('status'), 'in', [...OPEN_STATUSES]).where(reopenedByReporter(c('id')));
		if (f.replied) q = q.where(c('status'), 'in', [...OPEN_STATUSES]).where(repliedUnanswered(c('id')));
		if (f.q) {
			const ref = normaliseReference(f.q);
			q = ref ? q.where(c('reference'), '=', ref) : q.where(lowerContains(`${x}.description`, f.q)).where(c('is_help_request'), '=', false);
		}
		return q.select([
			sql<string>`${c('id')}`.as('id'),
			sql<SignalStatus>`${c('status')}`.as('status'),
			sql<string | null>`${c('deadline_at')}`.as('deadline_at'),
			sql<string>`${c('created_at')}`.as('created_at')
		]) as Q;
	};
	const own = narrow(db.selectFrom('signals as o').where('o.organisation_id', '=', org), 'o');
	const mine = narrow(db.selectFrom('signals as m').where('m.created_by', '=', actor.id), 'm');
	const referred = narrow(
		db
			.selectFrom('referrals as rf')
			.innerJoin('signals as r', 'r.id', 'rf.signal_id')
			.where('rf.to_organisation_id', '=', org)
			.where('rf.status', 'in', ['pending', 'accepted']),
		'r'
	);
	type Row = { id: string; status: SignalStatus; deadline_at: string | null; created_at: string };
	return db.selectFrom(own.union(mine).union(referred).$castTo<Row>().as('w'));
}

/** The resident's "not solved" reopened the signal: feedback.ts alone writes that step, as the reporter's. */
function reopenedByReporter(signalId: RawBuilder<unknown>): Expression<SqlBool> {
	const { exists, selectFrom } = expressionBuilder<Database, never>();
	return exists(
		selectFrom('signal_events as ro')
			.select('ro.id')
			.whereRef('ro.signal_id', '=', signalId)
			.where('ro.kind', '=', 'status')
			.where('ro.actor_label', '=', 'reporter')
			.where('ro.to_status', '=', 'accepted')
	);
}

/** A reply (replies.ts) that no colleague acted on since: no later step of someone signed in. */
function repliedUnanswered(signalId: RawBuilder<unknown>): Expression<SqlBool> {
	const { exists, selectFrom } = expressionBuilder<Database, never>();
	return exists(
		selectFrom('signal_events as rp')
			.select('rp.id')
			.whereRef('rp.signal_id', '=', signalId)
			.where('rp.kind', '=', 'reply')
			.where(({ exists, not, selectFrom }) =>
				not(
					exists(
						selectFrom('signal_events as st')
							.select('st.id')
							.whereRef('st.signal_id', '=', 'rp.signal_id')
							.where('st.actor_id', 'is not', null)
							.where('st.kind', '<>', 'reply')
							.whereRef('st.at', '>', 'rp.at')
					)
				)
			)
	);
}

/** The statuses a status filter of the inbox stands for; null for all. */
export function statusesOf(status: ParsedInboxFilter['status']): readonly SignalStatus[] | null {
	return status === 'open' ? OPEN_STATUSES : status === 'all' ? null : [status];
}

export async function inbox(db: Db, actor: Actor, filter: InboxFilter = {}, now = new Date()): Promise<InboxPage> {
	authorize(actor, 'list', 'signal');
	const f = parseInput(inboxFilter, filter);
	const nowIso = now.toISOString();
	if (!isStaff(actor)) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
	const w = inboxSignals(db, actor, f, nowIso, statusesOf(f.status));
	// Sorted by deadline, the most urgent first; signals without a deadline after those with one. The page is cut from
	// the inbox's rows first; only its own signals are read whole.
	const [{ n }, page] = await Promise.all([
		w.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
		w
			.select('w.id')
			.orderBy(sql`case when w.deadline_at is null then 1 else 0 end`)
			.orderBy('w.deadline_at')
			.orderBy('w.created_at')
			.orderBy('w.id')
			.limit(f.pageSize)
			.offset((f.page - 1) * f.pageSize)
			.execute()
	]);
	const order = new Map(page.map((p, k) => [p.id, k]));
	const rows = page.length
		? await db
				.selectFrom('signals as s')
				.leftJoin('signal_categories as c', 'c.id', 's.category_id')
				.leftJoin('areas as a', 'a.id', 's.area_id')
				.leftJoin('estates as e', 'e.id', 's.estate_id')
				.leftJoin('users as u', 'u.id', 's.assignee_id')
				.select([
					's.id',
					's.reference',
					's.kind',
					's.status',
					's.priority',
					's.is_help_request',
					's.organisation_id',
					's.created_by',
					sql<string>`substr(s.description, 1, 141)`.as('summary'),
					'c.name as category_name',
					'a.name as area_name',
					'e.name as estate_name',
					'u.name as assignee_name',
					's.deadline_at',
					's.created_at'
				])
				.where('s.id', 'in', [...order.keys()])
				.execute()
		: [];
	rows.sort((x, y) => order.get(x.id)! - order.get(y.id)!);
	const items: InboxItem[] = rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		kind: r.kind,
		categoryName: r.category_name,
		status: r.status,
		priority: r.priority,
		isHelpRequest: r.is_help_request,
		summary: firstLine(r.summary),
		areaName: r.area_name,
		estateName: r.estate_name,
		assigneeName: r.assignee_name,
		deadlineAt: r.deadline_at,
		createdAt: r.created_at,
		overdue: !!r.deadline_at && r.deadline_at < nowIso && (OPEN_STATUSES as readonly string[]).includes(r.status)
	}));
	return { items, total: Number(n), page: f.page, pageSize: f.pageSize };
}

export type TimelineEntry = {
	at: string;
	kind: string;
	actorLabel: string;
	fromStatus: SignalStatus | null;
	toStatus: SignalStatus | null;
	body: string | null;
	visibility: 'internal' | 'reporter';
	data: unknown;
};
export type ReporterView = {
	id: string;
	isOriginal: boolean;
	name: string | null;
	email: string | null;
	phone: string | null;
	language: string;
	anonymised: boolean;
};
/** A neighbour's "me too": when, and what they wrote (read like the description; their contact is in `reporters`). */
export type JoinView = { id: string; at: string; words: string | null; anonymised: boolean };
export type AttachmentView = { id: string; mediaType: string; width: number | null; height: number | null; isPublic: boolean; createdAt: string };
export type StaffSignalView = {
	signal: NonNullable<Awaited<ReturnType<typeof loadSignalRow>>>;
	timeline: TimelineEntry[];
	/** null when the reader may not see contact details. */
	reporters: ReporterView[] | null;
	/** Every "me too" on this signal, for whoever may read it; the same ids as in `reporters`. */
	joins: JoinView[];
	attachments: AttachmentView[];
	referrals: Array<{
		id: string;
		toOrganisationId: string;
		toOrganisationName: string;
		status: string;
		note: string;
		response: string | null;
		deadlineAt: string | null;
		createdAt: string;
		respondedAt: string | null;
	}>;
	mergedSignals: Array<{ id: string; reference: string }>;
	/**
	 * A help request shared with the resident's consent: how the organisation it was given to may reach them about it
	 * (what they gave for that purpose, nothing more of their record). null without a consent in force the reader may see.
	 */
	helpContact: PurposeContact | null;
	/**
	 * Where a message "to the reporter" arrives, told before it is written: by mail, only on the tracking page (the
	 * reporter gave no email address), or nowhere (no reporter with a tracking link: a worker registered it).
	 */
	messageReaches: 'mail' | 'tracking_page' | 'nobody';
	can: { handle: boolean; refer: boolean };
};

async function loadSignalRow(db: Db, id: string) {
	const row = await db
		.selectFrom('signals as s')
		.leftJoin('signal_categories as c', 'c.id', 's.category_id')
		.leftJoin('signal_categories as sc', 'sc.id', 's.suggested_category_id')
		.leftJoin('areas as a', 'a.id', 's.area_id')
		.leftJoin('estates as e', 'e.id', 's.estate_id')
		.leftJoin('organisations as o', 'o.id', 's.organisation_id')
		.leftJoin('teams as t', 't.id', 's.team_id')
		.leftJoin('users as u', 'u.id', 's.assignee_id')
		.selectAll('s')
		.select([
			'c.name as category_name',
			'c.key as category_key',
			'sc.name as suggested_category_name',
			'a.name as area_name',
			'a.slug as area_slug',
			'e.name as estate_name',
			'o.name as organisation_name',
			't.name as team_name',
			'u.name as assignee_name'
		])
		.where('s.id', '=', id)
		.executeTakeFirst();
	return row;
}

/** One signal for staff, with its timeline; a help request's read and any look at contact details are audited. */
export async function getSignal(db: Db, actor: Actor, id: string): Promise<StaffSignalView> {
	const signal = await loadSignalRow(db, id);
	if (!signal) throw new NotFound('signal', id);
	const ctx = await signalContext(db, signal);
	authorize(actor, 'read', 'signal', ctx);
	const parts = await loadSignalParts(db, id, can(actor, 'read-contact', 'signal', ctx));
	const helpContact = signal.is_help_request && signal.consent_id ? await purposeContact(db, actor, signal.consent_id) : null;
	const hasContact = !!parts.reporters?.some((r) => r.email || r.phone || r.name) || !!helpContact;
	if (signal.is_help_request || hasContact) {
		await audit(db, actor, {
			action: 'signal_read',
			resourceType: 'signal',
			resourceId: id,
			summary: [signal.is_help_request ? 'help request' : null, hasContact ? 'contact details' : null].filter(Boolean).join(', ')
		});
	}
	return {
		signal,
		...presentSignalParts(parts),
		mergedSignals: parts.merged,
		helpContact,
		messageReaches: parts.messageReaches,
		can: { handle: can(actor, 'handle', 'signal', ctx), refer: can(actor, 'refer', 'signal', ctx) }
	};
}

/** What the staff page shows beside the signal itself, read at once; the reporters' contact details only when allowed. */
async function loadSignalParts(db: Db, id: string, mayContact: boolean) {
	const [events, reporters, joins, attachments, referrals, merged, messageReaches] = await Promise.all([
		db.selectFrom('signal_events').selectAll().where('signal_id', '=', id).orderBy('at').orderBy('id').execute(),
		mayContact
			? db.selectFrom('signal_reporters').selectAll().where('signal_id', '=', id).orderBy('created_at').orderBy('id').execute()
			: Promise.resolve(null),
		db
			.selectFrom('signal_reporters')
			.select(['id', 'created_at', 'description', 'anonymised_at'])
			.where('signal_id', '=', id)
			.where('is_original', '=', false)
			.orderBy('created_at')
			.orderBy('id')
			.execute(),
		db.selectFrom('signal_attachments').selectAll().where('signal_id', '=', id).orderBy('created_at').execute(),
		db
			.selectFrom('referrals as r')
			.innerJoin('organisations as o', 'o.id', 'r.to_organisation_id')
			.select(['r.id', 'r.to_organisation_id', 'o.name', 'r.status', 'r.note', 'r.response', 'r.deadline_at', 'r.created_at', 'r.responded_at'])
			.where('r.signal_id', '=', id)
			.orderBy('r.created_at')
			.execute(),
		db.selectFrom('signals').select(['id', 'reference']).where('merged_into_id', '=', id).execute(),
		messageReachOf(db, id)
	]);
	return { events, reporters, joins, attachments, referrals, merged, messageReaches };
}

/** The rows of loadSignalParts in the shape of StaffSignalView. */
function presentSignalParts(
	parts: Awaited<ReturnType<typeof loadSignalParts>>
): Pick<StaffSignalView, 'timeline' | 'reporters' | 'joins' | 'attachments' | 'referrals'> {
	const { events, reporters, joins, attachments, referrals } = parts;
	return {
		timeline: events.map((e) => ({
			at: e.at,
			kind: e.kind,
			actorLabel: e.actor_label,
			fromStatus: e.from_status,
			toStatus: e.to_status,
			body: e.body,
			visibility: e.visibility,
			data: e.data
		})),
		reporters:
			reporters?.map((r) => ({
				id: r.id,
				isOriginal: r.is_original,
				name: r.name,
				email: r.email,
				phone: r.phone,
				language: r.language,
				anonymised: !!r.anonymised_at
			})) ?? null,
		joins: joins.map((j) => ({ id: j.id, at: j.created_at, words: j.description, anonymised: !!j.anonymised_at })),
		attachments: attachments.map((a) => ({
			id: a.id,
			mediaType: a.media_type,
			width: a.width,
			height: a.height,
			isPublic: a.is_public,
			createdAt: a.created_at
		})),
		referrals: referrals.map((r) => ({
			id: r.id,
			toOrganisationId: r.to_organisation_id,
			toOrganisationName: r.name,
			status: r.status,
			note: r.note,
			response: r.response,
			deadlineAt: r.deadline_at,
			createdAt: r.created_at,
			respondedAt: r.responded_at
		}))
	};
}

/** Where addNote's message to the reporter arrives (handling.ts reachableReporters mails the signal's own reporters). */
async function messageReachOf(db: Db, signalId: string): Promise<StaffSignalView['messageReaches']> {
	const own = await db
		.selectFrom('signal_reporters')
		.select(['email', 'anonymised_at'])
		.where('signal_id', '=', signalId)
		.where('is_original', '=', true)
		.execute();
	if (own.some((r) => !!r.email && !r.anonymised_at)) return 'mail';
	return own.length > 0 ? 'tracking_page' : 'nobody';
}

export type TrackingView = {
	/**
	 * Whose page this is. 'reporter': who sent the signal, by their secret link: their words, photos, and the reasons and
	 * messages written to them. 'joined': a neighbour who said "me too": the signal's public summary and their own
	 * words. 'code': anyone with the code alone: the status and its dates.
	 */
	follower: 'reporter' | 'joined' | 'code';
	reference: string;
	kind: string;
	categoryName: string | null;
	categoryNameFr: string | null;
	categoryNameEn: string | null;
	/** The place as public as the area page shows it: the estate's name, else the area's; never an address or a point. */
	placeName: string | null;
	status: SignalStatus;
	statusReason: string | null;
	createdAt: string;
	/** Only the reporter's: their own words. */
	description: string | null;
	/** Only for a "me too": what the neighbour wrote themselves, and when. */
	ownWords: string | null;
	joinedAt: string | null;
	/** Messages, status steps and the follower's own replies (kind 'reply'; `notSolved` for a "this is not solved"). */
	events: Array<{ at: string; kind: string; toStatus: SignalStatus | null; body: string | null; notSolved?: boolean; withPhoto?: boolean }>;
	/** The reporter and a "me too" neighbour may write (replies.ts); who follows by code alone may not. */
	canReply: boolean;
	/** The followed signal is resolved (or just closed): "this is not solved" reopens it. */
	canSayNotSolved: boolean;
	photoIds: string[];
	reporterId: string | null;
	mergedIntoReference: string | null;
};

/** The resident's own view, by the secret in their tracking link: what they sent and what happened since. */
export async function trackByToken(db: Db, actor: Actor, token: string): Promise<TrackingView> {
	authorize(actor, 'track', 'signal');
	const reporterId = await reporterIdByToken(db, token);
	const reporter = reporterId
		? await db
				.selectFrom('signal_reporters')
				.select(['id', 'signal_id', 'is_original', 'description', 'created_at'])
				.where('id', '=', reporterId)
				.executeTakeFirst()
		: undefined;
	if (!reporter) throw new NotFound('signal');
	// A neighbour who joined reads the summary anyone may read, and their own words: not the reporter's words, photos
	// (they may show the inside of someone's home), nor what was written to the reporter.
	if (!reporter.is_original)
		return { ...(await trackingView(db, reporter.signal_id, reporter.id, 'joined')), ownWords: reporter.description, joinedAt: reporter.created_at };
	return trackingView(db, reporter.signal_id, reporter.id, 'reporter');
}

/** By the code alone (read over the phone, typed from a letter): the status and its dates, not the description. */
export async function trackByReference(db: Db, actor: Actor, code: string): Promise<TrackingView> {
	authorize(actor, 'track', 'signal');
	const reference = normaliseReference(code);
	const row = reference ? await db.selectFrom('signals').select('id').where('reference', '=', reference).executeTakeFirst() : undefined;
	if (!row) throw new NotFound('signal');
	return trackingView(db, row.id, null, 'code');
}

/**
 * One signal as a follower sees it. After a merge the signal's news comes from the one it joined; what was written to
 * that one's reporter (messages, status reasons, its words) stays with them: a reporter of the merged signal reads the
 * messages written to them before the merge, and the other's status changes without their reasons.
 */
async function trackingView(db: Db, signalId: string, reporterId: string | null, follower: TrackingView['follower'], now = new Date()): Promise<TrackingView> {
	const s = await trackedSignal(db, signalId);
	const own = follower === 'reporter';
	// After a merge the reporter follows the signal it joined.
	const followId = s.merged_id ?? s.id;
	const events = await db
		.selectFrom('signal_events')
		.select(['signal_id', 'at', 'kind', 'to_status', 'body', 'data'])
		.where('signal_id', 'in', [...new Set([s.id, followId])])
		.where('visibility', '=', 'reporter')
		.orderBy('at')
		.orderBy('id')
		.execute();
	// What was written to the reporter of this very signal: only they read it.
	const writtenToThem = (e: { signal_id: string }) => own && e.signal_id === s.id;
	const shown = events.filter((e) => {
		const reply = replyOf(e);
		if (reply) return !!reporterId && reply.reporterId === reporterId;
		return writtenToThem(e) || e.kind !== 'message';
	});
	const followed = s.merged_id ? { status: s.merged_status!, resolved_at: s.merged_resolved_at, closed_at: s.merged_closed_at } : s;
	const photos = own ? await publicPhotoIds(db, s.id) : [];
	return {
		follower,
		reference: s.reference,
		kind: s.kind,
		categoryName: s.is_help_request ? null : s.name,
		categoryNameFr: s.is_help_request ? null : s.name_fr,
		categoryNameEn: s.is_help_request ? null : s.name_en,
		placeName: s.is_help_request ? null : (s.estate_name ?? s.area_name),
		status: s.merged_status ?? s.status,
		statusReason: own && !s.merged_id ? s.status_reason : null,
		createdAt: s.created_at,
		description: own ? s.description : null,
		ownWords: null,
		joinedAt: null,
		events: shown.map((e) => {
			const reply = replyOf(e);
			if (reply) return { at: e.at, kind: e.kind, toStatus: null, body: e.body, notSolved: !!reply.notSolved, withPhoto: !!reply.attachmentId };
			return { at: e.at, kind: e.kind, toStatus: e.to_status, body: writtenToThem(e) ? e.body : null };
		}),
		canReply: follower !== 'code',
		canSayNotSolved: follower !== 'code' && maySayNotSolved(followed, now),
		photoIds: photos,
		reporterId,
		mergedIntoReference: s.merged_reference
	};
}

/** The followed signal with its category, place, and the signal it was merged into, if any. */
function trackedSignal(db: Db, signalId: string) {
	return db
		.selectFrom('signals as s')
		.leftJoin('signal_categories as c', 'c.id', 's.category_id')
		.leftJoin('signals as m', 'm.id', 's.merged_into_id')
		.leftJoin('estates as e', 'e.id', 's.estate_id')
		.leftJoin('areas as a', 'a.id', 's.area_id')
		.select([
			's.id',
			's.reference',
			's.kind',
			's.status',
			's.status_reason',
			's.created_at',
			's.description',
			's.is_help_request',
			's.resolved_at',
			's.closed_at',
			'c.name',
			'c.name_fr',
			'c.name_en',
			'm.reference as merged_reference',
			'm.id as merged_id',
			'm.status as merged_status',
			'm.resolved_at as merged_resolved_at',
			'm.closed_at as merged_closed_at',
			'e.name as estate_name',
			'a.name as area_name'
		])
		.where('s.id', '=', signalId)
		.executeTakeFirstOrThrow();
}

/** A resident's reply is read back by who wrote it alone: not the first reporter's by a neighbour, nor the other way. */
function replyOf(e: { kind: string; data: unknown }) {
	return e.kind === REPLY_EVENT ? ((e.data ?? {}) as { reporterId?: string; notSolved?: boolean; attachmentId?: string | null }) : null;
}

/** The ids of the signal's photos the reporter sees again, in the order they were added. */
async function publicPhotoIds(db: Db, signalId: string): Promise<string[]> {
	const photos = await db
		.selectFrom('signal_attachments')
		.select('id')
		.where('signal_id', '=', signalId)
		.where('is_public', '=', true)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return photos.map((p) => p.id);
}
