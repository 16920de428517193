import { redirect } from '@sveltejs/kit';
import { authorizeShaping, getBuilding, updateBuilding } from '$core/areas';
import { NotFound } from '$core/errors';
import { pageLoad, formAction } from '$lib/server/handlers';
import { estateContext, estateHref } from '../../../context';
import type { BuildingInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

async function context(locals: App.Locals, params: { slug: string; estate: string; building: string }) {
	const { area, estate } = await estateContext(locals, params);
	const building = await getBuilding(locals.core.db, locals.actor, params.building);
	if (building.estate_id !== estate.id) throw new NotFound('building', params.building);
	return { area, estate, building };
}

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const { area, estate, building } = await context(locals, params);
	await authorizeShaping(locals.core.db, locals.actor, 'building', estate.area_id);
	return {
		area: { name: area.name, slug: area.slug },
		estate: { name: estate.name, slug: estate.slug },
		building: { name: building.name },
		initial: {
			name: building.name,
			street: building.street ?? '',
			houseNumber: building.house_number ?? '',
			postalCode: building.postal_code ?? '',
			lon: building.lon ?? '',
			lat: building.lat ?? ''
		}
	};
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		const { area, estate, building } = await context(locals, params);
		await updateBuilding(locals.core.db, locals.actor, building.id, { ...values, estateId: estate.id } as BuildingInput);
		const target = `${estateHref(area, estate)}?saved`;
		redirect(303, target);
	})
};
