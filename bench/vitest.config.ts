// The bench's own tests (the generator's shapes and rows): `npx vitest run --config bench/vitest.config.ts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		root: new URL('..', import.meta.url).pathname,
		include: ['bench/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
