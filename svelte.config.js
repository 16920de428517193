import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR and KIT_OUT_DIR let parallel builds (bench, tests of a branch) keep out of each other's way.
		adapter: adapter({ out: process.env.BUILD_DIR || 'build', precompress: true }),
		outDir: process.env.KIT_OUT_DIR || '.svelte-kit',
		// SvelteKit refuses cross-site form posts (CSRF) by checking the Origin header.
		csrf: { trustedOrigins: [] },
		alias: { $core: 'src/core' }
	}
};
