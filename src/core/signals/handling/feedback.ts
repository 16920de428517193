// "Is it solved?": the one question mailed to each reporter at resolution (handling.ts sendFeedbackCheck), open for
// 14 days. "No" reopens the signal and tells who handles it; when every answer says "yes", the signal is closed.
// Answering is idempotent: a second click shows the first answer. Opening the link changes nothing (mail
// scanners follow links): only the confirming POST answers.
import { z } from 'zod';
import { audit, system } from '../../access';
import { hashToken, TokenRejected } from '../../auth';
import { inTransaction, type Db } from '../../db';
import { enqueueMail } from '../../mail';
import { omittableText, parseInput } from '../../validation';
import type { HandlingOptions } from './handling';
import { canMove } from '../model';
import { handlerRecipients } from './recipients';
import { reopenedMail } from '../referrals/referral-mails';
import { addEvent } from './timeline';
import type { Signal } from '../../db';

export const FEEDBACK_ANSWERS = ['solved', 'not_solved'] as const;
export type FeedbackAnswer = (typeof FEEDBACK_ANSWERS)[number];

export const feedbackInput = z.object({
	answer: z.enum(FEEDBACK_ANSWERS),
	comment: omittableText(2000)
});
export type FeedbackInput = z.input<typeof feedbackInput>;

/** The words in the mailed links (?antwoord=ja|nee) as answers; anything else chooses nothing. */
export function answerFromLink(value: string | null | undefined): FeedbackAnswer | null {
	const v = (value ?? '').trim().toLowerCase();
	if (['ja', 'yes', 'oui', 'solved'].includes(v)) return 'solved';
	if (['nee', 'no', 'non', 'not_solved'].includes(v)) return 'not_solved';
	return null;
}

export type FeedbackView = {
	reference: string;
	/** The reporter's language: the page speaks it. */
	language: string;
	answer: FeedbackAnswer | null;
	answeredAt: string | null;
	comment: string | null;
	expiresAt: string;
	expired: boolean;
};

async function byToken(db: Db, token: string) {
	const row =
		typeof token === 'string' && token.length <= 200
			? await db
					.selectFrom('signal_feedback as f')
					.innerJoin('signals as s', 's.id', 'f.signal_id')
					.innerJoin('signal_reporters as r', 'r.id', 'f.reporter_id')
					.select(['f.id', 'f.signal_id', 'f.expires_at', 'f.answer', 'f.answered_at', 'f.comment', 's.reference', 'r.language'])
					.where('f.token_hash', '=', hashToken(token))
					.executeTakeFirst()
			: undefined;
	if (!row) throw new TokenRejected('invalid');
	return row;
}

/** What the page shows; reading changes nothing. */
export async function feedbackView(db: Db, token: string, now = new Date()): Promise<FeedbackView> {
	const f = await byToken(db, token);
	return {
		reference: f.reference,
		language: f.language,
		answer: f.answer,
		answeredAt: f.answered_at,
		comment: f.comment,
		expiresAt: f.expires_at,
		expired: !f.answer && f.expires_at <= now.toISOString()
	};
}

export async function answerFeedback(
	db: Db,
	token: string,
	input: FeedbackInput,
	options: HandlingOptions
): Promise<FeedbackView & { first: boolean; reopened: boolean; closed: boolean }> {
	const v = parseInput(feedbackInput, input);
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	return inTransaction(db, async (tx) => {
		const f = await byToken(tx, token);
		// Only the first answer counts; a second click (or a second device) sees it.
		const claimed = await tx
			.updateTable('signal_feedback')
			.set({ answer: v.answer, comment: v.comment ?? null, answered_at: now })
			.where('id', '=', f.id)
			.where('answered_at', 'is', null)
			.where('expires_at', '>', now)
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) === 0) {
			const current = await feedbackView(tx, token, nowDate);
			if (current.answer) return { ...current, first: false, reopened: false, closed: false };
			throw new TokenRejected('expired');
		}
		const actor = system('feedback');
		const signal = await tx.selectFrom('signals').selectAll().where('id', '=', f.signal_id).executeTakeFirstOrThrow();
		await addEvent(tx, actor, signal.id, {
			kind: 'feedback',
			visibility: 'internal',
			at: now,
			body: v.comment ?? null,
			actorLabel: 'reporter',
			data: { feedbackId: f.id, answer: v.answer }
		});
		let reopened = false;
		let closed = false;
		if (v.answer === 'not_solved') {
			reopened = await reopenByResident(tx, signal, v.comment, { ...options, now: nowDate, via: 'feedback' });
		} else if (v.answer === 'solved' && signal.status === 'resolved') {
			// Close when every answer so far says solved (reporters who did not answer do not hold it open).
			const answers = await tx.selectFrom('signal_feedback').select('answer').where('signal_id', '=', signal.id).where('answer', 'is not', null).execute();
			if (answers.every((a) => a.answer === 'solved') && canMove('resolved', 'closed')) {
				await tx.updateTable('signals').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', signal.id).execute();
				await addEvent(tx, actor, signal.id, {
					kind: 'status',
					visibility: 'reporter',
					at: now,
					fromStatus: 'resolved',
					toStatus: 'closed',
					actorLabel: 'reporter',
					data: { byFeedback: true }
				});
				closed = true;
			}
		}
		await audit(tx, actor, {
			action: 'signal_feedback',
			resourceType: 'signal',
			resourceId: signal.id,
			summary: `${v.answer}${reopened ? ', reopened' : ''}${closed ? ', closed' : ''}`
		});
		return {
			reference: f.reference,
			language: f.language,
			answer: v.answer,
			answeredAt: now,
			comment: v.comment ?? null,
			expiresAt: f.expires_at,
			expired: false,
			first: true,
			reopened,
			closed
		};
	});
}

/** How a resident said "not solved": the answer to the mailed question, or the form on their tracking page. */
export type ReopenVia = 'feedback' | 'tracking_page';

/**
 * A resident says a resolution is not right: the signal is open again (accepted, its resolution and closing undone),
 * the step is on the timeline for everyone who follows it, and who handles it hears by mail, with the resident's words.
 * The one way a resident reopens a signal: the "is it solved?" answer and the tracking page's "this is not solved"
 * (replies.ts) both come here. Only a resolved or closed signal reopens; false when nothing changed.
 */
export async function reopenByResident(
	tx: Db,
	signal: Signal,
	reason: string | null | undefined,
	options: HandlingOptions & { via: ReopenVia }
): Promise<boolean> {
	if (!(signal.status === 'resolved' || signal.status === 'closed') || !canMove(signal.status, 'accepted')) return false;
	const now = (options.now ?? new Date()).toISOString();
	await tx
		.updateTable('signals')
		.set({ status: 'accepted', status_reason: null, resolved_at: null, closed_at: null, updated_at: now })
		.where('id', '=', signal.id)
		.execute();
	// byFeedback: the resident's answer reopened it, whichever way they gave it; `via` says which.
	await addEvent(tx, system('feedback'), signal.id, {
		kind: 'status',
		visibility: 'reporter',
		at: now,
		fromStatus: signal.status,
		toStatus: 'accepted',
		actorLabel: 'reporter',
		data: { reopened: true, byFeedback: true, via: options.via }
	});
	for (const r of await handlerRecipients(tx, signal)) {
		await enqueueMail(
			tx,
			reopenedMail({
				to: r.email,
				locale: r.locale,
				name: r.name,
				reference: signal.reference,
				comment: reason,
				link: `${options.baseUrl}/staff/signals/${signal.id}`
			})
		);
	}
	return true;
}
