import { redirect } from '@sveltejs/kit';
import { authorizeShaping, getDwelling, listBuildings, updateDwelling } from '$core/areas';
import { NotFound } from '$core/errors';
import { pageLoad, formAction } from '$lib/server/handlers';
import { estateContext, estateHref } from '../../../context';
import type { DwellingInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

async function context(locals: App.Locals, params: { slug: string; estate: string; dwelling: string }) {
	const { area, estate } = await estateContext(locals, params);
	const [dwelling, buildings] = await Promise.all([
		getDwelling(locals.core.db, locals.actor, params.dwelling),
		listBuildings(locals.core.db, locals.actor, estate.id)
	]);
	if (!buildings.some((b) => b.id === dwelling.building_id)) throw new NotFound('dwelling', params.dwelling);
	return { area, estate, dwelling, buildings };
}

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const { area, estate, dwelling, buildings } = await context(locals, params);
	await authorizeShaping(locals.core.db, locals.actor, 'dwelling', estate.area_id);
	return {
		area: { name: area.name, slug: area.slug },
		estate: { name: estate.name, slug: estate.slug },
		title: `${dwelling.street} ${dwelling.house_number}${dwelling.box ? ` ${dwelling.box}` : ''}`,
		buildings: buildings.map((b) => ({ id: b.id, name: b.name })),
		initial: {
			buildingId: dwelling.building_id,
			street: dwelling.street,
			houseNumber: dwelling.house_number,
			box: dwelling.box ?? '',
			postalCode: dwelling.postal_code,
			unit: dwelling.unit ?? '',
			externalRef: dwelling.external_ref ?? '',
			bedrooms: dwelling.bedrooms ?? ''
		}
	};
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		const { area, estate, dwelling, buildings } = await context(locals, params);
		if (!buildings.some((b) => b.id === values.buildingId)) values.buildingId = '';
		await updateDwelling(locals.core.db, locals.actor, dwelling.id, values as DwellingInput);
		const target = `${estateHref(area, estate)}?saved`;
		redirect(303, target);
	})
};
