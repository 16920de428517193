import { redirect } from '@sveltejs/kit';
import { createArea, getAreaBySlug, listAreas } from '$core/areas';
import type { AreaInput } from '$core/areas/model';
import { formAction } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const parents = await listAreas(locals.core.db, locals.actor);
	const parentSlug = url.searchParams.get('parent');
	const parent = parentSlug ? await getAreaBySlug(locals.core.db, locals.actor, parentSlug).catch(() => null) : null;
	// Inside a municipality one usually adds a neighbourhood; at the top, a municipality.
	const kind = parent ? (parent.kind === 'region' ? 'municipality' : 'neighbourhood') : 'municipality';
	return { parents: parents.map((p) => ({ id: p.id, name: p.name, kind: p.kind })), initial: { kind, parentId: parent?.id ?? '' } };
};

export const actions: Actions = {
	default: formAction(async ({ locals }, values) => {
		const slug = (await createArea(locals.core.db, locals.actor, values as AreaInput)).slug;
		redirect(303, `/staff/areas/${slug}?saved`);
	})
};
