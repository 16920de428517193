import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// SvelteKit refuses cross-site form posts (CSRF) by checking the Origin header.
		csrf: { trustedOrigins: [] },
		alias: { $core: 'src/core' }
	}
};
