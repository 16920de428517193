// Stored text is clean: whatever a form, an API client or a file sends, no control character (except tab and line
// feed) and no bidirectional override reaches the database, and everything else of the text stays as it was typed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanStrings, cleanText, parseInput } from './validation';

// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const awkward = fc.constantFrom(
	'\u0000',
	'\u0001',
	'\u0007',
	'\u0008',
	'\t',
	'\n',
	'\r',
	'\r\n',
	'\u000b',
	'\u000c',
	'\u001b',
	'\u001f',
	'\u007f',
	'\u0085',
	'\u200f',
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'é',
	'ي',
	'😀',
	' ',
	'a'
);
const text = fc.oneof(
	fc.string({ unit: 'binary' }),
	fc.array(fc.oneof(awkward, fc.string({ unit: 'grapheme' })), { maxLength: 30 }).map((parts) => parts.join(''))
);

describe('cleanText', () => {
	it('takes out NUL, escape sequences and bidirectional overrides, keeps tabs, line feeds and every letter', () => {
		expect(cleanText('Schimmel\u0000 in de\tkamer\u202e')).toBe('Schimmel in de\tkamer');
		expect(cleanText('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
		expect(cleanText('\u001b[31mrood\u001b[0m')).toBe('[31mrood[0m');
		expect(cleanText('lijn 1\r\nlijn 2\rlijn 3\n')).toBe('lijn 1\nlijn 2lijn 3\n');
		expect(cleanText('مرحبا\u200f جار')).toBe('مرحبا\u200f جار');
		expect(cleanText('Ça va? 😀')).toBe('Ça va? 😀');
	});

	it('for any text: nothing forbidden is left, nothing else is taken, and cleaning twice changes nothing', () => {
		fc.assert(
			fc.property(text, (input) => {
				const out = cleanText(input);
				expect(FORBIDDEN.test(out)).toBe(false);
				expect(cleanText(out)).toBe(out);
				// Exactly the forbidden characters (and the CR of a CRLF) go: the rest, in order, is the text.
				expect(out).toBe(
					input
						.replace(/\r\n/g, '\n')
						.split('')
						.filter((c) => !FORBIDDEN.test(c))
						.join('')
				);
				if (!FORBIDDEN.test(input)) expect(out).toBe(input);
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('cleanStrings and parseInput', () => {
	it('clean every string of a nested input, and leave numbers, booleans, dates and bytes alone', () => {
		const at = new Date('2026-12-07T10:00:00Z');
		const bytes = new Uint8Array([0, 1, 2]);
		expect(cleanStrings({ a: 'x\u0000', b: ['y\u202e', { c: 'z\r\n' }], n: 3, t: true, at, bytes, none: null })).toEqual({
			a: 'x',
			b: ['y', { c: 'z\n' }],
			n: 3,
			t: true,
			at,
			bytes,
			none: null
		});
		expect((cleanStrings({ at }) as { at: Date }).at).toBe(at);
	});

	it('every service that parses its input stores the cleaned text, and length limits count what is stored', () => {
		const schema = z.object({ description: z.string().trim().min(5).max(10), answers: z.record(z.string(), z.unknown()) });
		expect(parseInput(schema, { description: 'Lek\u0000\u202e in dak', answers: { q1: ['ja\u0007'], q2: { other: 'nee\u2066' } } })).toEqual({
			description: 'Lek in dak',
			answers: { q1: ['ja'], q2: { other: 'nee' } }
		});
		// Twelve characters sent, two of them invisible: the ten stored fit the limit of ten.
		expect(parseInput(schema, { description: 'Lek\u0000 in dak\u202e', answers: {} }).description).toBe('Lek in dak');
	});
});
