import { presentAreaFeature } from '$core/areas';
import { getAreaBySlug } from '$core/areas';
import { apiEndpoint } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** One area as a GeoJSON Feature with its boundary. */
export const GET: RequestHandler = apiEndpoint(async ({ locals, params }) => {
	const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
	return new Response(JSON.stringify(presentAreaFeature(area)), { headers: { 'content-type': 'application/geo+json' } });
});
