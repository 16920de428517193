import { checkJurisdiction, listServices, localeFrom } from '$core/signals';
import { baseUrlOf, open311Endpoint, respond } from '../respond';
import type { RequestHandler } from './$types';

/** GET services: our categories residents may report (no help requests), in ?locale= (nl by default). */
export const GET: RequestHandler = open311Endpoint(
	async (event, format) => {
		const query = event.url.searchParams;
		checkJurisdiction(query.get('jurisdiction_id'), baseUrlOf(event));
		return respond(format, 'services', await listServices(event.locals.core.db, localeFrom(query.get('locale')) ?? 'nl'), { cors: true });
	},
	{ cors: true }
);
