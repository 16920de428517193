import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const I18N_INDEX = fileURLToPath(new URL('./src/core/i18n/index.ts', import.meta.url));
const I18N_CLIENT = fileURLToPath(new URL('./src/core/i18n/client.ts', import.meta.url));

/**
 * In the browser bundle, the translations come from the page (src/core/i18n/client.ts reads what the server wrote into
 * it) instead of every catalogue of every language. Server code and tests keep src/core/i18n/index.ts.
 */
const browserTranslations = (): Plugin => ({
	name: 'leefbaar-browser-translations',
	apply: 'build',
	enforce: 'pre',
	async resolveId(source, importer, options) {
		// Only names that can be that module ('$core/i18n', '../i18n', './index' from its neighbours) are resolved twice.
		if (options?.ssr || !/(^|\/)(i18n|index)(\.ts)?$/.test(source)) return null;
		const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
		return resolved?.id === I18N_INDEX ? I18N_CLIENT : null;
	}
});

export default defineConfig({
	plugins: [browserTranslations(), sveltekit()],
	server: { port: 3000 },
	build: {
		rollupOptions: {
			// A dependency's comment that Rollup cannot place (zod 4 puts `@__PURE__` notes where Rollup does not read them):
			// Rollup drops the comment and the bundle is the same. Our own code's annotations still warn. (onLog, because
			// SvelteKit sets onwarn itself.)
			onLog(level, log, handler) {
				if (level === 'warn' && log.code === 'INVALID_ANNOTATION' && log.id?.includes('/node_modules/')) return;
				handler(level, log);
			}
		}
	},
	test: {
		include: [
			'src/**/*.test.ts',
			'scripts/**/*.test.ts',
			'tests/http/**/*.test.ts',
			'tests/security/**/*.test.ts',
			'tests/sql/**/*.test.ts',
			'bench/**/*.test.ts'
		],
		environment: 'node',
		// A test that asserts nothing fails: it would pass whatever the code does.
		expect: { requireAssertions: true },
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 180_000,
		pool: 'forks',
		// Two files at a time even on two cores: an HTTP test file mostly waits on its server process and the database,
		// so a second one fills the gaps (vitest would otherwise run one file at a time here).
		maxWorkers: 2
	}
});
