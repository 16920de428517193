import { areasAt } from '$core/areas';
import { areaLookupQuery } from '$core/areas/model';
import { presentArea } from '$core/areas';
import { NotFound } from '$core/errors';
import { apiEndpoint } from '$lib/server/api';
import { parseQuery } from '../query';
import type { RequestHandler } from './$types';

/** "Which area holds this point?" The smallest one, with every larger area holding it too (municipality, region). */
export const GET: RequestHandler = apiEndpoint(async ({ locals, url }) => {
	const query = await parseQuery(areaLookupQuery, url, locals.locale);
	if ('response' in query) return query.response;
	const holding = await areasAt(locals.core.db, query.ok.lon, query.ok.lat);
	if (holding.length === 0) throw new NotFound('area');
	return { area: presentArea(holding[0]), within: holding.slice(1).map(presentArea) };
});
