import { areaApiListQuery } from '$core/areas/model';
import { presentArea } from '$core/areas/presenters';
import { getAreaBySlug, listAreas } from '$core/areas/service';
import { parseInput } from '$core/validation';
import { apiEndpoint, queryObject } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(async ({ locals, url }) => {
	const q = parseInput(areaApiListQuery, queryObject(url));
	const parent = q.parent ? await getAreaBySlug(locals.core.db, locals.actor, q.parent) : null;
	const areas = await listAreas(locals.core.db, locals.actor, { kind: q.kind, parentId: parent?.id });
	return { areas: areas.map(presentArea) };
});
