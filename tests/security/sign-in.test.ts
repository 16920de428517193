// The hostile walk, login guessing: fifty wrong passwords for a demo account, the same for an email without an
// account, and the password-reset form asked again and again. HTTP only, so it runs against any demo server
// (`npm run test:security -- http://host:port`). It leaves this client's address paused for sign-in for 15 minutes
// and the coordinator's account paused as well: a second walk against the same server must wait.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { HttpSession } from '../support/session';
import { describeTargets, type Target } from './target';

const COORDINATOR = 'coordinator@leefbaar.demo';

type Answer = { status: number; retryAfter: number | null; signedIn: boolean };

async function signIn(target: Target, email: string, password: string): Promise<Answer> {
	const tab = new HttpSession(target);
	const res = await tab.post('/login', { email, password });
	await res.arrayBuffer();
	const retryAfter = res.headers.get('retry-after');
	return { status: res.status, retryAfter: retryAfter === null ? null : Number(retryAfter), signedIn: tab.cookies.has('leefbaar_session') };
}

describeTargets('sign-in resists guessing', (target) => {
	/**
	 * The fifty guesses, made once per target by whichever test needs them first: the pause they cause is what the
	 * other test tries the right password against, so neither depends on running after the other.
	 */
	let guessed: Promise<{ real: Answer[]; fake: Answer[] }> | undefined;
	const guesses = () => (guessed ??= guess());
	async function guess(): Promise<{ real: Answer[]; fake: Answer[] }> {
		const madeUp = `niemand-${randomBytes(4).toString('hex')}@leefbaar.demo`;
		const real: Answer[] = [];
		const fake: Answer[] = [];
		// Turn by turn, so both see the same client address at the same count.
		for (let i = 0; i < 50; i++) {
			real.push(await signIn(target(), COORDINATOR, `raden-${i}`));
			fake.push(await signIn(target(), madeUp, `raden-${i}`));
		}
		return { real, fake };
	}

	it('fifty wrong passwords for the coordinator: a few plain answers, then refusals with Retry-After, then a pause; an unknown email is answered alike', async () => {
		const { real, fake } = await guesses();
		if (real[0].status === 429)
			throw new Error(
				`The first attempt was already refused (Retry-After ${real[0].retryAfter} s): an earlier walk paused this address or account. Walk again after that.`
			);
		expect(real.some((a) => a.signedIn) || fake.some((a) => a.signedIn)).toBe(false);
		expect(real.map((a) => a.status).every((s) => s === 400 || s === 429)).toBe(true);
		// A few answered as usual, then nothing but refusals.
		const firstRefusal = real.findIndex((a) => a.status === 429);
		expect(firstRefusal).toBeGreaterThanOrEqual(3);
		expect(firstRefusal).toBeLessThanOrEqual(10);
		expect(real.slice(firstRefusal).every((a) => a.status === 429)).toBe(true);
		for (const a of real.slice(firstRefusal)) expect(a.retryAfter).toBeGreaterThan(0);
		// A pause, not only short waits: minutes, not seconds.
		expect(Math.max(...real.map((a) => a.retryAfter ?? 0))).toBeGreaterThanOrEqual(5 * 60);
		// The email without an account is answered the same, try by try.
		expect(fake.map((a) => a.status)).toEqual(real.map((a) => a.status));
	});

	it('the right password is refused while the account is paused', async () => {
		const { real } = await guesses();
		expect(real.at(-1)!.status).toBe(429);
		const right = await signIn(target(), COORDINATOR, 'leefbaar-demo');
		expect(right.status).toBe(429);
		expect(right.signedIn).toBe(false);
	});

	it('the password-reset form stops sending after a few requests for one email, the same with or without an account', async () => {
		const ask = async (email: string) => {
			const res = await new HttpSession(target()).post('/password/forgot', { email });
			await res.arrayBuffer();
			return res.status;
		};
		const nobody = `niemand-${randomBytes(4).toString('hex')}@leefbaar.demo`;
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push(await ask(nobody));
		expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
		expect(statuses.slice(3)).toEqual([429, 429, 429]);
	});
});
