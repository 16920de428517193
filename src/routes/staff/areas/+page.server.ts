// Every area as a tree, and — moved here from the start page — the area search (by name, or per municipality).
import { can } from '$core/access';
import { publicAreaDirectory } from '$core/areas/public';
import { listAreas, type AreaSummary } from '$core/areas/service';
import type { PageServerLoad } from './$types';

type Node = { id: string; name: string; slug: string; kind: AreaSummary['kind']; children: Node[] };

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').trim();
	const municipality = url.searchParams.get('gemeente') ?? '';
	const canCreate = can(locals.actor, 'create', 'area');
	const canImport = can(locals.actor, 'import', 'area');
	if (q || municipality) {
		return { search: { q, municipality, directory: await publicAreaDirectory(locals.core.db, locals.actor, { q, municipality }) }, roots: [] as Node[], count: 0, canCreate, canImport };
	}
	const areas = await listAreas(locals.core.db, locals.actor);
	const nodes = new Map<string, Node>(areas.map((a) => [a.id, { id: a.id, name: a.name, slug: a.slug, kind: a.kind, children: [] }]));
	const roots: Node[] = [];
	for (const a of areas) {
		const parent = a.parent_id ? nodes.get(a.parent_id) : undefined;
		(parent ? parent.children : roots).push(nodes.get(a.id)!);
	}
	return { search: null, roots, count: areas.length, canCreate, canImport };
};
