// A collective issue's signals as CSV: one row per signal, no personal data.
import { exportCollectiveCsv } from '$core/signals';
import { fileEndpoint } from '$lib/server/handlers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = fileEndpoint(async ({ locals, params }) => {
	const { filename, csv } = await exportCollectiveCsv(locals.core.db, locals.actor, params.id);
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' }
	});
});
