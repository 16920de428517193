import { describe, expect, it } from 'vitest';
import { readableSummary } from './audit-summary';

describe('an audit summary as a coordinator reads it', () => {
	it('spells stored codes as words and dates in the reader’s language', () => {
		expect(readableSummary('web common_spaces with contact details', 'nl')).toBe('web common spaces with contact details');
		expect(readableSummary('in_progress → not_our_task', 'en')).toBe('in progress → not our task');
		expect(readableSummary('2026-11-05: 20 overdue, 0 escalated', 'nl')).toBe('5 nov 2026: 20 overdue, 0 escalated');
		expect(readableSummary('3 coordinators, deadline 2026-12-04T16:00:00.000Z', 'fr')).toBe('3 coordinators, deadline 4/12/26 17:00');
	});

	it('leaves ids and plain words alone', () => {
		expect(readableSummary('referral 0193a4b2-7c1d-7e5f-8a9b-0c1d2e3f4a5b to 0193a4b2-7c1d-7e5f-8a9b-0c1d2e3f4a5c', 'nl')).toBe(
			'referral 0193a4b2-7c1d-7e5f-8a9b-0c1d2e3f4a5b to 0193a4b2-7c1d-7e5f-8a9b-0c1d2e3f4a5c'
		);
		expect(readableSummary('closed with an outcome', 'en')).toBe('closed with an outcome');
	});
});
