import { expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { clearAttempts, countAttempt, forgiveAttempt, THROTTLES, throttleKey, waitAfter, type AttemptAnswer } from './throttle';

const rule = THROTTLES.signInAccount;
const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

describeOnDatabases('throttles', (ctx) => {
	it('five free attempts, then waits of 2, 4, 8 … seconds, then a 15-minute block that ends by itself', async () => {
		const t0 = new Date('2026-12-07T09:00:00Z');
		const who = 'sara@example.be';
		for (let i = 0; i < 5; i++) expect(await countAttempt(ctx.db, rule, who, at(t0, i))).toEqual({ allowed: true });
		// Sixth, one second after the fifth: inside the 2-second wait, refused, and it counts (the next wait is 4 s).
		expect(await countAttempt(ctx.db, rule, who, at(t0, 5))).toEqual({ allowed: false, reason: 'wait', retryAfter: 4, blockStarted: false });
		// Waiting as told lets the next attempt through; the one after must wait 8 s.
		expect(await countAttempt(ctx.db, rule, who, at(t0, 9))).toEqual({ allowed: true });
		expect(await countAttempt(ctx.db, rule, who, at(t0, 10))).toEqual({ allowed: false, reason: 'wait', retryAfter: 16, blockStarted: false });
		expect(await countAttempt(ctx.db, rule, who, at(t0, 26))).toEqual({ allowed: true });
		// The tenth attempt starts the block: once.
		expect(await countAttempt(ctx.db, rule, who, at(t0, 27))).toEqual({ allowed: false, reason: 'blocked', retryAfter: 900, blockStarted: true });
		expect(await countAttempt(ctx.db, rule, who, at(t0, 87))).toEqual({ allowed: false, reason: 'blocked', retryAfter: 840, blockStarted: false });
		// Attempts during the block do not make it longer.
		expect(await countAttempt(ctx.db, rule, who, at(t0, 27 + 899))).toEqual({ allowed: false, reason: 'blocked', retryAfter: 1, blockStarted: false });
		// After the block: a fresh start.
		for (let i = 0; i < 5; i++) expect(await countAttempt(ctx.db, rule, who, at(t0, 27 + 900 + i))).toEqual({ allowed: true });
		expect((await countAttempt(ctx.db, rule, who, at(t0, 27 + 900 + 5))).allowed).toBe(false);
	});

	it('forgets mistakes after 15 quiet minutes, and an email counts the same however it is typed', async () => {
		const t0 = new Date('2026-12-07T10:00:00Z');
		for (let i = 0; i < 5; i++) await countAttempt(ctx.db, rule, 'Pieter@Example.be ', at(t0, i));
		expect((await countAttempt(ctx.db, rule, 'pieter@example.be', at(t0, 5))).allowed).toBe(false);
		expect(await countAttempt(ctx.db, rule, 'pieter@example.be', at(t0, 5 + 15 * 60 + 1))).toEqual({ allowed: true });
	});

	it('a correct password clears the count; an attempt taken back does not count', async () => {
		const t0 = new Date('2026-12-07T11:00:00Z');
		for (let i = 0; i < 5; i++) await countAttempt(ctx.db, rule, 'an@example.be', at(t0, i));
		await clearAttempts(ctx.db, rule, 'an@example.be');
		for (let i = 0; i < 5; i++) expect(await countAttempt(ctx.db, rule, 'an@example.be', at(t0, 10 + i))).toEqual({ allowed: true });

		const office = THROTTLES.signInAddress;
		for (let i = 0; i < 100; i++) {
			expect(await countAttempt(ctx.db, office, '192.0.2.10', at(t0, i))).toEqual({ allowed: true });
			await forgiveAttempt(ctx.db, office, '192.0.2.10');
		}
	});

	it('of 30 attempts at the same moment, five are checked and one starts the block', async () => {
		const now = new Date('2026-12-07T12:00:00Z');
		const answers: AttemptAnswer[] = await Promise.all(Array.from({ length: 30 }, () => countAttempt(ctx.db, rule, 'tegelijk@example.be', now)));
		expect(answers.filter((a) => a.allowed)).toHaveLength(5);
		expect(answers.filter((a) => !a.allowed && a.blockStarted)).toHaveLength(1);
		expect(answers.filter((a) => !a.allowed && a.reason === 'blocked')).toHaveLength(30 - 5 - 4);
	});

	it('keeps only hashes, and forgets them an hour after the last failure', async () => {
		const t0 = new Date('2026-12-07T13:00:00Z');
		await countAttempt(ctx.db, THROTTLES.signInAddress, '198.51.100.23', t0);
		const rows = await ctx.db.selectFrom('auth_throttles').select('key').execute();
		expect(rows.map((r) => r.key)).toContain(throttleKey(THROTTLES.signInAddress, '198.51.100.23'));
		expect(JSON.stringify(rows)).not.toContain('198.51.100.23');
		expect(JSON.stringify(rows)).not.toContain('sara@example.be');
		// A new count an hour later clears the rows nobody failed on since.
		await countAttempt(ctx.db, THROTTLES.signInAddress, '198.51.100.24', at(t0, 3601));
		const left = await ctx.db.selectFrom('auth_throttles').select('key').execute();
		expect(left.map((r) => r.key)).not.toContain(throttleKey(THROTTLES.signInAddress, '198.51.100.23'));
		expect(left.map((r) => r.key)).toContain(throttleKey(THROTTLES.signInAddress, '198.51.100.24'));
	});

	it('waits grow from 2 seconds and stay under a minute', () => {
		expect([4, 5, 6, 7, 8, 9].map((n) => waitAfter(rule, n))).toEqual([0, 2000, 4000, 8000, 16000, 32000]);
		expect(waitAfter(THROTTLES.signInAddress, 29)).toBe(60_000);
	});
});
