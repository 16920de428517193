import { discovery, servicesChangeset } from '$core/signals';
import { baseUrlOf, open311Endpoint, respond } from '../respond';
import type { RequestHandler } from './$types';

/** Service discovery: where the GeoReport v2 endpoint is, its formats, and how to get a key. */
export const GET: RequestHandler = open311Endpoint(
	async (event, format) => respond(format, 'discovery', discovery(baseUrlOf(event), await servicesChangeset(event.locals.core.db)), { cors: true }),
	{ cors: true }
);
