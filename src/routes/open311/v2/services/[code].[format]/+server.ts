import { checkJurisdiction, localeFrom, serviceDefinition } from '$core/signals';
import { baseUrlOf, open311Endpoint, respond } from '../../respond';
import type { RequestHandler } from './$types';

/** GET a service definition: its attributes (where in the building, which estate). */
export const GET: RequestHandler = open311Endpoint(
	async (event, format) => {
		const query = event.url.searchParams;
		checkJurisdiction(query.get('jurisdiction_id'), baseUrlOf(event));
		return respond(format, 'service_definition', await serviceDefinition(event.locals.core.db, event.params.code, localeFrom(query.get('locale')) ?? 'nl'), {
			cors: true
		});
	},
	{ cors: true }
);
