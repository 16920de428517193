import { areaApiListQuery } from '$core/areas/model';
import { presentArea } from '$core/areas';
import { getAreaBySlug, listAreas } from '$core/areas';
import { apiEndpoint } from '$lib/server/api';
import { parseQuery } from './query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(async ({ locals, url }) => {
	const query = await parseQuery(areaApiListQuery, url, locals.locale);
	if ('response' in query) return query.response;
	const parent = query.ok.parent ? await getAreaBySlug(locals.core.db, locals.actor, query.ok.parent) : null;
	const areas = await listAreas(locals.core.db, locals.actor, { kind: query.ok.kind, parentId: parent?.id });
	return { areas: areas.map(presentArea) };
});
