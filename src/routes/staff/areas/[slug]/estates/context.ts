// Shared by the estate pages: the area and estate named in the URL (an estate found under the wrong area is a 404),
// and the choices the estate form offers.
import { getEstateBySlug } from '$core/areas';
import { ancestorsOf, getAreaBySlug, listAreas } from '$core/areas';
import { NotFound } from '$core/errors';
import { listOrganisations } from '$core/partners';

export async function estateContext(locals: App.Locals, params: { slug: string; estate: string }) {
	const area = await getAreaBySlug(locals.core.db, locals.actor, params.slug);
	const estate = await getEstateBySlug(locals.core.db, locals.actor, params.estate);
	if (estate.area_id !== area.id) throw new NotFound('estate', params.estate);
	return { area, estate };
}

/** The breadcrumbs of an estate page: the areas above the estate's area, then that area, with their staff pages. */
export async function estateCrumbs(locals: App.Locals, area: { id: string; parent_id: string | null; name: string; slug: string }) {
	const above = await ancestorsOf(locals.core.db, area);
	return [...above, area].map((a) => ({ name: a.name, href: `/staff/areas/${a.slug}` }));
}

export async function estateFormChoices(locals: App.Locals) {
	const [areas, organisations] = await Promise.all([listAreas(locals.core.db, locals.actor), listOrganisations(locals.core.db, locals.actor)]);
	return {
		areas: areas.map((a) => ({ id: a.id, name: a.name })),
		housingCompanies: organisations.filter((o) => o.kind === 'housing_company').map((o) => ({ id: o.id, name: o.name }))
	};
}

export const estateHref = (area: { slug: string }, estate: { slug: string }) => `/staff/areas/${area.slug}/estates/${estate.slug}`;
