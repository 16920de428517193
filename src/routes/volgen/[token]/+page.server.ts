// The resident's own tracking page, opened with the secret link: status, messages from the worker, their words and
// their photos. A neighbour who said "me too" gets the signal's public summary and their own words. The link is the
// key, so the page is never cached by anyone but the resident's browser.
import { trackByToken } from '$core/signals/service';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	try {
		const view = await trackByToken(locals.core.db, locals.actor, params.token);
		return {
			token: params.token,
			view: {
				joined: view.follower === 'joined',
				reference: view.reference,
				kind: view.kind,
				categoryName: view.categoryName,
				categoryNameFr: view.categoryNameFr,
				categoryNameEn: view.categoryNameEn,
				status: view.status,
				statusReason: view.statusReason,
				createdAt: view.createdAt,
				description: view.description,
				// For a "me too" only: where, as the area page names it, and what they wrote themselves.
				placeName: view.follower === 'joined' ? view.placeName : null,
				ownWords: view.ownWords,
				joinedAt: view.joinedAt,
				mergedIntoReference: view.mergedIntoReference,
				// What the resident reads: messages and status changes; "created" is the first step already shown.
				events: view.events.filter((e) => e.kind === 'message' || e.kind === 'status').map((e) => ({ at: e.at, kind: e.kind, toStatus: e.toStatus, body: e.body }))
			},
			photoIds: view.photoIds
		};
	} catch (err) {
		pageError(err, locals.locale);
	}
};
