// The resident answers back from their tracking page (/volgen/<token>): a message, with at most one photo, to the
// people who handle the signal; or "this is not solved" on a resolution, which reopens the signal as the "is it
// solved?" answer does (feedback.ts reopenByResident). The link is the key: who holds it writes as the reporter it
// belongs to — the first reporter, or a neighbour who said "me too" — and reads back only what they wrote themselves
// (queries.ts trackingView). A reply goes to the signal that is being handled: after a merge, the one it joined.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { audit, authorize, system, type Actor } from '../../access';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import type { Signal } from '../../db';
import { Conflict, NotFound } from '../../errors';
import { readImage, type ProcessedImage } from '../../files';
import type { FileStore } from '../../files';
import { enqueueMail } from '../../mail';
import { parseInput } from '../../validation';
import { reopenByResident } from './feedback';
import { FEEDBACK_DAYS, type HandlingOptions } from './handling';
import { takeSlot } from '../../limits';
import { handlerRecipients } from './recipients';
import { replyMail } from '../referrals/referral-mails';
import { addEvent } from './timeline';
import { reporterIdByToken } from '../intake/tracking-links';

export const REPLY_MAX_LENGTH = 2000;
export const replyInput = z.object({ body: z.string().trim().min(1).max(REPLY_MAX_LENGTH) });
export const notSolvedInput = z.object({ reason: z.string().trim().min(1).max(REPLY_MAX_LENGTH) });
export type ReplyInput = z.input<typeof replyInput> & { photo?: Uint8Array | null };
export type NotSolvedInput = z.input<typeof notSolvedInput>;

/** The tracking page's posts count against the same hourly limit per client as the report form. */
export type ReplyOptions = HandlingOptions & { clientKey: string; limitPerHour: number };
export type ReplyAnswer = { limited: true; retryAfter: number } | { limited: false; reopened: boolean };

/** The event a resident's words get on the timeline; `data.reporterId` says whose they are (only they read them back). */
export const REPLY_EVENT = 'reply' as const;

/** Who writes, by their link: the reporter (first or "me too"), the signal they follow and whether it is their own. */
async function writer(db: Db, token: string): Promise<{ reporterId: string; isOriginal: boolean; ownSignalId: string; signal: Signal }> {
	const reporterId = await reporterIdByToken(db, token);
	const reporter = reporterId
		? await db.selectFrom('signal_reporters').select(['id', 'signal_id', 'is_original']).where('id', '=', reporterId).executeTakeFirst()
		: undefined;
	if (!reporter) throw new NotFound('signal');
	const own = await db.selectFrom('signals').selectAll().where('id', '=', reporter.signal_id).executeTakeFirstOrThrow();
	const signal = own.merged_into_id ? await db.selectFrom('signals').selectAll().where('id', '=', own.merged_into_id).executeTakeFirstOrThrow() : own;
	return { reporterId: reporter.id, isOriginal: reporter.is_original, ownSignalId: own.id, signal };
}

/**
 * May a resident still say "this is not solved"? On a resolved signal, and on one closed within the days the "is it
 * solved?" question stays open after it (a "yes" closes it at once; the others may still disagree).
 */
export function maySayNotSolved(signal: Pick<Signal, 'status' | 'closed_at' | 'resolved_at'>, now = new Date()): boolean {
	if (signal.status === 'resolved') return true;
	return (
		signal.status === 'closed' &&
		!!signal.resolved_at &&
		!!signal.closed_at &&
		now.getTime() - new Date(signal.closed_at).getTime() <= FEEDBACK_DAYS * 86_400_000
	);
}

/** Counts the post against the client's hourly limit (a guessed link is counted too): null when allowed. */
async function limited(db: Db, options: ReplyOptions): Promise<ReplyAnswer | null> {
	const slot = await takeSlot(db, options.clientKey, { limit: options.limitPerHour, windowSeconds: 3600, now: options.now });
	return slot.allowed ? null : { limited: true, retryAfter: slot.retryAfter };
}

/**
 * The resident's message, and optionally one photo (checked and re-encoded as on the report form), on the timeline as
 * their reply; who handles the signal (the assignee, else the team, else the organisation) gets a mail.
 */
