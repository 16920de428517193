// The hostile walk's target: a running Leefbaar with the demo data. `npm run test:security -- http://host:port` walks
// a server someone started (SECURITY_TARGET); inside `npm test` each file starts the production build on every
// database this run covers. The walk speaks HTTP only (no database access), so it can be pointed at any demo server.
import { afterAll, beforeAll, describe } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { startServer, type TestServer } from '../support/server';

export type Target = {
	/** "sqlite", "postgres", or the URL of the server someone started. */
	name: string;
	/** Origin without trailing slash. */
	url: string;
};

export const remoteTarget = (): string | null => process.env.SECURITY_TARGET?.replace(/\/+$/, '') || null;

/**
 * Runs `suite` against every target: the server named by SECURITY_TARGET, or a fresh demo server per database.
 * `env` and `origin` (false: no ORIGIN, as a fresh demo) are passed to the servers this file starts; a remote server
 * runs with its own settings.
 */
export function describeTargets(name: string, suite: (target: () => Target) => void, options: { env?: Record<string, string>; origin?: boolean } = {}): void {
	const remote = remoteTarget();
	const names = remote ? [remote] : testDialects();
	for (const targetName of names) {
		describe(`${name} [${targetName}]`, () => {
			let server: TestServer | undefined;
			let target: Target | undefined;
			beforeAll(async () => {
				if (remote) target = { name: remote, url: remote };
				else {
					server = await startServer({ dialect: targetName as 'sqlite' | 'postgres', env: options.env, origin: options.origin });
					target = { name: targetName, url: server.url };
				}
			});
			afterAll(async () => {
				await server?.stop();
			});
			suite(() => {
				if (!target) throw new Error('target not started');
				return target;
			});
		});
	}
}
