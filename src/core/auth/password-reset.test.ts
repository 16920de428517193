import { expect, it } from 'vitest';
import { anonymous } from '../access/actor';
import type { Db } from '../db/database';
import { describeOnDatabases } from '../db/testing';
import type { Mail } from '../mail/outbox';
import { buildStaff } from '../partners/factories';
import { describePasswordReset, requestPasswordReset, resetPassword } from './password-reset';
import { signIn } from './service';
import { resolveSession } from './sessions';

const BASE = 'http://localhost:3000';

async function outbox(db: Db): Promise<Mail[]> {
	const rows = await db.selectFrom('outbox').select('payload').orderBy('id').execute();
	return rows.map((r) => r.payload as Mail);
}
const tokenIn = (mail: Mail) => mail.text.match(/\/password\/reset\/([\w-]+)/)?.[1] ?? '';

describeOnDatabases('forgotten passwords', (ctx) => {
	it('Sara forgets her password, chooses a new one, and her session on the office laptop ends', async () => {
		await buildStaff(ctx.db, { email: 'sara@example.be', name: 'Sara', locale: 'en', password: 'het-oude-wachtwoord' });
		const laptop = await signIn(ctx.db, { email: 'sara@example.be', password: 'het-oude-wachtwoord' }, 14);

		await requestPasswordReset(ctx.db, anonymous, { email: ' SARA@example.be', baseUrl: BASE });
		await requestPasswordReset(ctx.db, anonymous, { email: 'sara@example.be', baseUrl: BASE }); // an impatient second click
		const mails = await outbox(ctx.db);
		expect(mails).toHaveLength(1); // one mail a minute at most
		const [mail] = mails;
		expect(mail).toMatchObject({ to: 'sara@example.be', subject: 'Choose a new password for Leefbaar' });
		expect(mail.text).toContain('60 minutes');
		const token = tokenIn(mail);
		expect(await describePasswordReset(ctx.db, token)).toEqual({ email: 'sara@example.be' });

		const phone = await resetPassword(ctx.db, anonymous, { token, password: 'een-nieuw-wachtwoord' }, 14);
		expect(await resolveSession(ctx.db, laptop.token, 14)).toBeNull();
		expect(await resolveSession(ctx.db, phone.token, 14)).not.toBeNull();
		await expect(signIn(ctx.db, { email: 'sara@example.be', password: 'het-oude-wachtwoord' }, 14)).rejects.toMatchObject({ code: 'wrong_credentials' });
		await expect(signIn(ctx.db, { email: 'sara@example.be', password: 'een-nieuw-wachtwoord' }, 14)).resolves.toBeTruthy();

		await expect(resetPassword(ctx.db, anonymous, { token, password: 'nog-een-wachtwoord' }, 14)).rejects.toMatchObject({ code: 'token_used' });
	});

	it('gives the same answer for an unknown address and sends nothing', async () => {
		const before = (await outbox(ctx.db)).length;
		await expect(requestPasswordReset(ctx.db, anonymous, { email: 'niemand@example.be', baseUrl: BASE })).resolves.toBeUndefined();
		expect((await outbox(ctx.db)).length).toBe(before);
	});

	it('a reset link works for one hour', async () => {
		const { user } = await buildStaff(ctx.db, { email: 'pieter@example.be' });
		await requestPasswordReset(ctx.db, anonymous, { email: 'pieter@example.be', baseUrl: BASE });
		const token = tokenIn((await outbox(ctx.db)).filter((m) => m.to === 'pieter@example.be')[0]);
		const row = await ctx.db.selectFrom('tokens').select('expires_at').where('user_id', '=', user.id).where('kind', '=', 'password_reset').executeTakeFirstOrThrow();
		expect(Date.parse(row.expires_at) - Date.now()).toBeLessThanOrEqual(3_600_000);
		// Two hours later:
		await ctx.db.updateTable('tokens').set({ expires_at: new Date(Date.now() - 3_600_000).toISOString() }).where('user_id', '=', user.id).execute();
		expect(await describePasswordReset(ctx.db, token)).toEqual({ problem: 'expired' });
		await expect(resetPassword(ctx.db, anonymous, { token, password: 'te-laat-wachtwoord' }, 14)).rejects.toMatchObject({ code: 'token_expired', status: 410 });
	});

	it('asks for a password of at least 10 characters', async () => {
		await buildStaff(ctx.db, { email: 'kort@example.be' });
		await requestPasswordReset(ctx.db, anonymous, { email: 'kort@example.be', baseUrl: BASE });
		const token = tokenIn((await outbox(ctx.db)).filter((m) => m.to === 'kort@example.be')[0]);
		await expect(resetPassword(ctx.db, anonymous, { token, password: '123456789' }, 14)).rejects.toMatchObject({ issues: [{ path: 'password', code: 'too_small' }] });
		expect(await describePasswordReset(ctx.db, token)).toEqual({ email: 'kort@example.be' }); // still usable
	});
});
