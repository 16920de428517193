import { expect, it } from 'vitest';
import { describeOnDatabases } from '../db/testing';
import { enqueueMail, sweepOutbox, type Mail } from './outbox';

describeOnDatabases('the outbox', (ctx) => {
	it('two sweeps running at the same moment (two server processes) deliver every mail exactly once', async () => {
		for (let i = 0; i < 30; i++) await enqueueMail(ctx.db, { to: `bewoner${i}@example.be`, subject: `Buurtdrink ${i}`, text: 'Welkom op de buurtdrink.' });
		const delivered: string[] = [];
		const slowDeliver = async (_kind: string, payload: unknown) => {
			// Give the other sweep room to run while this one is busy, as a real SMTP round trip would.
			await new Promise((resolve) => setImmediate(resolve));
			delivered.push((payload as Mail).to);
		};
		const counts = await Promise.all([sweepOutbox(ctx.db, slowDeliver, 50), sweepOutbox(ctx.db, slowDeliver, 50), sweepOutbox(ctx.db, slowDeliver, 50)]);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
		expect(delivered).toHaveLength(30);
		expect(new Set(delivered).size).toBe(30);
		expect(await sweepOutbox(ctx.db, slowDeliver)).toBe(0);
	});

	it('a mail that fails is tried again later, not lost and not sent twice', async () => {
		await enqueueMail(ctx.db, { to: 'lien@ocmw.example', subject: 'Doorverwijzing', text: 'Er is een nieuwe doorverwijzing.' });
		const failing = async () => {
			throw new Error('mail server down');
		};
		expect(await sweepOutbox(ctx.db, failing)).toBe(0);
		const row = await ctx.db
			.selectFrom('outbox')
			.select(['attempts', 'available_at', 'done_at', 'last_error'])
			.where('done_at', 'is', null)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ attempts: 1, done_at: null, last_error: 'Error: mail server down' });
		expect(Date.parse(row.available_at)).toBeGreaterThan(Date.now());
		// Not due yet: the next sweep leaves it alone.
		const sent: unknown[] = [];
		expect(await sweepOutbox(ctx.db, async (_k, p) => void sent.push(p))).toBe(0);
		// Once due (a minute later), it goes out.
		await ctx.db
			.updateTable('outbox')
			.set({ available_at: new Date(Date.now() - 1000).toISOString() })
			.where('done_at', 'is', null)
			.execute();
		expect(await sweepOutbox(ctx.db, async (_k, p) => void sent.push(p))).toBe(1);
		expect(sent).toHaveLength(1);
	});
});
