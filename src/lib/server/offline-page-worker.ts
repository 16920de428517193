// The service worker of a page that works offline, served under the page's own path so its scope is that page and
// nothing more (the survey tablet, the staff intake form).
import source from '$lib/offline/page-service-worker.js?raw';
import { OFFLINE_CACHES, type OfflinePage } from '$lib/offline/caches';

export function offlinePageWorker(page: OfflinePage, scope: string): Response {
	return new Response(source.replace('__OFFLINE_CACHE__', OFFLINE_CACHES[page]), {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			// The worker sits at <page>/sw.js; this lets it control the page at <page> itself.
			'service-worker-allowed': scope,
			'cache-control': 'no-cache'
		}
	});
}
