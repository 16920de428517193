// In the browser, for a page that works offline: its service worker registered (scoped to the page) and the build's
// files this page loaded put in that worker's cache, so a reload without network finds every one of them (not only
// those the page's HTML names).
import { OFFLINE_CACHES, type OfflinePage } from './caches';

export function keepPageForOffline(page: OfflinePage, path: string): void {
	if (!('serviceWorker' in navigator)) return;
	const cacheName = OFFLINE_CACHES[page];
	const controlled = navigator.serviceWorker.controller !== null;
	navigator.serviceWorker.register(`${path}/sw.js`, { scope: path }).catch(() => undefined);
	// Once the worker is installed (it makes the cache; after a sign-out deleted it, nothing here makes it again):
	// the files, and a page the worker did not serve (the first visit, or one opened before it took over) in place of
	// the bare copy it kept when installed, so the residents a worker looked up before losing the network are still
	// there after a reload without it.
	void navigator.serviceWorker.ready
		.then(async () => {
			if (!('caches' in window) || !(await caches.has(cacheName))) return;
			await keepLoadedFiles(cacheName);
			if (!controlled) await keepThisPage(cacheName, new URL(path, location.origin).href);
		})
		.catch(() => undefined);
}

async function keepThisPage(cacheName: string, scopeUrl: string): Promise<void> {
	const res = await fetch(location.href, { credentials: 'same-origin' });
	if (res.ok && !res.redirected && (await caches.has(cacheName))) await (await caches.open(cacheName)).put(scopeUrl, res);
}

async function keepLoadedFiles(cacheName: string): Promise<void> {
	try {
		const cache = await caches.open(cacheName);
		const files = performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.filter((u) => new URL(u).origin === location.origin && u.includes('/_app/immutable/'));
		for (const url of new Set(files)) if (!(await cache.match(url))) await cache.add(url);
	} catch {
		// Offline already, or no room: the worker's own copy of the page and its entry files remains.
	}
}
