// The intake form's service worker, served under the form's own path so its scope is that page and nothing more.
import { offlinePageWorker } from '$lib/server/offline-page-worker';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => offlinePageWorker('intake', '/staff/signals/new');
