// How many signals each status tab of the inbox holds, for the same reader and filters as the inbox list (queries.ts
// inbox): one grouped count instead of a query per tab.
import { sql, type SqlBool } from 'kysely';
import { authorize, isStaff, type Actor } from '../access';
import type { Db } from '../db/database';
import type { SignalStatus } from '../db/schema';
import { parseInput } from '../validation';
import { normaliseReference } from './intake';
import { inboxFilter, OPEN_STATUSES, SIGNAL_STATUSES, type InboxFilter } from './model';

export type StatusCounts = Record<SignalStatus | 'open' | 'all', number>;

/** Counts per status for the reader's inbox; the status filter itself is ignored (each tab is one status). */
export async function inboxStatusCounts(db: Db, actor: Actor, filter: InboxFilter = {}, now = new Date()): Promise<StatusCounts> {
	authorize(actor, 'list', 'signal');
	const counts = Object.fromEntries([...SIGNAL_STATUSES, 'open', 'all'].map((s) => [s, 0])) as StatusCounts;
	if (!isStaff(actor)) return counts;
	const f = parseInput(inboxFilter, filter);
	const org = actor.organisationId ?? '';
	// The same reach as the inbox: routed to the reader's organisation, referred to it, or registered by the reader.
	let q = db
		.selectFrom('signals as s')
		.where((eb) =>
			eb.or([
				eb('s.organisation_id', '=', org),
				eb('s.created_by', '=', actor.id),
				eb.exists(eb.selectFrom('referrals as rf').select('rf.id').whereRef('rf.signal_id', '=', 's.id').where('rf.to_organisation_id', '=', org).where('rf.status', 'in', ['pending', 'accepted']))
			])
		)
		.where('s.merged_into_id', 'is', null);
	if (f.categoryId) q = q.where('s.category_id', '=', f.categoryId);
	if (f.areaId) q = q.where('s.area_id', '=', f.areaId);
	if (f.teamId) q = q.where('s.team_id', '=', f.teamId);
	if (f.overdue) q = q.where('s.deadline_at', '<', now.toISOString()).where('s.status', 'in', [...OPEN_STATUSES]);
	if (f.mine) q = q.where('s.assignee_id', '=', actor.id);
	if (f.q) {
		const ref = normaliseReference(f.q);
		q = ref ? q.where('s.reference', '=', ref) : q.where(sql<SqlBool>`lower(s.description) like ${`%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`).where('s.is_help_request', '=', false);
	}
	const rows = await q.select(['s.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('s.status').execute();
	for (const r of rows) {
		counts[r.status] = Number(r.n);
		counts.all += Number(r.n);
		if ((OPEN_STATUSES as readonly string[]).includes(r.status)) counts.open += Number(r.n);
	}
	return counts;
}
