import { redirect } from '@sveltejs/kit';
import { authorizeShaping, createEstate } from '$core/areas';
import { getArea, getAreaBySlug } from '$core/areas';
import { pageLoad, formAction } from '$lib/server/handlers';
import { estateFormChoices } from '../context';
import type { EstateInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
	await authorizeShaping(locals.core.db, locals.actor, 'estate', area.id);
	return { area: { id: area.id, name: area.name, slug: area.slug }, ...(await estateFormChoices(locals)) };
});

export const actions: Actions = {
	default: formAction(async ({ locals, params }, values) => {
		const estate = await createEstate(locals.core.db, locals.actor, values as EstateInput);
		const area = await getArea(locals.core.db, locals.actor, estate.area_id);
		const target = `/staff/areas/${area.slug}/estates/${estate.slug}?saved`;
		redirect(303, target ?? `/staff/areas/${params.slug}`);
	})
};
