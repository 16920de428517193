// A staff member's start page: what waits for them today, each as a count with the filtered inbox behind it. Every
// count is the total of that very list — the same scope (queries.ts inboxSignals: routed to the reader's
// organisation, registered by them, referred to it) under the same filters — so a worker of another institute counts
// nothing of ours, and the number on the start page is the number of rows the link opens.
import { authorize, can, isStaff, type Actor, type StaffActor } from '../../access';
import type { Db } from '../../db';
import type { SignalStatus } from '../../db';
import { listTeams } from '../../partners';
import { parseInput } from '../../validation';
import { inboxFilter, OPEN_STATUSES, type InboxFilter } from '../model';
import { inbox, inboxSignals, type InboxItem } from './queries';
import { waitingReferralCount } from '../referrals/referral-counts';

/** How many of "assigned to me" the page lists by name, the most urgent first. */
export const START_PAGE_MINE = 5;

export type TeamOverdue = { teamId: string; name: string; count: number };

export type StartPage =
	| {
			/** Staff who handle signals (coordinators, community workers, partner staff). */
			handlesSignals: true;
			/** Open and on my name; the first few of them. */
			assignedToMe: number;
			mine: InboxItem[];
			/** Past their deadline in the whole inbox, and per team: the teams I am in, or — a coordinator in none — every team of the organisation. */
			overdue: number;
			overdueByTeam: TeamOverdue[];
			/** New and on nobody's name. */
			newUnassigned: number;
			/** Referrals to my organisation waiting for its answer. */
			referralsWaiting: number;
			/** Still open after a reporter answered "not solved" to the "solved?" check. */
			reopened: number;
			/** Still open with a resident's reply that no colleague acted on yet. */
			replied: number;
	  }
	| { handlesSignals: false };

async function count(db: Db, actor: StaffActor, filter: InboxFilter, nowIso: string, statuses: readonly SignalStatus[]): Promise<number> {
	const f = parseInput(inboxFilter, filter);
	const row = await inboxSignals(db, actor, f, nowIso, statuses)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The teams whose overdue signals the reader follows. */
async function followedTeams(db: Db, actor: StaffActor): Promise<Array<{ id: string; name: string }>> {
	if (!actor.organisationId) return [];
	const teams = await listTeams(db, actor, actor.organisationId);
	if (actor.teamIds.length > 0) return teams.filter((t) => actor.teamIds.includes(t.id));
	return actor.role === 'coordinator' ? teams : [];
}

export async function startPage(db: Db, actor: Actor, now = new Date()): Promise<StartPage> {
	if (!isStaff(actor)) {
		authorize(actor, 'list', 'signal');
		return { handlesSignals: false };
	}
	// An admin sets the platform up; she reads no signals.
	if (!can(actor, 'list', 'signal')) return { handlesSignals: false };
	const nowIso = now.toISOString();
	const teams = await followedTeams(db, actor);
	const [assignedToMe, mine, overdue, newUnassigned, reopened, replied, referralsWaiting, ...teamCounts] = await Promise.all([
		count(db, actor, { mine: true }, nowIso, OPEN_STATUSES),
		inbox(db, actor, { mine: true, pageSize: 10 }, now),
		count(db, actor, { overdue: true }, nowIso, OPEN_STATUSES),
		count(db, actor, { unassigned: true }, nowIso, ['new']),
		count(db, actor, { reopened: true }, nowIso, OPEN_STATUSES),
		count(db, actor, { replied: true }, nowIso, OPEN_STATUSES),
		waitingReferralCount(db, actor),
		...teams.map((t) => count(db, actor, { overdue: true, teamId: t.id }, nowIso, OPEN_STATUSES))
	]);
	return {
		handlesSignals: true,
		assignedToMe,
		mine: mine.items.slice(0, START_PAGE_MINE),
		overdue,
		overdueByTeam: teams.map((t, k) => ({ teamId: t.id, name: t.name, count: teamCounts[k] })),
		newUnassigned,
		referralsWaiting,
		reopened,
		replied
	};
}
