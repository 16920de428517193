// The answer sets of a wave as CSV, one row per set (no personal data in it); ?wave= picks the wave.
import { exportAnswerSetsCsv } from '$core/surveys';
import { fileEndpoint } from '$lib/server/handlers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = fileEndpoint(async ({ locals, params, url }) => {
	const { filename, csv } = await exportAnswerSetsCsv(locals.core.db, locals.actor, params.id, {
		waveId: url.searchParams.get('wave')?.trim() || undefined,
		locale: locals.locale
	});
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' }
	});
});
