// One-time secure links for a partner without an account (a contractor, a school): they see what they need of one
// signal — never the reporter's contact details, never the words of a help request — and answer on it. Only the
// sha256 of the link's secret is stored.
//
// "One-time" here means one link for one partner and one job: the partner may add a follow-up ("I come Tuesday",
// later "done") until they mark the job done, the link expires or staff revoke it. After "done" the page thanks
// them and takes no further answers. A strict single answer would force staff to send a new link for every
// "I'll come Tuesday", which is exactly the back-and-forth this link should save.
import { z } from 'zod';
import { audit, isStaff, system, type Actor } from '../../access';
import { hashToken, newToken, TokenRejected } from '../../auth';
import { organisationById } from '../../partners';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import type { PartnerLink } from '../../db';
import { DomainError, Forbidden, NotFound } from '../../errors';
import { enqueueMail } from '../../mail';
import { checkbox, emptyAsMissing, parseInput } from '../../validation';
import { loadForAction, type HandlingOptions } from '../handling/handling';
import { partnerLinkMail } from '../mails';
import { handlerRecipients } from '../handling/recipients';
import { partnerAnswerMail } from './referral-mails';
import { addEvent } from '../handling/timeline';

export const PARTNER_LINK_DAYS = 14;

export const partnerLinkInput = z.object({
	label: z.string().trim().min(2).max(120),
	email: z
		.string()
		.trim()
		.max(254)
		.optional()
		.transform((v) => (v ? v.toLowerCase() : undefined))
		.pipe(z.email().optional()),
	/** What the partner is asked: shown on their page. */
	message: z.string().trim().min(1).max(2000),
	language: z.enum(['nl', 'fr', 'en']).default('nl'),
	days: z.preprocess(emptyAsMissing, z.coerce.number().int().min(1).max(60).default(PARTNER_LINK_DAYS))
});
export type PartnerLinkInput = z.input<typeof partnerLinkInput>;

export const partnerAnswerInput = z.object({ message: z.string().trim().min(1).max(5000), done: checkbox });
export type PartnerAnswerInput = z.input<typeof partnerAnswerInput>;

/** A link staff revoked. */
export class LinkRevoked extends DomainError {
	constructor() {
		super('link_revoked', 410, 'This link was revoked');
	}
}
/** The partner said the job is done: the link takes no further answers. */
export class LinkDone extends DomainError {
	constructor() {
		super('link_done', 409, 'This link was answered as done already');
	}
}

type LinkEvent = { at: string; direction: 'to_partner' | 'from_partner'; body: string; done: boolean };

export async function createPartnerLink(
	db: Db,
	actor: Actor,
	signalId: string,
	input: PartnerLinkInput,
	options: HandlingOptions
): Promise<{ id: string; token: string; url: string; expiresAt: string }> {
	const v = parseInput(partnerLinkInput, input);
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	return inTransaction(db, async (tx) => {
		const { signal } = await loadForAction(tx, actor, signalId, 'handle');
		if (!isStaff(actor)) throw new Forbidden();
		const token = newToken();
		const row: PartnerLink = {
			id: newId(nowDate.getTime()),
			signal_id: signalId,
			label: v.label,
			email: v.email ?? null,
			token_hash: hashToken(token),
			created_by: actor.id,
			created_at: now,
			expires_at: new Date(nowDate.getTime() + v.days * 86_400_000).toISOString(),
			revoked_at: null,
			opened_at: null,
			answered_at: null
		};
		await tx.insertInto('partner_links').values(row).execute();
		await addEvent(tx, actor, signalId, {
			kind: 'link',
			visibility: 'internal',
			at: now,
			body: v.message,
			data: { linkId: row.id, label: v.label, direction: 'to_partner', action: 'created' }
		});
		const url = `${options.baseUrl}/partner/${token}`;
		if (v.email) {
			const from = (signal.organisation_id ? (await organisationById(tx, signal.organisation_id))?.name : null) ?? actor.name;
			await enqueueMail(tx, partnerLinkMail({ to: v.email, locale: v.language, label: v.label, reference: signal.reference, from, link: url, days: v.days }));
		}
		await audit(tx, actor, {
			action: 'partner_link_create',
			resourceType: 'signal',
			resourceId: signalId,
			summary: `link ${row.id}${v.email ? ' mailed' : ''}`
		});
		return { id: row.id, token, url, expiresAt: row.expires_at };
	});
}

