// The neighbourhoods per municipality with their search (moved here from the start page), and every area as a tree.
import { can } from '$core/access';
import { publicAreaDirectory } from '$core/areas';
import { listAreas, type AreaSummary } from '$core/areas';
import type { PageServerLoad } from './$types';

type Node = { id: string; name: string; slug: string; kind: AreaSummary['kind']; children: Node[] };

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').trim();
	const municipality = url.searchParams.get('gemeente') ?? '';
	const searching = !!(q || municipality);
	const [directory, areas] = await Promise.all([
		publicAreaDirectory(locals.core.db, locals.actor, { q, municipality }),
		searching ? Promise.resolve([]) : listAreas(locals.core.db, locals.actor)
	]);
	const nodes = new Map<string, Node>(areas.map((a) => [a.id, { id: a.id, name: a.name, slug: a.slug, kind: a.kind, children: [] }]));
	const roots: Node[] = [];
	for (const a of areas) {
		const parent = a.parent_id ? nodes.get(a.parent_id) : undefined;
		(parent ? parent.children : roots).push(nodes.get(a.id)!);
	}
	return {
		q,
		municipality,
		searching,
		directory,
		roots,
		count: areas.length,
		canCreate: can(locals.actor, 'create', 'area'),
		canImport: can(locals.actor, 'import', 'area')
	};
};
