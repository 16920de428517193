import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR and KIT_OUT_DIR let parallel builds (bench, tests of a branch) keep out of each other's way.
		adapter: adapter({ out: process.env.BUILD_DIR || 'build', precompress: true }),
		outDir: process.env.KIT_OUT_DIR || '.svelte-kit',
		// Cross-site form posts (CSRF) are refused in src/hooks.server.ts, which answers in the user's language; SvelteKit's
		// own check (English plain text) is switched off. ['*'] is the current spelling of the deprecated checkOrigin: false.
		csrf: { trustedOrigins: ['*'] },
		alias: { $core: 'src/core' }
	}
};
