import { redirect } from '@sveltejs/kit';
import { authorizeShaping, createDwelling, listBuildings } from '$core/areas';
import { pageLoad, formAction } from '$lib/server/handlers';
import { estateContext, estateHref } from '../../../context';
import type { DwellingInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { area, estate } = await estateContext(locals, params);
	await authorizeShaping(locals.core.db, locals.actor, 'dwelling', estate.area_id);
	const buildings = await listBuildings(locals.core.db, locals.actor, estate.id);
	// The first building's address fills the form: most dwellings share the street and postal code.
	const chosen = buildings.find((b) => b.id === url.searchParams.get('building')) ?? buildings[0];
	return {
		area: { name: area.name, slug: area.slug },
		estate: { name: estate.name, slug: estate.slug },
		buildings: buildings.map((b) => ({ id: b.id, name: b.name })),
		initial: chosen ? { buildingId: chosen.id, street: chosen.street ?? '', postalCode: chosen.postal_code ?? '' } : {}
	};
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		const { area, estate } = await estateContext(locals, params);
		const buildings = await listBuildings(locals.core.db, locals.actor, estate.id);
		if (!buildings.some((b) => b.id === values.buildingId)) values.buildingId = '';
		await createDwelling(locals.core.db, locals.actor, values as DwellingInput);
		const target = `${estateHref(area, estate)}?saved`;
		redirect(303, target);
	})
};
