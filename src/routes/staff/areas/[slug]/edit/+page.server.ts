import { redirect } from '@sveltejs/kit';
import { authorizeShaping } from '$core/areas';
import { deleteArea, getAreaBySlug, listAreas, updateArea } from '$core/areas';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { pageLoad, formAction } from '$lib/server/handlers';
import type { AreaInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
	await authorizeShaping(locals.core.db, locals.actor, 'area', area.id);
	const parents = (await listAreas(locals.core.db, locals.actor)).filter((p) => p.id !== area.id);
	return {
		area: { name: area.name, slug: area.slug, hasBoundary: !!area.boundary },
		parents: parents.map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
		initial: {
			kind: area.kind,
			parentId: area.parent_id ?? '',
			name: area.name,
			nameFr: area.name_fr ?? '',
			slug: area.slug,
			code: area.code ?? '',
			description: area.description ?? ''
		}
	};
});

export const actions: Actions = {
	save: formAction(async ({ locals, params }, values) => {
		const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
		const slug = (await updateArea(locals.core.db, locals.actor, area.id, values as AreaInput, { clearBoundary: values.clearBoundary === 'on' })).slug;
		redirect(303, `/staff/areas/${slug}?saved`);
	}),
	delete: formAction(
		async (event, form) => {
			const { locals, params } = event;
			const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
			if (!confirmed(form)) {
				await authorizeShaping(locals.core.db, locals.actor, 'area', area.id);
				return askFirst(event, form, { kind: 'delete_area', params: { name: area.name } });
			}
			await deleteArea(locals.core.db, locals.actor, area.id);
			redirect(303, '/staff/areas');
		},
		{ values: () => undefined }
	)
};
