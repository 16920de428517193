import { json } from '@sveltejs/kit';
import { areasAt } from '$core/areas/lookup';
import { areaLookupQuery } from '$core/areas/model';
import { presentArea } from '$core/areas/presenters';
import { NotFound, Invalid } from '$core/errors';
import { apiEndpoint, queryObject } from '$lib/server/api';
import { problemResponse } from '$lib/server/problem';
import type { RequestHandler } from './$types';

/** "Which area holds this point?" The smallest one, with every larger area holding it too (municipality, region). */
export const GET: RequestHandler = apiEndpoint(async ({ locals, url }) => {
	const parsed = areaLookupQuery.safeParse(queryObject(url));
	if (!parsed.success) {
		// A malformed query string is a bad request (400), not an unprocessable body (422).
		const problem = await problemResponse(Invalid.fromZod(parsed.error), locals.locale, url.pathname).json();
		return json({ ...problem, status: 400 }, { status: 400, headers: { 'content-type': 'application/problem+json' } });
	}
	const { lon, lat } = parsed.data;
	const holding = await areasAt(locals.core.db, lon, lat);
	if (holding.length === 0) throw new NotFound('area');
	return { area: presentArea(holding[0]), within: holding.slice(1).map(presentArea) };
});
