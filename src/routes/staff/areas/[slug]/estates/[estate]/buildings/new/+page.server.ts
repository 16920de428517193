import { redirect } from '@sveltejs/kit';
import { authorizeShaping, createBuilding } from '$core/areas';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import { estateContext, estateHref } from '../../../context';
import type { BuildingInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const { area, estate } = await estateContext(locals, params);
		await authorizeShaping(locals.core.db, locals.actor, 'building', estate.area_id);
		return { area: { name: area.name, slug: area.slug }, estate: { name: estate.name, slug: estate.slug } };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const values = await formObject(request);
		let target: string;
		try {
			const { area, estate } = await estateContext(locals, params);
			await createBuilding(locals.core.db, locals.actor, { ...values, estateId: estate.id } as BuildingInput);
			target = `${estateHref(area, estate)}?saved`;
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, target);
	}
};
