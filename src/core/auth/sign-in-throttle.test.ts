import { expect, it } from 'vitest';
import { anonymous } from '../access/actor';
import type { Db } from '../db/database';
import { describeOnDatabases } from '../db/testing';
import type { Mail } from '../mail/outbox';
import { buildStaff } from '../partners/factories';
import { requestPasswordReset, resetPassword } from './password-reset';
import { signIn, WrongCredentials } from './sign-in';
import { Throttled } from './throttle';

const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

async function mailsTo(db: Db, to: string): Promise<Mail[]> {
	const rows = await db.selectFrom('outbox').select('payload').where('kind', '=', 'mail').orderBy('id').execute();
	return rows.map((r) => r.payload as Mail).filter((m) => m.to === to);
}

/** What a sign-in answered, as the login page would tell it. */
async function answer(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'signed in';
	} catch (err) {
		if (err instanceof WrongCredentials) return 'wrong';
		if (err instanceof Throttled) return `${err.rule.scope} ${err.reason} ${err.retryAfter}s`;
		throw err;
	}
}

describeOnDatabases('sign-in resists guessing', (ctx) => {
	it('someone guesses at Sara’s password: a few tries as usual, then growing waits, then a 15-minute pause and one mail to her', async () => {
		await buildStaff(ctx.db, { email: 'sara@wevelgem.example', name: 'Sara', locale: 'fr', password: 'saras-echte-wachtwoord' });
		const t0 = new Date(Date.now() + 3_600_000);
		const guess = (seconds: number, password = 'raden-123') =>
			answer(signIn(ctx.db, { email: 'sara@wevelgem.example', password }, 14, { clientAddress: '203.0.113.5', now: at(t0, seconds) }));

		const answers: string[] = [];
		for (let i = 0; i < 12; i++) answers.push(await guess(i));
		expect(answers).toEqual([
			'wrong',
			'wrong',
			'wrong',
			'wrong',
			'wrong',
			'account wait 4s', // asked 1 s after the fifth mistake, inside the 2-second wait
			'account wait 8s',
			'account wait 16s',
			'account wait 32s',
			'account blocked 900s',
			'account blocked 899s',
			'account blocked 898s'
		]);
		// Her own, right password during the pause is refused too: otherwise the pause would tell the guesser when a guess was right.
		expect(await guess(60, 'saras-echte-wachtwoord')).toBe('account blocked 849s');

		const mails = await mailsTo(ctx.db, 'sara@wevelgem.example');
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toBe("Quelqu'un a essayé de se connecter à votre compte");
		expect(mails[0].text).toContain('10 fois');
		expect(mails[0].text).toContain('15 prochaines minutes');
		expect(mails[0].text).toContain('Mot de passe oublié');

		// The pause ends by itself, and her password works again.
		expect(await guess(9 + 901, 'saras-echte-wachtwoord')).toBe('signed in');
	});

	it('a made-up email gets exactly the same answers, and nobody gets a mail', async () => {
		await buildStaff(ctx.db, { email: 'bestaat@wevelgem.example', password: 'een-lang-wachtwoord' });
		const t0 = new Date(Date.now() + 7_200_000);
		const before = (await ctx.db.selectFrom('outbox').select('id').execute()).length;
		const run = async (email: string, address: string) => {
			const out: string[] = [];
			for (let i = 0; i < 14; i++)
				out.push(await answer(signIn(ctx.db, { email, password: 'fout-fout-fout' }, 14, { clientAddress: address, now: at(t0, i) })));
			return out;
		};
		const real = await run('bestaat@wevelgem.example', '203.0.113.6');
		const madeUp = await run('bestaat-niet@wevelgem.example', '203.0.113.7');
		expect(madeUp).toEqual(real);
		expect(real.slice(0, 5)).toEqual(Array(5).fill('wrong'));
		expect(real.at(-1)).toMatch(/^account blocked/);
		expect((await ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(before + 1); // the real account's holder only
	});

	it('a worker who mistypes four times and then gets it right starts again with a clean slate', async () => {
		await buildStaff(ctx.db, { email: 'tikfout@wevelgem.example', password: 'het-goede-wachtwoord' });
		const t0 = new Date(Date.now() + 10_800_000);
		const attempt = (seconds: number, password: string) =>
			answer(signIn(ctx.db, { email: 'tikfout@wevelgem.example', password }, 14, { clientAddress: '192.0.2.1', now: at(t0, seconds) }));
		for (let i = 0; i < 4; i++) expect(await attempt(i, 'het-goede-wachtwoort')).toBe('wrong');
		expect(await attempt(4, 'het-goede-wachtwoord')).toBe('signed in');
		for (let i = 0; i < 5; i++) expect(await attempt(5 + i, 'nog-eens-fout')).toBe('wrong');
	});

	it('a whole office signs in from one address all morning without ever being slowed down', async () => {
		const t0 = new Date(Date.now() + 14_400_000);
		const staff = await Promise.all(
			Array.from({ length: 5 }, (_, i) => buildStaff(ctx.db, { email: `kantoor${i}@wevelgem.example`, password: 'kantoor-wachtwoord' }))
		);
		for (let round = 0; round < 10; round++) {
			for (const [i, s] of staff.entries()) {
				expect(
					await answer(signIn(ctx.db, { email: s.user.email, password: 'kantoor-wachtwoord' }, 14, { clientAddress: '127.0.0.1', now: at(t0, round * 5 + i) }))
				).toBe('signed in');
			}
		}
	});

	it('a script spreading guesses over many accounts is stopped per address; another address is not', async () => {
		await buildStaff(ctx.db, { email: 'doelwit@wevelgem.example', password: 'doelwit-wachtwoord' });
		const t0 = new Date(Date.now() + 18_000_000);
		const from = (address: string, email: string, seconds: number, password = 'zomaar-iets') =>
			answer(signIn(ctx.db, { email, password }, 14, { clientAddress: address, now: at(t0, seconds) }));

		const answers: string[] = [];
		for (let i = 0; i < 31; i++) answers.push(await from('198.51.100.66', `iemand${i}@wevelgem.example`, i));
		expect(answers.slice(0, 20)).toEqual(Array(20).fill('wrong'));
		expect(answers[20]).toBe('address wait 4s');
		expect(answers[29]).toBe('address blocked 900s');
		expect(answers[30]).toBe('address blocked 899s');
		// The right password from the blocked address is refused unchecked; from another address it works.
		expect(await from('198.51.100.66', 'doelwit@wevelgem.example', 40, 'doelwit-wachtwoord')).toMatch(/^address blocked/);
		expect(await from('198.51.100.67', 'doelwit@wevelgem.example', 41, 'doelwit-wachtwoord')).toBe('signed in');
	});

	it('a worker locked out by a stranger chooses a new password, which ends the pause at once', async () => {
		await buildStaff(ctx.db, { email: 'buitengesloten@wevelgem.example', password: 'het-oude-wachtwoord' });
		const t0 = new Date();
		for (let i = 0; i < 10; i++)
			await answer(signIn(ctx.db, { email: 'buitengesloten@wevelgem.example', password: 'raden' }, 14, { clientAddress: '203.0.113.99', now: at(t0, i) }));
		expect(
			await answer(
				signIn(ctx.db, { email: 'buitengesloten@wevelgem.example', password: 'het-oude-wachtwoord' }, 14, { clientAddress: '192.0.2.44', now: at(t0, 11) })
			)
		).toMatch(/^account blocked/);

		await requestPasswordReset(
			ctx.db,
			anonymous,
			{ email: 'buitengesloten@wevelgem.example', baseUrl: 'http://localhost:3000' },
			{ clientAddress: '192.0.2.44' }
		);
		const reset = (await mailsTo(ctx.db, 'buitengesloten@wevelgem.example')).find((m) => m.text.includes('/password/reset/'))!;
		const token = reset.text.match(/\/password\/reset\/([\w-]+)/)![1];
		await resetPassword(ctx.db, anonymous, { token, password: 'een-nieuw-wachtwoord' }, 14, { clientAddress: '192.0.2.44' });
		expect(
			await answer(
				signIn(ctx.db, { email: 'buitengesloten@wevelgem.example', password: 'een-nieuw-wachtwoord' }, 14, { clientAddress: '192.0.2.44', now: at(t0, 12) })
			)
		).toBe('signed in');
	});

	it('a form with no real email or password counts as no attempt', async () => {
		const t0 = new Date(Date.now() + 21_600_000);
		for (let i = 0; i < 40; i++) {
			await expect(signIn(ctx.db, { email: 'geen e-mailadres', password: 'x' }, 14, { clientAddress: '198.51.100.80', now: at(t0, i) })).rejects.toMatchObject({
				code: 'invalid_input'
			});
		}
		expect(await answer(signIn(ctx.db, { email: 'wie@wevelgem.example', password: 'x' }, 14, { clientAddress: '198.51.100.80', now: at(t0, 41) }))).toBe(
			'wrong'
		);
	});
});
