// A collective issue's signals as CSV: one row per signal, no personal data.
import { exportCollectiveCsv } from '$core/signals';
import { problemResponse } from '$lib/server/problem';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const { filename, csv } = await exportCollectiveCsv(locals.core.db, locals.actor, params.id);
		return new Response(csv, {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' }
		});
	} catch (err) {
		return problemResponse(err, locals.locale, url.pathname);
	}
};
