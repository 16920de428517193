// The audit log: every read of an individual's record and every change to people's data, written in the same
// transaction as the action it records. No personal data in the summary: ids and field names only.
import { z } from 'zod';
import { newId, nowIso } from '../db';
import type { Db, TableRows } from '../db';
import type { AuditEntry } from '../db';
import { parseInput } from '../validation';
import { actorLabel, type Actor } from './actor';
import { authorize } from './policy';

export type AuditInput = { action: string; resourceType: string; resourceId?: string | null; summary?: string | null };

export async function audit(db: Db, actor: Actor, entry: AuditInput): Promise<void> {
	await db.insertInto('audit_log').values(auditRow(actor, entry)).execute();
}

/** The entry `audit` writes, for a caller that sends it with the other writes of its action (insertRows). */
export function auditInsert(actor: Actor, entry: AuditInput): TableRows {
	return { table: 'audit_log', rows: [auditRow(actor, entry)] };
}

function auditRow(actor: Actor, entry: AuditInput) {
	return {
		id: newId(),
		at: nowIso(),
		actor_id: actor.kind === 'staff' ? actor.id : null,
		actor_label: actorLabel(actor),
		organisation_id: actor.kind === 'staff' ? actor.organisationId : null,
		action: entry.action,
		resource_type: entry.resourceType,
		resource_id: entry.resourceId ?? null,
		summary: entry.summary ?? null,
		request_id: actor.requestId ?? null
	};
}

export const auditSearchSchema = z.object({
	actorId: z.uuid().optional(),
	resourceType: z.string().max(50).optional(),
	resourceId: z.uuid().optional(),
	action: z.string().max(50).optional(),
	from: z.iso.date().optional(),
	to: z.iso.date().optional(),
	before: z.string().max(40).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(100)
});
export type AuditSearch = z.input<typeof auditSearchSchema>;

/**
 * Newest first; `before` is the id of the last entry of the previous page (ids sort by time). A coordinator reviews
 * what her own organisation's staff did, not another organisation's; an admin, who runs the platform, sees it all.
 */
export async function searchAudit(db: Db, actor: Actor, input: AuditSearch): Promise<AuditEntry[]> {
	authorize(actor, 'search', 'audit');
	const q = parseInput(auditSearchSchema, input);
	let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
	if (actor.kind === 'staff' && actor.role !== 'admin') query = query.where('organisation_id', '=', actor.organisationId ?? '');
	if (q.actorId) query = query.where('actor_id', '=', q.actorId);
	if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
	if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
	if (q.action) query = query.where('action', '=', q.action);
	if (q.from) query = query.where('at', '>=', new Date(`${q.from}T00:00:00Z`).toISOString());
	if (q.to) query = query.where('at', '<', new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000).toISOString());
	if (q.before) query = query.where('id', '<', q.before);
	return query.execute();
}
