// Query strings of the areas API: a malformed one is a bad request (400) with an RFC 9457 problem document that names
// the parameter, not an unprocessable body (422).
import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { Invalid } from '$core/errors';
import type { Locale } from '$core/i18n';
import { queryObject } from '$lib/server/api';
import { problemResponse } from '$lib/server/problem';

export async function parseQuery<S extends z.ZodType>(schema: S, url: URL, locale: Locale): Promise<{ ok: z.output<S> } | { response: Response }> {
	const parsed = schema.safeParse(queryObject(url));
	if (parsed.success) return { ok: parsed.data };
	const problem = await problemResponse(Invalid.fromZod(parsed.error), locale, url.pathname).json();
	return { response: json({ ...problem, status: 400 }, { status: 400, headers: { 'content-type': 'application/problem+json' } }) };
}
