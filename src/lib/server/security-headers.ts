// The headers every page gets on its way out (hooks.server.ts): the Content-Security-Policy SvelteKit wrote from
// svelte.config.js, completed with what is only known at run time, and the framing and referrer rules. Pages that
// SvelteKit did not render (a refusal, the static error page) get the strictest policy: no script at all.
// X-Content-Type-Options: nosniff is set for every response, static files included, in scripts/serve.js.

/** For a page SvelteKit did not render: text and an inline <style>, nothing else. */
export const STATIC_PAGE_POLICY =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The CSP source of the map tiles' host from MAP_TILES_URL: `https://tile.openstreetmap.org/{z}/{x}/{y}.png` gives
 * `https://tile.openstreetmap.org`, `https://{s}.tile.example.be/…` gives `https://*.tile.example.be`. Tiles on our own
 * origin (a relative URL) need nothing; a host that CSP cannot express gives null (the maps show shapes and text).
 */
export function tilesSource(tilesUrl: string): string | null {
	const m = /^(https?):\/\/([^/?#]+)/i.exec(tilesUrl.trim());
	if (!m) return null;
	const [first, ...rest] = m[2].toLowerCase().split('.');
	if (rest.some((label) => /[{}]/.test(label)) || /[^a-z0-9.:*{}-]/.test(m[2].toLowerCase())) return null;
	const host = /[{}]/.test(first) ? (rest.length >= 2 ? ['*', ...rest].join('.') : null) : [first, ...rest].join('.');
	return host ? `${m[1].toLowerCase()}://${host}` : null;
}

/** One directive's sources extended (or the directive added), the others as they were. */
export function withSources(policy: string, directive: string, sources: string[], replace = false): string {
	const parts = policy
		.split(';')
		.map((p) => p.trim())
		.filter(Boolean);
	const at = parts.findIndex((p) => p.split(/\s+/)[0] === directive);
	if (at < 0) return [...parts, [directive, ...sources].join(' ')].join('; ');
	const current = replace
		? []
		: parts[at]
				.split(/\s+/)
				.slice(1)
				.filter((s) => s !== "'none'");
	parts[at] = [directive, ...current, ...sources.filter((s) => !current.includes(s))].join(' ');
	return parts.join('; ');
}

/** The survey builder's preview frames the resident's page (and its own read-only page) from our own origin. */
export const isFramedPreview = (routeId: string | null, url: URL): boolean =>
	(routeId === '/enquete/[slug]' && url.searchParams.has('preview')) || routeId === '/staff/surveys/[id]/preview/frame';

export function setPageHeaders(response: Response, options: { routeId: string | null; url: URL; tilesUrl: string }): void {
	if (!response.headers.get('content-type')?.startsWith('text/html')) return;
	const framed = isFramedPreview(options.routeId, options.url);
	const written = response.headers.get('content-security-policy');
	let policy = written ?? STATIC_PAGE_POLICY;
	if (written) {
		const tiles = tilesSource(options.tilesUrl);
		if (tiles) policy = withSources(policy, 'img-src', [tiles]);
		if (framed) policy = withSources(policy, 'frame-ancestors', ["'self'"], true);
	}
	response.headers.set('content-security-policy', policy);
	response.headers.set('x-frame-options', framed ? 'SAMEORIGIN' : 'DENY');
	// The partner, "is it solved?" and tracking pages send no-referrer themselves (their address is the key): kept.
	if (!response.headers.has('referrer-policy')) response.headers.set('referrer-policy', 'same-origin');
}
