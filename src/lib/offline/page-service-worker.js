// The service worker of a page that works offline (the survey tablet, the staff intake form), served from the page's
// own path (…/sw.js below it) and scoped to it: it keeps the page and the files it loads, so a reload without network
// still opens the page. The page is asked from the network
// first (fresh questions and session when online) and from the cache when offline; the build's files never change
// under their name, so they come from the cache first. Nothing else is touched: the API and other pages go to the
// network as always, and no answers pass through here (they are kept by the page).
/** @type {any} The ServiceWorkerGlobalScope (the project's type library is the DOM's). */
const sw = self;
// Filled in when served ($lib/offline/caches.ts): the page puts the files it loaded in the same cache. Older versions
// of this page's cache share its name up to "-v".
const CACHE = '__OFFLINE_CACHE__';
const FAMILY = CACHE.replace(/v\d+$/, '');
const PAGE = sw.registration.scope;
const IMMUTABLE = /\/_app\/immutable\//;

/** The build's files the page names: module preloads, styles and the start script's imports. */
function assetsOf(/** @type {string} */ html) {
	const found = new Set();
	for (const m of html.matchAll(/["']([^"'\s]*_app\/immutable\/[^"'\s]+)["']/g)) found.add(new URL(m[1], PAGE).href);
	return [...found];
}

async function keepPage() {
	const cache = await caches.open(CACHE);
	const res = await fetch(PAGE, { credentials: 'same-origin' });
	if (!res.ok || res.redirected) return;
	const html = await res.clone().text();
	await cache.put(PAGE, res);
	await Promise.all(
		assetsOf(html).map(async (url) => {
			if (await cache.match(url)) return;
			const asset = await fetch(url);
			if (asset.ok) await cache.put(url, asset);
		})
	);
}

/**
 * Into the cache only while it exists: signing out deletes it (sign-out.js), and a request still on its way must not
 * bring the page (with the residents it names) back onto the device. The cache is made at install.
 */
async function keep(/** @type {RequestInfo} */ key, /** @type {Response} */ res) {
	if (await caches.has(CACHE)) await (await caches.open(CACHE)).put(key, res);
}

sw.addEventListener('install', (/** @type {any} */ event) => {
	event.waitUntil(
		keepPage()
			.catch(() => undefined)
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (/** @type {any} */ event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) if (name.startsWith(FAMILY) && name !== CACHE) await caches.delete(name);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (/** @type {any} */ event) => {
	/** @type {Request} */
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.mode === 'navigate' && url.origin + url.pathname === PAGE) {
		event.respondWith(
			(async () => {
				try {
					const res = await fetch(request);
					if (res.ok && !res.redirected && res.type !== 'opaqueredirect') await keep(PAGE, res.clone());
					return res;
				} catch (error) {
					const kept = await caches.match(PAGE, { cacheName: CACHE });
					if (kept) return kept;
					throw error;
				}
			})()
		);
	} else if (IMMUTABLE.test(url.pathname)) {
		event.respondWith(
			(async () => {
				const kept = await caches.match(request, { cacheName: CACHE });
				if (kept) return kept;
				const res = await fetch(request);
				if (res.ok) await keep(request, res.clone());
				return res;
			})()
		);
	}
});
