// Behind a reverse proxy every request reaches Leefbaar from the proxy's address. With ADDRESS_HEADER and XFF_DEPTH
// set, the rate limits count each resident's own address, taken from the entry the proxy added; without them the
// header is ignored (a client can write anything in it) and everyone behind the proxy shares one count. On the real
// build, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';
import { HttpSession } from '../support/session';

const INTAKE_LIMIT = 2;
const ALICE = '203.0.113.10';
const BOB = '198.51.100.20';

/** Signs in with wrong passwords for made-up accounts until the address is paused (30 tries); the statuses seen. */
async function guessUntilPaused(tab: HttpSession): Promise<number[]> {
	const statuses: number[] = [];
	for (let i = 0; i < 30; i++) {
		const res = await tab.post('/login', { email: `geraden${i}@leefbaar.demo`, password: 'raden' });
		statuses.push(res.status);
		await res.arrayBuffer();
	}
	return statuses;
}

async function signInStatus(tab: HttpSession, email: string): Promise<number> {
	const res = await tab.post('/login', { email, password: 'nog-eens-raden' });
	await res.arrayBuffer();
	return res.status;
}

/** Sends one report on the estate's form; the status of the answer (303 stored, 429 refused). */
async function report(server: TestServer, tab: HttpSession, slug: string, n: number): Promise<number> {
	const form = await tab.get(`/melden/${slug}`);
	const token = /name="formToken" value="([0-9a-f]{32})"/.exec(await form.text())![1];
	const res = await tab.post(`/melden/${slug}?/send`, { formToken: token, kind: 'nuisance', description: `Lawaai in de nacht, keer ${n}`, language: 'nl' });
	expect(res.status, server.output()).not.toBe(500);
	await res.arrayBuffer();
	return res.status;
}

for (const dialect of testDialects()) {
	describe(`behind a proxy, residents are not one client [${dialect}]`, () => {
		let server: TestServer;
		let slug: string;
		const at = (address: string) => new HttpSession(server, { 'x-forwarded-for': address });

		beforeAll(async () => {
			server = await startServer({ dialect, env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', INTAKE_RATE_LIMIT: String(INTAKE_LIMIT) } });
			slug = (await server.db.selectFrom('estates').select('slug').orderBy('slug').executeTakeFirstOrThrow()).slug;
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('a client who guesses passwords is paused; a neighbour behind the same proxy is not', async () => {
			const statuses = await guessUntilPaused(at(ALICE));
			expect(statuses.slice(0, 20)).toEqual(Array(20).fill(400));
			expect(statuses.at(-1)).toBe(429);
			expect(await signInStatus(at(ALICE), 'nog-iemand@leefbaar.demo')).toBe(429);
			expect(await signInStatus(at(BOB), 'nog-iemand@leefbaar.demo')).toBe(400);
			// Alice cannot escape by writing another address in front: the proxy appends the one it saw, and that one counts.
			expect(await signInStatus(at(`${BOB}, ${ALICE}`), 'nog-iemand@leefbaar.demo')).toBe(429);
		});

		it('each resident has their own count of reports', async () => {
			const alice = at('203.0.113.11');
			for (let i = 0; i < INTAKE_LIMIT; i++) expect(await report(server, alice, slug, i)).toBe(303);
			expect(await report(server, alice, slug, 99)).toBe(429);
			expect(await report(server, at('198.51.100.21'), slug, 1)).toBe(303);
		});

		it('a request that reaches the server without passing the proxy is counted on its own address, never a server error', async () => {
			const direct = new HttpSession(server);
			expect(await signInStatus(direct, 'rechtstreeks@leefbaar.demo')).toBe(400);
			expect(await report(server, direct, slug, 1)).toBe(303);
		});
	});

	describe(`without ADDRESS_HEADER, X-Forwarded-For means nothing [${dialect}]`, () => {
		let server: TestServer;
		let slug: string;
		const at = (address: string) => new HttpSession(server, { 'x-forwarded-for': address });

		beforeAll(async () => {
			server = await startServer({ dialect, env: { INTAKE_RATE_LIMIT: String(INTAKE_LIMIT) } });
			slug = (await server.db.selectFrom('estates').select('slug').orderBy('slug').executeTakeFirstOrThrow()).slug;
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		it('two clients that only differ in the header share one count', async () => {
			expect((await guessUntilPaused(at(ALICE))).at(-1)).toBe(429);
			expect(await signInStatus(at(BOB), 'nog-iemand@leefbaar.demo')).toBe(429);

			for (let i = 0; i < INTAKE_LIMIT; i++) expect(await report(server, at(`203.0.113.${50 + i}`), slug, i)).toBe(303);
			expect(await report(server, at('198.51.100.50'), slug, 9)).toBe(429);
		});
	});
}

describe('a wrong proxy setting stops the server with a message naming it', () => {
	it.each([
		[{ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '0' }, 'XFF_DEPTH'],
		[{ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 'twee' }, 'XFF_DEPTH'],
		[{ XFF_DEPTH: '2' }, 'XFF_DEPTH'],
		[{ ADDRESS_HEADER: 'X-Forwarded-For, X-Real-IP' }, 'ADDRESS_HEADER']
	])('%o', async (env, name) => {
		const started = startServer({ dialect: 'sqlite', env });
		await expect(started.then((s) => s.stop())).rejects.toThrow(new RegExp(`stopped[\\s\\S]*${name}`));
	});
});
