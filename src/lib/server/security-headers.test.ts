// The page headers' small parts: the map tiles' host as a CSP source from MAP_TILES_URL, and a policy's directive
// extended without touching the others.
import { describe, expect, it } from 'vitest';
import { isFramedPreview, STATIC_PAGE_POLICY, tilesSource, withSources } from './security-headers';

describe('tilesSource', () => {
	it('takes the scheme and host of the tiles, with {s} sub-domains as a wildcard', () => {
		expect(tilesSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
		expect(tilesSource('https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png')).toBe('https://*.tile.openstreetmap.fr');
		expect(tilesSource('http://tiles.example.be:8080/{z}/{x}/{y}.png?key=abc')).toBe('http://tiles.example.be:8080');
		expect(tilesSource('HTTPS://Tiles.Example.BE/{z}/{x}/{y}.png')).toBe('https://tiles.example.be');
	});

	it('needs nothing for tiles on our own site, and gives up on a host CSP cannot say', () => {
		expect(tilesSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
		expect(tilesSource('https://tiles.{s}.example.be/{z}.png')).toBeNull();
		expect(tilesSource('https://{s}.be/{z}.png')).toBeNull();
		expect(tilesSource("https://evil.example 'unsafe-inline'/{z}.png")).toBeNull();
		expect(tilesSource('https://a;script-src *.example/{z}.png')).toBeNull();
		expect(tilesSource('')).toBeNull();
	});
});

describe('withSources', () => {
	const policy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
	it('adds a source to one directive and leaves the others', () => {
		expect(withSources(policy, 'img-src', ['https://tile.openstreetmap.org'])).toBe(
			"default-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; frame-ancestors 'none'"
		);
		expect(withSources(policy, 'img-src', ["'self'"])).toBe(policy);
	});
	it('replaces a directive when asked, and adds one that is missing', () => {
		expect(withSources(policy, 'frame-ancestors', ["'self'"], true)).toBe("default-src 'self'; img-src 'self' data:; frame-ancestors 'self'");
		expect(withSources("default-src 'self'", 'img-src', ['https://t.example'])).toBe("default-src 'self'; img-src https://t.example");
	});
});

describe('page policies', () => {
	it('a page SvelteKit did not render may run no script and be framed nowhere', () => {
		expect(STATIC_PAGE_POLICY).toContain("default-src 'none'");
		expect(STATIC_PAGE_POLICY).not.toContain('script-src');
		expect(STATIC_PAGE_POLICY).toContain("frame-ancestors 'none'");
	});
	it('only the survey preview is framed, by our own pages', () => {
		expect(isFramedPreview('/enquete/[slug]', new URL('http://x/enquete/a?preview=2'))).toBe(true);
		expect(isFramedPreview('/enquete/[slug]', new URL('http://x/enquete/a'))).toBe(false);
		expect(isFramedPreview('/staff/surveys/[id]/preview/frame', new URL('http://x/staff/surveys/1/preview/frame'))).toBe(true);
		expect(isFramedPreview('/staff/surveys/[id]/preview', new URL('http://x/staff/surveys/1/preview'))).toBe(false);
	});
});
