import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const areas = await locals.core.db
		.selectFrom('areas')
		.select(['id', 'name', 'slug', 'kind', 'description'])
		.where('kind', 'in', ['neighbourhood', 'focus_area', 'village'])
		.orderBy('name')
		.execute();
	return { areas };
};
