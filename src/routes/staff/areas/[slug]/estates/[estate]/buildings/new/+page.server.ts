import { redirect } from '@sveltejs/kit';
import { authorizeShaping, createBuilding } from '$core/areas';
import { pageLoad, formAction } from '$lib/server/handlers';
import { estateContext, estateHref } from '../../../context';
import type { BuildingInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const { area, estate } = await estateContext(locals, params);
	await authorizeShaping(locals.core.db, locals.actor, 'building', estate.area_id);
	return { area: { name: area.name, slug: area.slug }, estate: { name: estate.name, slug: estate.slug } };
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		const { area, estate } = await estateContext(locals, params);
		await createBuilding(locals.core.db, locals.actor, { ...values, estateId: estate.id } as BuildingInput);
		const target = `${estateHref(area, estate)}?saved`;
		redirect(303, target);
	})
};
