// How many signals each status tab of the inbox holds, for the same reader and filters as the inbox list: one grouped
// count over the same scope (queries.ts inboxSignals) instead of a query per tab.
import { authorize, isStaff, type Actor } from '../../access';
import type { Db } from '../../db';
import type { SignalStatus } from '../../db';
import { parseInput } from '../../validation';
import { inboxFilter, OPEN_STATUSES, SIGNAL_STATUSES, type InboxFilter } from '../model';
import { inboxSignals } from './queries';

export type StatusCounts = Record<SignalStatus | 'open' | 'all', number>;

/** Counts per status for the reader's inbox; the status filter itself is ignored (each tab is one status). */
export async function inboxStatusCounts(db: Db, actor: Actor, filter: InboxFilter = {}, now = new Date()): Promise<StatusCounts> {
	authorize(actor, 'list', 'signal');
	const counts = Object.fromEntries([...SIGNAL_STATUSES, 'open', 'all'].map((s) => [s, 0])) as StatusCounts;
	if (!isStaff(actor)) return counts;
	const f = parseInput(inboxFilter, filter);
	const rows = await inboxSignals(db, actor, f, now.toISOString(), null)
		.select(['w.status', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('w.status')
		.execute();
	for (const r of rows) {
		counts[r.status] = Number(r.n);
		counts.all += Number(r.n);
		if ((OPEN_STATUSES as readonly string[]).includes(r.status)) counts.open += Number(r.n);
	}
	return counts;
}
