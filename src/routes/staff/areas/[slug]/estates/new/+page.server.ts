import { redirect } from '@sveltejs/kit';
import { authorizeShaping, createEstate } from '$core/areas';
import { getArea, getAreaBySlug } from '$core/areas';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import { estateFormChoices } from '../context';
import type { EstateInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
		await authorizeShaping(locals.core.db, locals.actor, 'estate', area.id);
		return { area: { id: area.id, name: area.name, slug: area.slug }, ...(await estateFormChoices(locals)) };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const values = await formObject(request);
		let target: string | undefined;
		try {
			const estate = await createEstate(locals.core.db, locals.actor, values as EstateInput);
			const area = await getArea(locals.core.db, locals.actor, estate.area_id);
			target = `/staff/areas/${area.slug}/estates/${estate.slug}?saved`;
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, target ?? `/staff/areas/${params.slug}`);
	}
};
