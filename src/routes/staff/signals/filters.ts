// The inbox filters as they travel in the URL (a GET form, so a filtered view can be bookmarked and paging works
// without JavaScript). Anything a person can type into the address bar becomes a valid filter, never an error page.
import { SIGNAL_STATUSES } from '$core/signals/model';

export const STATUS_TABS = ['open', ...SIGNAL_STATUSES, 'all'] as const;
export type StatusTab = (typeof STATUS_TABS)[number];

export type InboxQuery = {
	status: StatusTab;
	category: string;
	area: string;
	team: string;
	overdue: boolean;
	mine: boolean;
	unassigned: boolean;
	reopened: boolean;
	replied: boolean;
	q: string;
	page: number;
};

const id = (v: string | null) => (v && /^[0-9a-zA-Z_-]{1,64}$/.test(v) ? v : '');
const flag = (v: string | null) => v === '1' || v === 'on' || v === 'true';

export function readInboxQuery(p: URLSearchParams): InboxQuery {
	const status = p.get('status') ?? 'open';
	const page = Number.parseInt(p.get('page') ?? '1', 10);
	return {
		status: (STATUS_TABS as readonly string[]).includes(status) ? (status as StatusTab) : 'open',
		category: id(p.get('category')),
		area: id(p.get('area')),
		team: id(p.get('team')),
		overdue: flag(p.get('overdue')),
		mine: flag(p.get('mine')),
		unassigned: flag(p.get('unassigned')),
		reopened: flag(p.get('reopened')),
		replied: flag(p.get('replied')),
		q: (p.get('q') ?? '').trim().slice(0, 100),
		page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1
	};
}

/** The query string of a filter, with one part changed (a status tab, another page). */
export function inboxHref(f: InboxQuery, change: Partial<InboxQuery> = {}): string {
	const v = { ...f, ...change };
	const q = new URLSearchParams();
	if (v.status !== 'open') q.set('status', v.status);
	if (v.category) q.set('category', v.category);
	if (v.area) q.set('area', v.area);
	if (v.team) q.set('team', v.team);
	if (v.overdue) q.set('overdue', '1');
	if (v.mine) q.set('mine', '1');
	if (v.unassigned) q.set('unassigned', '1');
	if (v.reopened) q.set('reopened', '1');
	if (v.replied) q.set('replied', '1');
	if (v.q) q.set('q', v.q);
	if (v.page > 1) q.set('page', String(v.page));
	const s = q.toString();
	return s ? `/staff/signals?${s}` : '/staff/signals';
}
