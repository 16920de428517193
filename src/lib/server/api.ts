// JSON API endpoints: one wrapper turns what a handler returns into JSON and every core error into an RFC 9457
// problem document in the caller's language, so no endpoint hand-writes error answers.
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { DomainError, Invalid } from '$core/errors';
import { problemResponse } from './problem';

export type ApiEndpointOptions<E> = {
	/**
	 * An API with an error shape of its own (Open311's list of { code, description }, in JSON or XML): the answer to a
	 * core error, or undefined for the problem document.
	 */
	refusal?: (err: DomainError, event: E) => Response | undefined;
};

export function apiEndpoint<E extends RequestEvent>(
	handler: (event: E) => Promise<unknown>,
	options: ApiEndpointOptions<E> = {}
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			const result = await handler(event);
			return result instanceof Response ? result : json(result);
		} catch (err) {
			const refused = err instanceof SyntaxError ? Invalid.field('', 'invalid_json', 'The body is not valid JSON') : err;
			if (!(refused instanceof DomainError)) throw err;
			return options.refusal?.(refused, event) ?? problemResponse(refused, event.locals.locale, event.url.pathname);
		}
	};
}

/**
 * A body read by `read` (JSON, a form, urlencoded text) that cannot be read is the client's mistake: `refusal` (an
 * Invalid naming the body) instead of whatever the reader threw, so it is answered as any refusal, never a 500.
 */
export async function readBody<T>(read: () => Promise<T>, refusal: DomainError): Promise<T> {
	try {
		return await read();
	} catch {
		throw refusal;
	}
}

/** Query parameters as a plain object, for parsing with a Zod schema in core. */
export const queryObject = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams.entries());

export type { RequestHandler };
