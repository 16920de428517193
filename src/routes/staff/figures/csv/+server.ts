// The figures of the figures page's filter as CSV (no personal data in them).
import { exportFiguresCsv } from '$core/signals';
import { fileEndpoint } from '$lib/server/handlers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = fileEndpoint(async ({ locals, url }) => {
	const p = url.searchParams;
	const get = (k: string) => (p.get(k) ?? '').trim();
	const { filename, csv } = await exportFiguresCsv(locals.core.db, locals.actor, {
		areaId: get('areaId'),
		estateId: get('estateId'),
		categoryId: get('categoryId'),
		from: get('from'),
		to: get('to'),
		bucket: get('bucket') === 'week' ? 'week' : 'month'
	});
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' }
	});
});
