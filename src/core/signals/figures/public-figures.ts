// What residents see of the signals on their area's public page: how many came in over the last three months per
// kind, how many of those are solved and how many are still being handled, and how long solving took for the median
// signal, in working days. Counts only: no description, place, date or reporter of any one signal. Help requests are
// someone's own situation and are left out entirely, not even counted.
// Two queries over signals_area_created (area_id, created_at), however many neighbourhoods a municipality holds.
import { sql } from 'kysely';
import { authorize, type Actor } from '../../access';
import { areaAndBelow } from '../../areas';
import { hoursBetween } from '../../db';
import type { Db } from '../../db';
import type { SignalKind } from '../../db';
import { workingDaysBetween } from '../handling/deadlines';
import { IS_OPEN, SOLVED } from './figures';
import { SIGNAL_KINDS } from '../model';

/** How far back the public page looks. */
export const PUBLIC_FIGURE_MONTHS = 3;
/** The kinds the public page shows: every kind but the help request. */
export const PUBLIC_KINDS = SIGNAL_KINDS.filter((k) => k !== 'help') as Exclude<SignalKind, 'help'>[];

export type PublicKindFigures = { kind: Exclude<SignalKind, 'help'>; reported: number; solved: number; open: number };
export type PublicSignalFigures = {
	/** How many months back (PUBLIC_FIGURE_MONTHS), for the page's sentence. */
	months: number;
	/** The first day counted (YYYY-MM-DD, UTC) and the moment the figures were taken. */
	since: string;
	until: string;
	reported: number;
	solved: number;
	open: number;
	/** Per kind, in the order a resident picks them; a kind with no signal has zeros. */
	kinds: PublicKindFigures[];
	/** Working days (Belgian holidays excluded) from receipt to solution of the median solved signal; null when none. */
	medianWorkingDaysToSolve: number | null;
};

function monthsBefore(now: Date, months: number): Date {
	const d = new Date(now.getTime());
	d.setUTCMonth(d.getUTCMonth() - months);
	return d;
}

/**
 * The figures of an area and every area inside it, for anyone (no account needed); with `estateId`, only the signals
 * about that estate of the area (its public page).
 */
export async function publicSignalFigures(
	db: Db,
	actor: Actor,
	areaId: string,
	now = new Date(),
	options: { estateId?: string } = {}
): Promise<PublicSignalFigures> {
	authorize(actor, 'read-public', 'signal-figures');
	const since = monthsBefore(now, PUBLIC_FIGURE_MONTHS).toISOString();
	const until = now.toISOString();
	const areaIds = options.estateId ? [areaId] : await areaAndBelow(db, areaId);
	const scope = () =>
		db
			.selectFrom('signals as s')
			.where('s.area_id', 'in', areaIds)
			.$if(!!options.estateId, (q) => q.where('s.estate_id', '=', options.estateId!))
			.where('s.created_at', '>=', since)
			.where('s.created_at', '<=', until)
			.where('s.merged_into_id', 'is', null)
			.where('s.is_help_request', '=', false);

	const rows = await scope()
		.select([
			's.kind',
			sql<number>`count(*)`.as('reported'),
			sql<number>`coalesce(sum(case when ${SOLVED} then 1 else 0 end), 0)`.as('solved'),
			sql<number>`coalesce(sum(case when ${IS_OPEN} then 1 else 0 end), 0)`.as('open')
		])
		.groupBy('s.kind')
		.execute();
	const byKind = new Map(rows.map((r) => [r.kind, r]));
	const kinds = PUBLIC_KINDS.map((kind) => {
		const r = byKind.get(kind);
		return { kind, reported: Number(r?.reported ?? 0), solved: Number(r?.solved ?? 0), open: Number(r?.open ?? 0) };
	});
	const sum = (k: 'reported' | 'solved' | 'open') => kinds.reduce((n, x) => n + x[k], 0);
	const solved = sum('solved');

	// The median solved signal (the lower middle for an even count), as on the staff figures: its working days.
	let medianWorkingDaysToSolve: number | null = null;
	if (solved > 0) {
		const middle = await scope()
			.where(SOLVED)
			.select(['s.created_at', 's.resolved_at'])
			.orderBy(hoursBetween(db, 's.created_at', 's.resolved_at'))
			.orderBy('s.id')
			.limit(1)
			.offset(Math.floor((solved - 1) / 2))
			.executeTakeFirst();
		if (middle?.resolved_at) medianWorkingDaysToSolve = workingDaysBetween(new Date(middle.created_at), new Date(middle.resolved_at));
	}
	return {
		months: PUBLIC_FIGURE_MONTHS,
		since: since.slice(0, 10),
		until,
		reported: sum('reported'),
		solved,
		open: sum('open'),
		kinds,
		medianWorkingDaysToSolve
	};
}
