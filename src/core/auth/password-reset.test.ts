import { expect, it } from 'vitest';
import { anonymous } from '../access/actor';
import type { Db } from '../db/database';
import { describeOnDatabases } from '../db/testing';
import type { Mail } from '../mail/outbox';
import { buildStaff } from '../partners/factories';
import { describePasswordReset, requestPasswordReset, resetPassword } from './password-reset';
import { signIn } from './sign-in';
import { resolveSession } from './sessions';
import { Throttled } from './throttle';

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
		const row = await ctx.db
			.selectFrom('tokens')
			.select('expires_at')
			.where('user_id', '=', user.id)
			.where('kind', '=', 'password_reset')
			.executeTakeFirstOrThrow();
		expect(Date.parse(row.expires_at) - Date.now()).toBeLessThanOrEqual(3_600_000);
		// Two hours later:
		await ctx.db
			.updateTable('tokens')
			.set({ expires_at: new Date(Date.now() - 3_600_000).toISOString() })
			.where('user_id', '=', user.id)
			.execute();
		expect(await describePasswordReset(ctx.db, token)).toEqual({ problem: 'expired' });
		await expect(resetPassword(ctx.db, anonymous, { token, password: 'te-laat-wachtwoord' }, 14)).rejects.toMatchObject({ code: 'token_expired', status: 410 });
	});

	it('asks for a password of at least 10 characters', async () => {
		await buildStaff(ctx.db, { email: 'kort@example.be' });
		await requestPasswordReset(ctx.db, anonymous, { email: 'kort@example.be', baseUrl: BASE });
		const token = tokenIn((await outbox(ctx.db)).filter((m) => m.to === 'kort@example.be')[0]);
		await expect(resetPassword(ctx.db, anonymous, { token, password: '123456789' }, 14)).rejects.toMatchObject({
			issues: [{ path: 'password', code: 'too_small' }]
		});
		expect(await describePasswordReset(ctx.db, token)).toEqual({ email: 'kort@example.be' }); // still usable
	});

	it('three links an hour per email address, counted whether or not it has an account; the answer says how long to wait', async () => {
		await buildStaff(ctx.db, { email: 'ongeduldig@example.be' });
		const t0 = new Date(Date.now() + 3_600_000);
		const ask = (email: string, minutes: number, address: string) =>
			requestPasswordReset(ctx.db, anonymous, { email, baseUrl: BASE }, { clientAddress: address, now: new Date(t0.getTime() + minutes * 60_000) }).then(
				() => 'sent',
				(err) => (err instanceof Throttled ? `${err.rule.scope} ${err.reason} ${err.retryAfter}s` : Promise.reject(err))
			);
		const real = [
			await ask('ongeduldig@example.be', 0, '192.0.2.70'),
			await ask('ONGEDULDIG@example.be', 5, '192.0.2.71'),
			await ask('ongeduldig@example.be', 10, '192.0.2.72'),
			await ask('ongeduldig@example.be', 15, '192.0.2.73')
		];
		const madeUp = [
			await ask('niemand-hier@example.be', 0, '192.0.2.70'),
			await ask('niemand-hier@example.be', 5, '192.0.2.71'),
			await ask('niemand-hier@example.be', 10, '192.0.2.72'),
			await ask('niemand-hier@example.be', 15, '192.0.2.73')
		];
		expect(real).toEqual(['sent', 'sent', 'sent', 'account blocked 3600s']);
		expect(madeUp).toEqual(real);
		expect(await ask('ongeduldig@example.be', 76, '192.0.2.74')).toBe('sent'); // an hour after the refusal
	});

	it('one address asking links for many email addresses is stopped after twenty in an hour', async () => {
		const t0 = new Date(Date.now() + 7_200_000);
		const answers: string[] = [];
		for (let i = 0; i < 22; i++) {
			answers.push(
				await requestPasswordReset(
					ctx.db,
					anonymous,
					{ email: `lijst${i}@example.be`, baseUrl: BASE },
					{ clientAddress: '198.51.100.31', now: new Date(t0.getTime() + i * 1000) }
				).then(
					() => 'sent',
					(err) => (err instanceof Throttled ? `${err.rule.scope} ${err.reason}` : Promise.reject(err))
				)
			);
		}
		expect(answers).toEqual([...Array(20).fill('sent'), 'address blocked', 'address blocked']);
		// Another address is not held up.
		await expect(
			requestPasswordReset(ctx.db, anonymous, { email: 'lijst0@example.be', baseUrl: BASE }, { clientAddress: '198.51.100.32', now: t0 })
		).resolves.toBeUndefined();
	});

	it('made-up links tried from one address: thirty free, then waits, then a pause; a real link from elsewhere still works', async () => {
		await buildStaff(ctx.db, { email: 'echt@example.be' });
		await requestPasswordReset(ctx.db, anonymous, { email: 'echt@example.be', baseUrl: BASE });
		const token = tokenIn((await outbox(ctx.db)).filter((m) => m.to === 'echt@example.be')[0]);
		const scanner = { clientAddress: '203.0.113.50', now: new Date(Date.now() + 10_800_000) }; // all at one moment
		const tries: string[] = [];
		for (let i = 0; i < 50; i++) {
			const tried =
				i % 2 === 0
					? describePasswordReset(ctx.db, `verzonnen-link-${i}`, scanner)
					: resetPassword(ctx.db, anonymous, { token: `verzonnen-link-${i}`, password: 'een-lang-wachtwoord' }, 14, scanner);
			tries.push(
				await tried.then(
					(r) => ('problem' in (r as object) ? String((r as { problem: string }).problem) : 'ok'),
					(err) => (err instanceof Throttled ? `${err.reason}` : String((err as { code?: string }).code))
				)
			);
		}
		expect(tries.slice(0, 30)).toEqual(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 'invalid' : 'token_invalid')));
		expect(tries.slice(30, 49)).toEqual(Array(19).fill('wait'));
		expect(tries[49]).toBe('blocked');
		// The real link, from the scanner's address: refused unchecked. From the worker's own address: it works.
		await expect(describePasswordReset(ctx.db, token, scanner)).rejects.toBeInstanceOf(Throttled);
		expect(await describePasswordReset(ctx.db, token, { clientAddress: '192.0.2.80' })).toEqual({ email: 'echt@example.be' });
		await expect(resetPassword(ctx.db, anonymous, { token, password: 'een-nieuw-wachtwoord' }, 14, { clientAddress: '192.0.2.80' })).resolves.toMatchObject({
			token: expect.any(String)
		});
	});

	it('a worker opening her own link several times is never slowed down', async () => {
		await buildStaff(ctx.db, { email: 'herlaadt@example.be' });
		await requestPasswordReset(ctx.db, anonymous, { email: 'herlaadt@example.be', baseUrl: BASE });
		const token = tokenIn((await outbox(ctx.db)).filter((m) => m.to === 'herlaadt@example.be')[0]);
		for (let i = 0; i < 30; i++) expect(await describePasswordReset(ctx.db, token, { clientAddress: '192.0.2.81' })).toEqual({ email: 'herlaadt@example.be' });
		// A too-short password never reached the link: it does not count either.
		for (let i = 0; i < 30; i++)
			await expect(resetPassword(ctx.db, anonymous, { token, password: 'kort' }, 14, { clientAddress: '192.0.2.81' })).rejects.toMatchObject({
				code: 'invalid_input'
			});
		await expect(resetPassword(ctx.db, anonymous, { token, password: 'lang-genoeg-nu' }, 14, { clientAddress: '192.0.2.81' })).resolves.toBeTruthy();
	});
});
