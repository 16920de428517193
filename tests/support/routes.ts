// Finds every route of the app from the file system, the way SvelteKit does, so the route-access walk covers routes
// added after it was written: a directory under src/routes with a page or an endpoint is a route.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from './server';

export type DiscoveredRoute = {
	/** SvelteKit's route id, e.g. '/staff/areas/[slug]' (groups such as '(app)' included, as in event.route.id). */
	id: string;
	/** Param names in order, e.g. ['slug']. */
	params: string[];
	/** A page (+page.svelte / +page.server.ts / +page.ts) answers GET; an endpoint only when it exports GET. */
	answersGet: boolean;
	files: string[];
};

const ROUTE_FILES = /^\+(page\.svelte|page\.server\.[jt]s|page\.[jt]s|server\.[jt]s)$/;
const ROUTES_DIR = join(ROOT, 'src', 'routes');

export function discoverRoutes(dir = ROUTES_DIR): DiscoveredRoute[] {
	const routes: DiscoveredRoute[] = [];
	const walk = (current: string) => {
		const entries = readdirSync(current, { withFileTypes: true });
		const files = entries.filter((e) => e.isFile() && ROUTE_FILES.test(e.name)).map((e) => e.name);
		if (files.length > 0) {
			const rel = relative(dir, current).split(sep).filter(Boolean);
			const id = '/' + rel.join('/');
			const isPage = files.some((f) => f.startsWith('+page'));
			const endpoint = files.find((f) => f.startsWith('+server'));
			const endpointGets = endpoint ? /export\s+(const|async\s+function|function)\s+GET\b/.test(readFileSync(join(current, endpoint), 'utf8')) : false;
			routes.push({ id, params: paramNames(id), answersGet: isPage || endpointGets, files });
		}
		for (const e of entries) if (e.isDirectory()) walk(join(current, e.name));
	};
	walk(dir);
	return routes.sort((a, b) => a.id.localeCompare(b.id));
}

/** '[slug]' → slug, '[[lang]]' → lang, '[...rest]' → rest, '[id=uuid]' → id; also inside a segment ('x-[id]'). */
export function paramNames(routeId: string): string[] {
	return [...routeId.matchAll(/\[{1,2}(?:\.\.\.)?([\w]+)(?:=\w+)?\]{1,2}/g)].map((m) => m[1]);
}

/** The path a browser would ask for: groups dropped, params filled in. */
export function routePath(routeId: string, params: Record<string, string>): string {
	const path = routeId
		.split('/')
		.filter((segment) => !/^\(.+\)$/.test(segment))
		.map((segment) =>
			segment.replace(/\[{1,2}(?:\.\.\.)?(\w+)(?:=\w+)?\]{1,2}/g, (_, name: string) => {
				if (!(name in params)) throw new Error(`No value for [${name}] in ${routeId}`);
				return encodeURIComponent(params[name]);
			})
		)
		.filter((segment, i) => i === 0 || segment !== '')
		.join('/');
	return path || '/';
}

/** The static segment before a param ('/staff/areas/[slug]' + slug → 'areas'), which says what kind of thing it is. */
export function segmentBefore(routeId: string, param: string): string {
	const segments = routeId.split('/').filter((s) => s && !/^\(.+\)$/.test(s));
	const index = segments.findIndex((s) => paramNames('/' + s).includes(param));
	for (let i = index - 1; i >= 0; i--) if (paramNames('/' + segments[i]).length === 0) return segments[i];
	return '';
}
