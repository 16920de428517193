import { redirect } from '@sveltejs/kit';
import { authorizeShaping, updateEstate } from '$core/areas';
import { getArea } from '$core/areas';
import { pageLoad, formAction } from '$lib/server/handlers';
import { estateContext, estateFormChoices, estateHref } from '../../context';
import type { EstateInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const { area, estate } = await estateContext(locals, params);
	await authorizeShaping(locals.core.db, locals.actor, 'estate', estate.area_id);
	return {
		area: { name: area.name, slug: area.slug },
		estate: { name: estate.name, slug: estate.slug, hasBoundary: !!estate.boundary },
		initial: {
			areaId: estate.area_id,
			name: estate.name,
			slug: estate.slug,
			housingCompanyId: estate.housing_company_id ?? '',
			description: estate.description ?? '',
			lon: estate.lon ?? '',
			lat: estate.lat ?? ''
		},
		...(await estateFormChoices(locals))
	};
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		const { estate } = await estateContext(locals, params);
		const saved = await updateEstate(locals.core.db, locals.actor, estate.id, values as EstateInput, { clearBoundary: values.clearBoundary === 'on' });
		const target = `${estateHref(await getArea(locals.core.db, locals.actor, saved.area_id), saved)}?saved`;
		redirect(303, target);
	})
};
