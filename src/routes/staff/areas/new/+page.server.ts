import { redirect } from '@sveltejs/kit';
import { createArea, getAreaBySlug, listAreas } from '$core/areas';
import { formFailure, formObject } from '$lib/server/problem';
import type { AreaInput } from '$core/areas/model';
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
	default: async ({ request, locals }) => {
		const values = await formObject(request);
		let slug: string;
		try {
			slug = (await createArea(locals.core.db, locals.actor, values as AreaInput)).slug;
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, `/staff/areas/${slug}?saved`);
	}
};
