// Follow a report with its code alone (read from a letter or over the phone): the status, not the description.
import { NotFound } from '$core/errors';
import { trackByReference } from '$core/signals';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	const code = (url.searchParams.get('code') ?? '').trim().slice(0, 40);
	// The code is a little secret: not in shared caches.
	setHeaders({ 'cache-control': 'private, no-store' });
	if (!code) return { code, found: null, notFound: false };
	try {
		const view = await trackByReference(locals.core.db, locals.actor, code);
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
	} catch (err) {
		if (err instanceof NotFound) return { code, found: null, notFound: true };
		throw err;
	}
};
