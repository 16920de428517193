import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Scripts a page writes inline ({@html `<script>${…}</script>`} of a `?raw` import, so a cheap phone needs no extra
 * request): allowed by the hash of their text. tests/http/security-headers.test.ts fails for an inline script that
 * is not listed here.
 */
export const INLINE_SCRIPTS = [
	'src/lib/components/report/pin-choice.js',
	'src/lib/survey-answer/same-screen.js',
	'src/lib/components/areas/map-choice.js',
	'src/lib/components/areas/locate.js',
	'src/lib/survey-codes/letters-download.js'
];
const scriptHash = (file) =>
	`sha256-${createHash('sha256')
		.update(readFileSync(new URL(file, import.meta.url)))
		.digest('base64')}`;

/**
 * adapter-node bundles the server with a Rollup run of its own, which takes no warning filter. Two of its notices are
 * about SvelteKit's generated server code, not ours: an import of Kit's internals that its output leaves unused, and
 * the empty chunk that module becomes. They say nothing a Leefbaar developer can act on, so `npm start` stays quiet
 * about exactly these; any other warning is printed as before (tests/http/startup.test.ts fails on one).
 */
const KIT_OUTPUT_NOTICES = [
	/^"\w+" is imported from external module "@sveltejs\/kit\/internal[\w/]*" but never used in "[^"]*output\/server\/index\.js"\.$/,
	/^Generated an empty chunk: "chunks\/internal\d*\.js"\.$/
];

/** @param {import('@sveltejs/kit').Adapter} inner */
function withoutKitNotices(inner) {
	return {
		...inner,
		async adapt(builder) {
			const warn = console.warn;
			console.warn = (...args) => {
				if (typeof args[0] === 'string' && KIT_OUTPUT_NOTICES.some((notice) => notice.test(args[0]))) return;
				warn(...args);
			};
			try {
				await inner.adapt(builder);
			} finally {
				console.warn = warn;
			}
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR and KIT_OUT_DIR let parallel builds (bench, tests of a branch) keep out of each other's way.
		adapter: withoutKitNotices(adapter({ out: process.env.BUILD_DIR || 'build', precompress: true })),
		outDir: process.env.KIT_OUT_DIR || '.svelte-kit',
		// Cross-site form posts (CSRF) are refused in src/hooks.server.ts, which answers in the user's language; SvelteKit's
		// own check (English plain text) is switched off. ['*'] is the current spelling of the deprecated checkOrigin: false.
		csrf: { trustedOrigins: ['*'] },
		// The Content-Security-Policy of every page. 'auto': a nonce per response for what SvelteKit itself writes inline
		// (the survey tablet's start script), hashes for prerendered pages. hooks.server.ts adds the map tiles' host from
		// MAP_TILES_URL (read at start, not at build) to img-src, and frame-ancestors 'self' for the survey preview.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', ...INLINE_SCRIPTS.map(scriptHash)],
				// 'unsafe-inline' for styles only: Svelte renders style= attributes (app.html's wrapper, the survey's progress
				// bar, the charts' bar widths, the tablet's hydrated components), and a nonce or hash cannot cover an
				// attribute. Styles injected by someone else need markup injected first, which Svelte's escaping prevents.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				// The survey tablet registers a service worker (src/routes/staff/surveys/[id]/tablet/sw.js).
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'frame-src': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['none'],
				'object-src': ['none']
			}
		},
		alias: { $core: 'src/core' }
	}
};
