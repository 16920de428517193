import { describe, expect, it } from 'vitest';
import type { InboxItem } from '$core/signals';
import { presentInboxPage, presentInboxRow } from './signals';

const item = (change: Partial<InboxItem> = {}): InboxItem => ({
	id: 's1',
	reference: 'AB12-CD34',
	kind: 'home_repair',
	categoryName: null,
	status: 'accepted',
	priority: 'normal',
	isHelpRequest: false,
	summary: 'De verwarming blijft koud',
	areaName: 'Wevelgem',
	estateName: 'Wallaysplein',
	assigneeName: null,
	deadlineAt: null,
	createdAt: '2026-06-01T08:00:00.000Z',
	overdue: false,
	...change
});

describe('an inbox row as the page gets it', () => {
	it('names the place once when the estate and the area are called the same, and not at all when neither is known', () => {
		expect(presentInboxRow(item(), new Date()).place).toBe('Wallaysplein, Wevelgem');
		expect(presentInboxRow(item({ estateName: 'Wevelgem' }), new Date()).place).toBe('Wevelgem');
		expect(presentInboxRow(item({ estateName: null, areaName: null }), new Date()).place).toBe('');
	});

	it('says the deadline is today by the Brussels calendar, not by UTC', () => {
		// 23:30 UTC on 14 June is 01:30 on 15 June in Brussels (summer time).
		const now = new Date('2026-06-14T23:30:00.000Z');
		expect(presentInboxRow(item({ deadlineAt: '2026-06-15T10:00:00.000Z' }), now).dueToday).toBe(true);
		expect(presentInboxRow(item({ deadlineAt: '2026-06-14T10:00:00.000Z' }), now).dueToday).toBe(false);
		expect(presentInboxRow(item({ deadlineAt: null }), now).dueToday).toBe(false);
	});

	it('marks an overdue signal as overdue, never as due today', () => {
		const now = new Date('2026-06-15T12:00:00.000Z');
		const row = presentInboxRow(item({ deadlineAt: '2026-06-15T08:00:00.000Z', overdue: true }), now);
		expect(row).toMatchObject({ overdue: true, dueToday: false });
	});

	it('sends only the fields the list shows', () => {
		expect(Object.keys(presentInboxRow(item(), new Date())).sort()).toEqual(
			[
				'assigneeName',
				'categoryName',
				'deadlineAt',
				'dueToday',
				'id',
				'isHelpRequest',
				'kind',
				'overdue',
				'place',
				'priority',
				'reference',
				'status',
				'summary'
			].sort()
		);
	});

	it('counts the pages of the whole result, one page at least', () => {
		expect(presentInboxPage({ items: [item()], total: 101, page: 2, pageSize: 50 }, new Date())).toMatchObject({ total: 101, page: 2, pages: 3 });
		expect(presentInboxPage({ items: [], total: 0, page: 1, pageSize: 50 }, new Date()).pages).toBe(1);
	});
});
