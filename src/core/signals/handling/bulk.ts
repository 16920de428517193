// Bulk actions from the inbox: the same status change, assignee or category for several signals at once. All or
// nothing: one transaction, each signal through the ordinary handling function (policy, timeline, mails, audit), and
// a signal that cannot take the step stops the whole action with an error that names it.
import { z } from 'zod';
import { can, type Actor } from '../../access';
import { inTransaction, type Db } from '../../db';
import { DomainError, Forbidden, Invalid } from '../../errors';
import { checkbox, omittableId, omittableText, parseInput } from '../../validation';
import { assignSignal, changeStatus, setCategory, signalContext, type HandlingOptions } from './handling';
import { NEEDS_REASON, SIGNAL_STATUSES } from '../model';

/** More than a page of the inbox at once is a mistake, not a workflow. */
export const BULK_MAX = 200;

const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(64)).min(1).max(BULK_MAX));

export const bulkInput = z.discriminatedUnion('action', [
	z.object({
		action: z.literal('status'),
		ids,
		status: z.enum(SIGNAL_STATUSES),
		reason: omittableText(2000)
	}),
	/** An empty assignee takes the selected signals off everyone's name. */
	z.object({ action: z.literal('assign'), ids, assigneeId: omittableId }),
	z.object({
		action: z.literal('category'),
		ids,
		categoryId: z.string().trim().min(1).max(64),
		reroute: checkbox
	})
]);
export type BulkInput = z.input<typeof bulkInput>;

/** One signal of the selection could not take the step; nothing was changed. */
export class BulkRefused extends DomainError {
	constructor(code: 'bulk_forbidden' | 'bulk_refused' | 'bulk_not_found', status: number, reference: string, cause: DomainError) {
		super(code, status, `Signal ${reference}: ${cause.message}. Nothing was changed.`, { reference, cause: cause.code });
	}
}

export type BulkResult = { changed: number };

export async function bulkAction(db: Db, actor: Actor, input: BulkInput, options: HandlingOptions): Promise<BulkResult> {
	const raw = input as { ids?: unknown };
	if (raw.ids === undefined || (Array.isArray(raw.ids) && raw.ids.length === 0) || raw.ids === '')
		throw Invalid.field('ids', 'bulk_nothing_selected', 'Choose one or more signals first');
	const v = parseInput(bulkInput, input);
	// The reason rule of a single status change, checked once for the whole selection.
	if (v.action === 'status' && NEEDS_REASON.includes(v.status) && !v.reason)
		throw Invalid.field('reason', 'reason_required', 'Write the reason the reporters will read');
	const unique = [...new Set(v.ids)];
	return inTransaction(db, async (tx) => {
		for (const id of unique) {
			try {
				if (v.action === 'status') await changeStatus(tx, actor, id, { status: v.status, reason: v.reason }, options);
				else if (v.action === 'assign') await assignSignal(tx, actor, id, v.assigneeId ?? null, options);
				else await setCategory(tx, actor, id, v.categoryId, { ...options, reroute: v.reroute });
			} catch (err) {
				if (!(err instanceof DomainError)) throw err;
				const row = await tx
					.selectFrom('signals')
					.select(['id', 'reference', 'organisation_id', 'is_help_request', 'created_by', 'area_id'])
					.where('id', '=', id)
					.executeTakeFirst();
				if (!row) throw new BulkRefused('bulk_not_found', 404, id.slice(0, 13), err);
				// A signal the reader may not even read is named by the start of its id, not by its code.
				const reference = can(actor, 'read', 'signal', await signalContext(tx, row)) ? row.reference : id.slice(0, 13);
				throw new BulkRefused(err instanceof Forbidden ? 'bulk_forbidden' : 'bulk_refused', err.status, reference, err);
			}
		}
		return { changed: unique.length };
	});
}