export async function revokePartnerLink(db: Db, actor: Actor, linkId: string, options: { now?: Date } = {}): Promise<void> {
	const now = (options.now ?? new Date()).toISOString();
	await inTransaction(db, async (tx) => {
		const link = await tx.selectFrom('partner_links').selectAll().where('id', '=', linkId).executeTakeFirst();
		if (!link) throw new NotFound('partner_link', linkId);
		await loadForAction(tx, actor, link.signal_id, 'handle');
		if (link.revoked_at) return;
		await tx.updateTable('partner_links').set({ revoked_at: now }).where('id', '=', linkId).execute();
		await addEvent(tx, actor, link.signal_id, { kind: 'link', visibility: 'internal', at: now, data: { linkId, label: link.label, action: 'revoked' } });
		await audit(tx, actor, { action: 'partner_link_revoke', resourceType: 'signal', resourceId: link.signal_id, summary: `link ${linkId}` });
	});
}

export type PartnerLinkListItem = {
	id: string;
	label: string;
	email: string | null;
	createdAt: string;
	expiresAt: string;
	revokedAt: string | null;
	openedAt: string | null;
	answeredAt: string | null;
	state: 'open' | 'answered' | 'done' | 'expired' | 'revoked';
};

async function linkEvents(db: Db, signalId: string, linkId: string): Promise<LinkEvent[]> {
	const rows = await db
		.selectFrom('signal_events')
		.select(['at', 'body', 'data'])
		.where('signal_id', '=', signalId)
		.where('kind', '=', 'link')
		.orderBy('at')
		.orderBy('id')
		.execute();
	return rows
		.map((r) => ({ at: r.at, body: r.body, data: (r.data ?? {}) as { linkId?: string; direction?: string; done?: boolean } }))
		.filter((r) => r.data.linkId === linkId && !!r.body && (r.data.direction === 'to_partner' || r.data.direction === 'from_partner'))
		.map((r) => ({ at: r.at, direction: r.data.direction as LinkEvent['direction'], body: r.body!, done: !!r.data.done }));
}

/** The links of one signal for staff, with where each stands. */
export async function listPartnerLinks(db: Db, actor: Actor, signalId: string, now = new Date()): Promise<PartnerLinkListItem[]> {
	await loadForAction(db, actor, signalId, 'handle');
	const links = await db.selectFrom('partner_links').selectAll().where('signal_id', '=', signalId).orderBy('created_at', 'desc').execute();
	const doneIds = new Set(
		(await db.selectFrom('signal_events').select('data').where('signal_id', '=', signalId).where('kind', '=', 'link').execute())
			.map((e) => (e.data ?? {}) as { linkId?: string; done?: boolean })
			.filter((d) => d.done)
			.map((d) => d.linkId)
	);
	return links.map((l) => ({
		id: l.id,
		label: l.label,
		email: l.email,
		createdAt: l.created_at,
		expiresAt: l.expires_at,
		revokedAt: l.revoked_at,
		openedAt: l.opened_at,
		answeredAt: l.answered_at,
		state: l.revoked_at ? 'revoked' : doneIds.has(l.id) ? 'done' : l.expires_at <= now.toISOString() ? 'expired' : l.answered_at ? 'answered' : 'open'
	}));
}

export type PartnerView = {
	label: string;
	reference: string;
	kind: string;
	categoryName: string | null;
	estateName: string | null;
	buildingAddress: string | null;
	locationText: string | null;
	/** null for a help request: its words are the resident's own situation. */
	description: string | null;
	photoIds: string[];
	messages: LinkEvent[];
	expiresAt: string;
	done: boolean;
	canAnswer: boolean;
};

async function linkByToken(db: Db, token: string, now: Date): Promise<PartnerLink> {
	const link =
		typeof token === 'string' && token.length <= 200
			? await db.selectFrom('partner_links').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst()
			: undefined;
	if (!link) throw new TokenRejected('invalid');
	if (link.revoked_at) throw new LinkRevoked();
	if (link.expires_at <= now.toISOString()) throw new TokenRejected('expired');
	return link;
}

