// The empty sheet for typing in paper forms: the header row of the survey's current version (';', with a BOM so
// spreadsheet programs read it as UTF-8), and no personal data.
import type { RequestHandler } from '@sveltejs/kit';
import { csvFile } from '$core/formats';
import { getSurvey, paperImportColumns } from '$core/surveys';
import { fileEndpoint } from '$lib/server/handlers';

export const GET: RequestHandler = fileEndpoint(async ({ locals, params }) => {
	const survey = await getSurvey(locals.core.db, locals.actor, params.id!);
	const columns = await paperImportColumns(locals.core.db, locals.actor, survey.id);
	return new Response(csvFile([columns]), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="papieren-antwoorden-${survey.slug}.csv"`,
			'cache-control': 'no-store'
		}
	});
});
