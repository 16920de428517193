// Thank you: the code to keep (large, easy to read out) and the tracking link, right after sending or joining.
import { trackByToken } from '$core/signals';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const view = await trackByToken(locals.core.db, locals.actor, params.token);
	return { token: params.token, reference: view.reference, joined: url.searchParams.has('mee'), link: `${locals.core.config.origin}/volgen/${params.token}` };
});
