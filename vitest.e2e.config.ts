import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's package) against the production build, one file at a time.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		environment: 'node',
		// A test that asserts nothing fails: it would pass whatever the code does.
		expect: { requireAssertions: true },
		testTimeout: 60_000,
		hookTimeout: 180_000,
		fileParallelism: false,
		globalSetup: ['tests/global-setup.ts']
	}
});
