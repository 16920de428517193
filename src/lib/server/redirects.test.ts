// The "go back to" check: whatever a link or form carries in next= or back=, the redirect stays on this site.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './redirects';

const SITE = 'https://leefbaar.example.be';
const back = (value: unknown) => sameOriginPath(value, SITE, '/staff');

describe('sameOriginPath', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(back('/staff/signals?tab=mine#list')).toBe('/staff/signals?tab=mine#list');
		expect(back('/enquete/huurders-2026')).toBe('/enquete/huurders-2026');
		expect(back(`${SITE}/staff/areas`)).toBe('/staff/areas');
	});

	it('sends every spelling of another site to the default (the hostile tester’s and the usual ones)', () => {
		for (const hostile of [
			'/\\evil.example',
			'/%5Cevil.example'.replace('%5C', '\\'),
			'/\t/evil.example',
			'/\n/evil.example',
			'//evil.example',
			'///evil.example',
			'\\\\evil.example',
			'\\/evil.example',
			' //evil.example',
			'https:evil.example',
			'https://evil.example/staff',
			'http://leefbaar.example.be/staff',
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'/x/..//evil.example',
			'/.//evil.example',
			'/%2e%2e//evil.example'
		]) {
			const result = back(hostile);
			expect(new URL(result, SITE).origin, hostile).toBe(SITE);
			expect(result.startsWith('//'), hostile).toBe(false);
		}
		expect(back('/\\evil.example')).toBe('/staff');
		expect(back('/\t/evil.example')).toBe('/staff');
		expect(back('javascript:alert(1)')).toBe('/staff');
		expect(back('/x/..//evil.example')).toBe('/staff');
	});

	it('keeps an encoded slash encoded: %2F%2Fevil stays a path on this site', () => {
		const result = back('/%2F%2Fevil.example');
		expect(result).toBe('/%2F%2Fevil.example');
		expect(new URL(result, SITE).origin).toBe(SITE);
		expect(back('%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
	});

	it('answers the default for nothing, a file or a value that is no URL at all', () => {
		expect(back(null)).toBe('/staff');
		expect(back('')).toBe('/staff');
		expect(back(new Blob(['x']))).toBe('/staff');
		expect(back('http://[::1')).toBe('/staff');
	});

	it('whatever string comes in, the answer is the default or one path that a browser resolves on this site', () => {
		const piece = fc.constantFrom(
			'/',
			'\\',
			'\t',
			'\n',
			'\r',
			' ',
			'%2F',
			'%5C',
			'%09',
			'.',
			'..',
			':',
			'@',
			'?',
			'#',
			'evil.example',
			'http:',
			'https:',
			'javascript:',
			'//',
			'staff',
			'%',
			'\u0000',
			'\u202e'
		);
		const separator = fc.constantFrom('/', '\\', '\t', '\n', '\r', ' ', '%2F', '%5C', '%09', '.', '..', '/./', '/../');
		// A separator or scheme run before a host name: the shape of every open redirect.
		const beforeHost = fc
			.tuple(
				fc.constantFrom('', '/', '\\', 'http:', 'https:', 'HTTPS:', 'javascript:', ' '),
				fc.array(separator, { maxLength: 5 }),
				fc.constantFrom('evil.example', 'evil.example/staff', '@evil.example', 'evil.example:443')
			)
			.map(([start, separators, host]) => start + separators.join('') + host);
		const hostile = fc.oneof(
			fc.string({ unit: 'binary' }),
			fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
			beforeHost
		);
		fc.assert(
			fc.property(hostile, (value) => {
				const result = back(value);
				if (result === '/staff') return;
				expect(result.startsWith('/')).toBe(true);
				expect(result.startsWith('//')).toBe(false);
				expect(result.startsWith('/\\')).toBe(false);
				// As a browser resolves the Location header, from this site and from any other page.
				expect(new URL(result, SITE).origin).toBe(SITE);
				expect(new URL(result, 'http://127.0.0.1:3000/login').origin).toBe('http://127.0.0.1:3000');
			}),
			{ numRuns: 600 }
		);
	});
});
