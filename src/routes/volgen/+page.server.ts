// Follow a report with its code alone (read from a letter or over the phone): the status, not the description.
import { trackByReference } from '$core/signals';
import { pageLoad, unlessRefused } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, url, setHeaders }) => {
	const code = (url.searchParams.get('code') ?? '').trim().slice(0, 40);
	// The code is a little secret: not in shared caches.
	setHeaders({ 'cache-control': 'private, no-store' });
	if (!code) return { code, found: null, notFound: false };
	const view = await unlessRefused(
		() => trackByReference(locals.core.db, locals.actor, code),
		['not_found'],
		() => null
	);
	if (!view) return { code, found: null, notFound: true };
	return {
		code,
		found: {
			reference: view.reference,
			kind: view.kind,
			status: view.status,
			createdAt: view.createdAt,
			categoryName: view.categoryName,
			categoryNameFr: view.categoryNameFr,
			categoryNameEn: view.categoryNameEn
		},
		notFound: false
	};
});
