import { DomainError, Invalid } from '$core/errors';
import { authenticateOpen311 } from '$core/signals';
import { createServiceRequest, gatherOpen311Fields, listServiceRequests } from '$core/signals';
import { queryObject, readBody } from '$lib/server/api';
import { readForm } from '$lib/server/form-body';
import { baseUrlOf, open311Endpoint, respond } from '../respond';
import type { RequestHandler } from './$types';

/** GET requests: the spec's filters (service_request_id, service_code, start_date, end_date, status); no key needed. */
export const GET: RequestHandler = open311Endpoint(
	async (event, format) =>
		respond(format, 'service_requests', await listServiceRequests(event.locals.core.db, queryObject(event.url), { baseUrl: baseUrlOf(event) }), { cors: true }),
	{ cors: true }
);

/**
 * POST a request with an api_key (in the body, or the query string as some clients send it). The answer holds the
 * service_request_id at once (type "realtime"), so no token is ever needed. A retry with the same Idempotency-Key
 * header answers with the same service_request_id.
 */
export const POST: RequestHandler = open311Endpoint(
	async (event, format) => {
		const fields = await bodyFields(event.request);
		const key = String(fields.api_key ?? event.url.searchParams.get('api_key') ?? '').trim();
		if (!key) throw new DomainError('api_key_missing', 403, 'api_key is required');
		const client = await authenticateOpen311(event.locals.core.db, key);
		if (!client) throw new DomainError('api_key_invalid', 403, 'invalid api_key');
		delete fields.api_key;
		const created = await createServiceRequest(event.locals.core.db, client, fields, {
			baseUrl: baseUrlOf(event),
			idempotencyKey: event.request.headers.get('idempotency-key'),
			limitPerHour: event.locals.core.config.open311RateLimit
		});
		return respond(format, 'service_requests', [created]);
	},
	{ cors: false }
);

/** The spec's form encoding (application/x-www-form-urlencoded), multipart forms, or a JSON object. */
async function bodyFields(request: Request): Promise<Record<string, unknown>> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	return readBody(
		async () => {
			if (type === 'application/json') {
				const body: unknown = await request.json();
				if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SyntaxError('not an object');
				return gatherOpen311Fields(Object.entries(body));
			}
			if (type === 'multipart/form-data') {
				const data = await readForm(request);
				return gatherOpen311Fields([...data.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
			}
			return gatherOpen311Fields(new URLSearchParams(await request.text()).entries());
		},
		Invalid.field('', 'body', 'The body could not be read')
	);
}
