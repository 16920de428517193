// Someone scripts the public form to post hundreds of reports: after the hourly limit they are refused until the
// hour is over, while a neighbour on another address can still report; the count holds across server processes.
import { expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { intakeClientKey, takeSlot } from './windows';

describeOnDatabases('posts counted per client in fixed windows', (ctx) => {
	const options = { limit: 3, windowSeconds: 3600 };

	it('allows the limit, then refuses with the seconds until the hour is over', async () => {
		const key = intakeClientKey('203.0.113.7', new Date('2026-12-10T10:00:00Z'));
		const at = new Date('2026-12-10T10:15:00Z');
		const answers = [];
		for (let i = 0; i < 5; i++) answers.push(await takeSlot(ctx.db, key, { ...options, now: at }));
		expect(answers.map((a) => a.allowed)).toEqual([true, true, true, false, false]);
		expect(answers[3]).toEqual({ allowed: false, count: 4, retryAfter: 45 * 60 });

		// A neighbour behind another address is not affected.
		const neighbour = intakeClientKey('198.51.100.20', at);
		expect((await takeSlot(ctx.db, neighbour, { ...options, now: at })).allowed).toBe(true);

		// The next hour starts afresh, and the rows of the hour that ended are gone.
		const later = new Date('2026-12-10T11:00:01Z');
		expect(await takeSlot(ctx.db, key, { ...options, now: later })).toEqual({ allowed: true, count: 1 });
		const rows = await ctx.db.selectFrom('rate_limits').select(['key', 'window_start', 'count']).where('key', 'in', [key, neighbour]).execute();
		expect(rows).toEqual([{ key, window_start: '2026-12-10T11:00:00.000Z', count: 1 }]);
	});

	it('keeps no address: the key is a hash that changes every day', async () => {
		const monday = intakeClientKey('203.0.113.7', new Date('2026-12-07T08:00:00Z'));
		expect(monday).toMatch(/^intake:[0-9a-f]{32}$/);
		expect(monday).not.toContain('203.0.113.7');
		expect(intakeClientKey('203.0.113.7', new Date('2026-12-07T20:00:00Z'))).toBe(monday);
		expect(intakeClientKey('203.0.113.7', new Date('2026-12-08T08:00:00Z'))).not.toBe(monday);
	});

	it('counts every one of many posts arriving at once exactly once', async () => {
		const key = intakeClientKey('192.0.2.99');
		const at = new Date('2026-12-10T12:30:00Z');
		const answers = await Promise.all(Array.from({ length: 40 }, () => takeSlot(ctx.db, key, { limit: 25, windowSeconds: 3600, now: at })));
		expect(answers.map((a) => a.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		expect(answers.filter((a) => a.allowed)).toHaveLength(25);
	});
});