export async function postReply(db: Db, files: FileStore, actor: Actor, token: string, input: ReplyInput, options: ReplyOptions): Promise<ReplyAnswer> {
	authorize(actor, 'reply', 'signal');
	const v = parseInput(replyInput, { body: input.body });
	const refused = await limited(db, options);
	if (refused) return refused;
	const who = await writer(db, token);
	const photo = input.photo && input.photo.byteLength > 0 ? await readImage(input.photo, { field: 'photo' }) : null;
	const stored = photo ? await keepPhoto(files, who.signal.id, photo) : null;
	try {
		await inTransaction(db, async (tx) => {
			const { signal } = await writer(tx, token);
			const now = (options.now ?? new Date()).toISOString();
			let attachmentId: string | null = null;
			if (photo && stored) {
				attachmentId = newId();
				// The first reporter sees the photos of their own signal on their page; a neighbour's photo, or one sent to the
				// signal theirs was merged into, stays with staff (it may show the inside of someone's home).
				const isPublic = who.isOriginal && who.ownSignalId === signal.id;
				await tx
					.insertInto('signal_attachments')
					.values({
						id: attachmentId,
						signal_id: signal.id,
						file_key: stored.fileKey,
						thumbnail_key: stored.thumbnailKey,
						media_type: photo.mediaType,
						width: photo.width,
						height: photo.height,
						bytes: photo.bytes,
						sha256: photo.sha256,
						is_public: isPublic,
						uploaded_by: null,
						created_at: now
					})
					.execute();
			}
			await addEvent(tx, system('tracking'), signal.id, {
				kind: REPLY_EVENT,
				visibility: 'reporter',
				at: now,
				body: v.body,
				actorLabel: 'reporter',
				data: { reporterId: who.reporterId, joined: !who.isOriginal, attachmentId }
			});
			await tx.updateTable('signals').set({ updated_at: now }).where('id', '=', signal.id).execute();
			for (const r of await handlerRecipients(tx, signal)) {
				await enqueueMail(
					tx,
					replyMail({
						to: r.email,
						locale: r.locale,
						name: r.name,
						reference: signal.reference,
						message: v.body,
						joined: !who.isOriginal,
						withPhoto: !!attachmentId,
						link: `${options.baseUrl}/staff/signals/${signal.id}`
					})
				);
			}
			await audit(tx, system('tracking'), {
				action: 'signal_reply',
				resourceType: 'signal',
				resourceId: signal.id,
				summary: [who.isOriginal ? 'reporter' : 'me too', attachmentId ? 'with photo' : null].filter(Boolean).join(', ')
			});
		});
	} catch (err) {
		if (stored) for (const key of [stored.fileKey, stored.thumbnailKey]) await files.delete(key);
		throw err;
	}
	return { limited: false, reopened: false };
}

/**
 * "This is not solved", with the reason: on the resident's thread as their reply, and the signal reopens as the "is it
 * solved?" answer reopens it (reopenByResident: the same status step and the same mail to who handles it).
 */
export async function sayNotSolved(db: Db, actor: Actor, token: string, input: NotSolvedInput, options: ReplyOptions): Promise<ReplyAnswer> {
	authorize(actor, 'reply', 'signal');
	const v = parseInput(notSolvedInput, input);
	const refused = await limited(db, options);
	if (refused) return refused;
	const nowDate = options.now ?? new Date();
	return inTransaction(db, async (tx) => {
		const who = await writer(tx, token);
		if (!maySayNotSolved(who.signal, nowDate)) throw new Conflict('signal_not_resolved', 'Only a resolved signal can be said not to be solved');
		const now = nowDate.toISOString();
		await addEvent(tx, system('tracking'), who.signal.id, {
			kind: REPLY_EVENT,
			visibility: 'reporter',
			at: now,
			body: v.reason,
			actorLabel: 'reporter',
			data: { reporterId: who.reporterId, joined: !who.isOriginal, notSolved: true }
		});
		const reopened = await reopenByResident(tx, who.signal, v.reason, { ...options, now: nowDate, via: 'tracking_page' });
		await audit(tx, system('tracking'), {
			action: 'signal_feedback',
			resourceType: 'signal',
			resourceId: who.signal.id,
			summary: `not_solved on the tracking page${reopened ? ', reopened' : ''}`
		});
		return { limited: false, reopened };
	});
}

/** Stores the re-encoded photo and its thumbnail under a new random name: nothing a resident sends names a file. */
async function keepPhoto(files: FileStore, signalId: string, photo: ProcessedImage): Promise<{ fileKey: string; thumbnailKey: string }> {
	const ext = photo.mediaType === 'image/webp' ? 'webp' : 'jpg';
	const name = randomBytes(8).toString('hex');
	const fileKey = `replies/${signalId}/${name}.${ext}`;
	const thumbnailKey = `replies/${signalId}/${name}-thumb.${ext}`;
	await files.put(fileKey, photo.image, photo.mediaType);
	await files.put(thumbnailKey, photo.thumbnail, photo.mediaType);
	return { fileKey, thumbnailKey };
}
