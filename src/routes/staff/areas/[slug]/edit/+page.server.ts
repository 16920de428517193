import { redirect } from '@sveltejs/kit';
import { authorizeShaping } from '$core/areas';
import { deleteArea, getAreaBySlug, listAreas, updateArea } from '$core/areas';
import { readForm } from '$lib/server/form-body';
import { askFirst, confirmed } from '$lib/server/confirmation';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import type { AreaInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
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
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const values = await formObject(request);
		let slug: string;
		try {
			const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
			slug = (await updateArea(locals.core.db, locals.actor, area.id, values as AreaInput, { clearBoundary: values.clearBoundary === 'on' })).slug;
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, `/staff/areas/${slug}?saved`);
	},
	delete: async (event) => {
		const { locals, params, request } = event;
		const form = await readForm(request); // a button without fields: still only a well-formed post acts
		try {
			const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
			if (!confirmed(form)) {
				await authorizeShaping(locals.core.db, locals.actor, 'area', area.id);
				return askFirst(event, form, { kind: 'delete_area', params: { name: area.name } });
			}
			await deleteArea(locals.core.db, locals.actor, area.id);
		} catch (err) {
			return formFailure(err, locals.locale);
		}
		redirect(303, '/staff/areas');
	}
};
