import { getServiceRequest } from '$core/signals';
import { baseUrlOf, open311Endpoint, respond } from '../../respond';
import type { RequestHandler } from './$types';

/** GET one request by its service_request_id (the reference code a resident also gets); an array of one, per the spec. */
export const GET: RequestHandler = open311Endpoint(
	async (event, format) => {
		const query = event.url.searchParams;
		const request = await getServiceRequest(event.locals.core.db, event.params.id, {
			baseUrl: baseUrlOf(event),
			jurisdictionId: query.get('jurisdiction_id'),
			locale: query.get('locale')
		});
		return respond(format, 'service_requests', [request], { cors: true });
	},
	{ cors: true }
);
