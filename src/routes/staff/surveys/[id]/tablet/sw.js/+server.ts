// The tablet page's service worker, served under the page's own path so its scope is that page and nothing more.
import { offlinePageWorker } from '$lib/server/offline-page-worker';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => offlinePageWorker('tablet', `/staff/surveys/${encodeURIComponent(params.id)}/tablet`);
