// The tablet page's service worker, served under the page's own path so its scope is that page and nothing more.
import source from '$lib/survey-tablet/service-worker.js?raw';
import { OFFLINE_CACHE } from '$lib/survey-tablet/offline-cache';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) =>
	new Response(source.replace('__OFFLINE_CACHE__', OFFLINE_CACHE), {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			// The worker sits at …/tablet/sw.js; this lets it control the page at …/tablet itself.
			'service-worker-allowed': `/staff/surveys/${encodeURIComponent(params.id)}/tablet`,
			'cache-control': 'no-cache'
		}
	});
