// The answer sets and the figures per question and estate of a wave as one workbook; ?wave= picks the wave.
import { exportResultsXlsx } from '$core/surveys';
import { fileEndpoint } from '$lib/server/handlers';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const GET: RequestHandler = fileEndpoint(async ({ locals, params, url }) => {
	const { filename, bytes } = await exportResultsXlsx(locals.core.db, locals.actor, params.id, {
		waveId: url.searchParams.get('wave')?.trim() || undefined,
		locale: locals.locale
	});
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': XLSX, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' }
	});
});
