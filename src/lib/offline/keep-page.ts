// In the browser, for a page that works offline: its service worker registered (scoped to the page) and the build's
// files this page loaded put in that worker's cache, so a reload without network finds every one of them (not only
// those the page's HTML names).
import { OFFLINE_CACHES, type OfflinePage } from './caches';

export function keepPageForOffline(page: OfflinePage, path: string): void {
	if (!('serviceWorker' in navigator)) return;
	navigator.serviceWorker.register(`${path}/sw.js`, { scope: path }).catch(() => undefined);
	void keepLoadedFiles(OFFLINE_CACHES[page]);
}

async function keepLoadedFiles(cacheName: string): Promise<void> {
	if (!('caches' in window)) return;
	try {
		const cache = await caches.open(cacheName);
		const files = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => new URL(u).origin === location.origin && u.includes('/_app/immutable/'));
		for (const url of new Set(files)) if (!(await cache.match(url))) await cache.add(url);
	} catch {
		// Offline already, or no room: the worker's own copy of the page and its entry files remains.
	}
}
