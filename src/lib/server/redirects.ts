// "Go back to" parameters (?next= after signing in, the language form's back=): a redirect goes only to a path on
// this site. The value is resolved as a browser resolves a Location header, so every spelling a browser reads as
// another site (/\evil, /<tab>/evil, //evil, https:evil, javascript:…) falls back to the default.
export function sameOriginPath(value: unknown, origin: string, fallback: string): string {
	if (typeof value !== 'string' || value === '') return fallback;
	const site = new URL(origin).origin;
	let resolved: URL;
	try {
		resolved = new URL(value, site);
	} catch {
		return fallback;
	}
	if (resolved.origin !== site) return fallback;
	const path = resolved.pathname + resolved.search + resolved.hash;
	// "/a/..//evil" resolves on this site to the path "//evil", which a browser reads as another host.
	return path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}
