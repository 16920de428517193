// The edge of core: every service parses its input here, so errors carry field paths and stable codes, and every
// text it stores is clean. Below, the field schemas that forms and the API share across modules, declared once.
// Pure Zod: model.ts files (which run in the browser) use them too.
import { z } from 'zod';
import { Invalid } from './errors';

/**
 * What no stored text keeps: C0 control characters except tab and line feed (NUL cuts strings in C tools and some
 * drivers, ESC drives terminals that show logs and exports), DEL, and the bidirectional overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) that make a text read otherwise than it is ("Trojan Source", CVE-2021-42574; a name
 * or file name that shows ".pdf" but is ".exe"). Marks such as U+200F (right-to-left mark) stay: Arabic text needs them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const HAS_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** One text made safe to store: CRLF becomes LF, a lone CR goes, and so does every character above. */
export function cleanText(text: string): string {
	return HAS_UNSAFE.test(text) ? text.replace(/\r\n/g, '\n').replace(UNSAFE, '') : text;
}

/** Every string in a form, a JSON body or a row of a file (plain objects and arrays, at any depth) cleaned. */
export function cleanStrings(value: unknown): unknown {
	if (typeof value === 'string') return cleanText(value);
	if (Array.isArray(value)) return value.map(cleanStrings);
	if (value !== null && typeof value === 'object') {
		const proto = Object.getPrototypeOf(value);
		if (proto !== Object.prototype && proto !== null) return value; // a Date, a file's bytes: not text
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value)) out[key] = cleanStrings(v);
		return out;
	}
	return value;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	// reportInput lets Invalid.fromZod tell a missing field ("required") from a wrong one.
	const result = schema.safeParse(cleanStrings(input), { reportInput: true });
	if (!result.success) throw Invalid.fromZod(result.error);
	return result.data;
}

// --- Fields shared by the modules' schemas -------------------------------------------------------------------------
// A form sends every field as text, an empty one as ''; the API sends JSON, a missing field as nothing or null. These
// read both the same way.

/** An empty form field ('' or null) read as a field left out. For `z.preprocess(emptyAsMissing, z.enum(…).optional())`. */
export const emptyAsMissing = (v: unknown): unknown => (v === '' || v === null ? undefined : v);

/** Trimmed text of at most `max` characters; empty, null or left out is null (a stored column that may be empty). */
export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.nullable()
		.transform((v) => (v ? v : null));

/** Trimmed text of at most `max` characters; empty or left out is undefined (a filter or an optional note). */
export const omittableText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.transform((v) => (v ? v : undefined));

/** A record's id (UUIDv7, as `newId` makes them). */
export const recordId = z.uuid();

/** A record's id chosen in a form; the empty choice (''), null or left out is null. */
export const optionalRecordId = z
	.union([z.uuid(), z.literal('')])
	.optional()
	.nullable()
	.transform((v) => (v ? v : null));

/** An id picked in a filter or sent by a page (any form, at most 64 characters); empty or left out is undefined. */
export const omittableId = z
	.string()
	.trim()
	.max(64)
	.optional()
	.transform((v) => (v ? v : undefined));

/** A form's checkbox: 'on' (or 'true', '1', true) when ticked; anything else, or nothing, is false. */
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()).default(false);

/** A day (2026-05-31); empty, null or left out is null. */
export const optionalIsoDate = z
	.union([z.iso.date(), z.literal('')])
	.optional()
	.nullable()
	.transform((v) => (v ? v : null));

/** A day (2026-05-31); an empty field or left out is undefined (a filter's from and to). */
export const omittableIsoDate = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.iso.date().optional());

/** A page of a list, from 1; a query string's text is read as a number. */
export const pageNumber = z.coerce.number().int().min(1).max(100_000).default(1);

/** How many items a page of a list holds, between `min` and `max`; `fallback` when left out. */
export const pageSize = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** A language's ISO 639 code in lower case (nl, fr, en, ar, tr, …): two or three letters. */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;
export const languageCode = z.string().regex(LANGUAGE_CODE, { error: 'invalid_language' });

/**
 * One value or several from a form (a repeated field name gives an array, a single one a string; the API sends an
 * array): always an array, empty choices left out. `array` says what the items are and how many there may be.
 */
export const formList = <T extends z.ZodArray<z.ZodType>>(array: T) =>
	z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), array);
