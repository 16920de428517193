// The edge of core: every service parses its input here, so errors carry field paths and stable codes, and every
// text it stores is clean.
import type { z } from 'zod';
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