/** What the partner sees: the job, the place and the messages of this link. Never the reporter's contact details. */
export async function openPartnerLink(db: Db, token: string, options: { now?: Date } = {}): Promise<PartnerView> {
	const now = options.now ?? new Date();
	const link = await linkByToken(db, token, now);
	if (!link.opened_at)
		await db.updateTable('partner_links').set({ opened_at: now.toISOString() }).where('id', '=', link.id).where('opened_at', 'is', null).execute();
	const s = await db
		.selectFrom('signals as s')
		.leftJoin('signal_categories as c', 'c.id', 's.category_id')
		.leftJoin('estates as e', 'e.id', 's.estate_id')
		.leftJoin('buildings as b', 'b.id', 's.building_id')
		.select([
			's.reference',
			's.kind',
			's.is_help_request',
			's.description',
			's.location_text',
			'c.name as category_name',
			'e.name as estate_name',
			'b.street',
			'b.house_number',
			'b.postal_code'
		])
		.where('s.id', '=', link.signal_id)
		.executeTakeFirstOrThrow();
	const photos = s.is_help_request
		? []
		: await db
				.selectFrom('signal_attachments')
				.select('id')
				.where('signal_id', '=', link.signal_id)
				.where('is_public', '=', true)
				.orderBy('created_at')
				.execute();
	const messages = await linkEvents(db, link.signal_id, link.id);
	const done = messages.some((m) => m.done);
	return {
		label: link.label,
		reference: s.reference,
		kind: s.kind,
		categoryName: s.is_help_request ? null : s.category_name,
		estateName: s.estate_name,
		buildingAddress: s.street ? [`${s.street} ${s.house_number ?? ''}`.trim(), s.postal_code].filter(Boolean).join(', ') : null,
		locationText: s.location_text,
		description: s.is_help_request ? null : s.description,
		photoIds: photos.map((p) => p.id),
		messages,
		expiresAt: link.expires_at,
		done,
		canAnswer: !done
	};
}

/** The partner answers; who handles the signal gets a mail. Follow-ups are allowed until the partner says "done". */
export async function answerPartnerLink(db: Db, token: string, input: PartnerAnswerInput, options: HandlingOptions): Promise<{ done: boolean }> {
	const v = parseInput(partnerAnswerInput, input);
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	return inTransaction(db, async (tx) => {
		const link = await linkByToken(tx, token, nowDate);
		// Lock the link row so a double click does not write two "done" answers (SQLite has one writer anyway).
		await tx.updateTable('partner_links').set({ answered_at: now }).where('id', '=', link.id).execute();
		if ((await linkEvents(tx, link.signal_id, link.id)).some((m) => m.done)) throw new LinkDone();
		const actor = system('partner-link');
		await addEvent(tx, actor, link.signal_id, {
			kind: 'link',
			visibility: 'internal',
			at: now,
			body: v.message,
			actorLabel: link.label,
			data: { linkId: link.id, label: link.label, direction: 'from_partner', done: v.done }
		});
		const signal = await tx
			.selectFrom('signals')
			.select(['id', 'reference', 'assignee_id', 'organisation_id', 'team_id'])
			.where('id', '=', link.signal_id)
			.executeTakeFirstOrThrow();
		await tx.updateTable('signals').set({ updated_at: now }).where('id', '=', signal.id).execute();
		for (const r of await handlerRecipients(tx, signal)) {
			await enqueueMail(
				tx,
				partnerAnswerMail({
					to: r.email,
					locale: r.locale,
					name: r.name,
					reference: signal.reference,
					label: link.label,
					message: v.message,
					done: v.done,
					link: `${options.baseUrl}/staff/signals/${signal.id}`
				})
			);
		}
		await audit(tx, actor, {
			action: 'partner_link_answer',
			resourceType: 'signal',
			resourceId: signal.id,
			summary: `link ${link.id}${v.done ? ' done' : ''}`
		});
		return { done: v.done };
	});
}

/** A public photo of the signal behind a live partner link (never for a help request). */
export async function partnerPhoto(
	db: Db,
	token: string,
	photoId: string,
	options: { now?: Date } = {}
): Promise<{ fileKey: string; thumbnailKey: string | null; mediaType: string }> {
	const link = await linkByToken(db, token, options.now ?? new Date());
	const row = await db
		.selectFrom('signal_attachments as a')
		.innerJoin('signals as s', 's.id', 'a.signal_id')
		.select(['a.file_key', 'a.thumbnail_key', 'a.media_type'])
		.where('a.id', '=', photoId.slice(0, 64))
		.where('a.signal_id', '=', link.signal_id)
		.where('a.is_public', '=', true)
		.where('s.is_help_request', '=', false)
		.executeTakeFirst();
	if (!row) throw new NotFound('photo');
	return { fileKey: row.file_key, thumbnailKey: row.thumbnail_key, mediaType: row.media_type };
}
