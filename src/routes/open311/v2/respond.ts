// One way for every /open311/v2 endpoint to answer: JSON or XML by the path's suffix (.json / .xml), errors as the
// spec's list of { code, description } with 400, 403 or 404 (429 when a client posts too much, 422 for an
// Idempotency-Key reused with another body), and CORS for reads so browser apps can show requests.
import type { RequestEvent } from '@sveltejs/kit';
import { NotFound } from '$core/errors';
import { open311Errors } from '$core/signals';
import { apiEndpoint } from '$lib/server/api';
import { xmlDocument } from './xml';

export type Format = 'json' | 'xml';

const CORS = { 'access-control-allow-origin': '*', vary: 'origin' };

export function formatOf(value: string | undefined): Format {
	if (value === 'json' || value === 'xml') return value;
	throw new NotFound('format', value);
}

/** `root` names the XML root element (services, service_requests, …); JSON is the value itself. */
export function respond(
	format: Format,
	root: string,
	value: unknown,
	options: { status?: number; cors?: boolean; headers?: Record<string, string> } = {}
): Response {
	const headers: Record<string, string> = { 'cache-control': 'no-store', ...(options.cors ? CORS : {}), ...options.headers };
	if (format === 'xml')
		return new Response(xmlDocument(root, value), { status: options.status ?? 200, headers: { ...headers, 'content-type': 'text/xml; charset=utf-8' } });
	return new Response(JSON.stringify(value), { status: options.status ?? 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}

/** Runs the handler; any domain error becomes the spec's error list in the asked format (JSON for an unknown one). */
export function open311Endpoint<E extends RequestEvent>(
	handler: (event: E, format: Format) => Promise<Response>,
	options: { cors: boolean }
): (event: E) => Promise<Response> {
	const formatAsked = (event: E) => (event.params as Record<string, string>).format;
	return apiEndpoint((event: E) => handler(event, formatOf(formatAsked(event))), {
		refusal: (err, event) => {
			// The same Idempotency-Key with another body: 422, as the spec's list, or as a problem document (RFC 9457) for a
			// client that asks for one (docs/open311.md). Open311 clients parse the list; the draft standard names the problem.
			if (err.code === 'idempotency_key_reused' && (event.request.headers.get('accept') ?? '').includes('application/problem+json')) return undefined;
			const answer = open311Errors(err);
			if (!answer) return undefined;
			// Too many posts from this client (Open311RateLimited): when to try again.
			const retryAfter = answer.status === 429 ? err.params.retryAfter : undefined;
			const headers = typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : undefined;
			return respond(formatAsked(event) === 'xml' ? 'xml' : 'json', 'errors', answer.errors, { status: answer.status, cors: options.cors, headers });
		}
	});
}

/** Where links in mails point, and the jurisdiction this site is. */
export const baseUrlOf = (event: RequestEvent): string => event.locals.core.config.origin;
