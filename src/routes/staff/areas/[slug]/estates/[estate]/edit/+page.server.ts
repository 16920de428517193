import { redirect } from '@sveltejs/kit';
import { authorizeShaping, updateEstate } from '$core/areas';
import { getArea } from '$core/areas';
import { formFailure, formObject, pageError } from '$lib/server/problem';
import { estateContext, estateFormChoices, estateHref } from '../../context';
import type { EstateInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
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
	} catch (err) {
		pageError(err, locals.locale);
	}
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const values = await formObject(request);
		let target: string;
		try {
			const { estate } = await estateContext(locals, params);
			const saved = await updateEstate(locals.core.db, locals.actor, estate.id, values as EstateInput, { clearBoundary: values.clearBoundary === 'on' });
			target = `${estateHref(await getArea(locals.core.db, locals.actor, saved.area_id), saved)}?saved`;
		} catch (err) {
			return formFailure(err, locals.locale, values);
		}
		redirect(303, target);
	}
};
