// JSON API endpoints: one wrapper turns what a handler returns into JSON and every core error into an RFC 9457
// problem document in the caller's language, so no endpoint hand-writes error answers.
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { DomainError, Invalid } from '$core/errors';
import { problemResponse } from './problem';

export function apiEndpoint<E extends RequestEvent>(handler: (event: E) => Promise<unknown>): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			const result = await handler(event);
			return result instanceof Response ? result : json(result);
		} catch (err) {
			if (err instanceof DomainError) return problemResponse(err, event.locals.locale, event.url.pathname);
			if (err instanceof SyntaxError)
				return problemResponse(Invalid.field('', 'invalid_json', 'The body is not valid JSON'), event.locals.locale, event.url.pathname);
			throw err;
		}
	};
}

/** Query parameters as a plain object, for parsing with a Zod schema in core. */
export const queryObject = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams.entries());

export type { RequestHandler };
