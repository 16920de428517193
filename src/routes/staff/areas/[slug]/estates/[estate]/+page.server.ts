import { can } from '$core/access';
import { listBuildings, listDwellings, listEstates, shapingRights } from '$core/areas';
import { getOrganisation } from '$core/partners';
import { listHouseholdsByEstate } from '$core/people';
import { mapData } from '$lib/components/areas/map-data';
import { pageLoad } from '$lib/server/handlers';
import { estateContext, estateCrumbs } from '../context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db, config } = locals.core;
	const { area, estate } = await estateContext(locals, params);
	const [buildings, dwellings] = await Promise.all([listBuildings(db, locals.actor, estate.id), listDwellings(db, locals.actor, { estateId: estate.id })]);
	// Households come from the people module, which filters them by who may see whom (admins see none).
	const mayListHouseholds = can(locals.actor, 'list', 'household');
	const households = mayListHouseholds ? await listHouseholdsByEstate(db, locals.actor, estate.id) : [];
	// A partner sees only the households it has a reason to see: then an empty cell means "not shown", not "empty".
	const total = (await listEstates(db, locals.actor, area.id)).find((e) => e.id === estate.id)?.households ?? 0;
	const partialView = mayListHouseholds && households.length < total;
	const byDwelling = new Map<string, typeof households>();
	for (const h of households) if (h.dwellingId) byDwelling.set(h.dwellingId, [...(byDwelling.get(h.dwellingId) ?? []), h]);
	const rights = await shapingRights(db, locals.actor, estate.area_id);
	const housingCompany = estate.housing_company_id ? await getOrganisation(db, locals.actor, estate.housing_company_id).catch(() => undefined) : undefined;
	return {
		area: { name: area.name, slug: area.slug },
		crumbs: await estateCrumbs(locals, area),
		estate: {
			id: estate.id,
			name: estate.name,
			slug: estate.slug,
			description: estate.description,
			lon: estate.lon,
			lat: estate.lat,
			housingCompany: housingCompany?.name ?? null
		},
		buildings: buildings.map((b) => ({
			...b,
			dwellings: dwellings
				.filter((d) => d.building_id === b.id)
				.map((d) => ({
					...d,
					households: (byDwelling.get(d.id) ?? []).map((h) => ({ id: h.id, name: h.name, residentCount: h.residentCount, moveInDate: h.moveInDate }))
				}))
		})),
		dwellingCount: dwellings.length,
		householdCount: households.length,
		mayListHouseholds,
		partialView,
		map: mapData({
			area: { name: area.name, boundary: area.boundary, href: `/staff/areas/${area.slug}` },
			estates: [
				{ name: estate.name, boundary: estate.boundary, lon: estate.lon, lat: estate.lat },
				...buildings.map((b) => ({ name: b.name, lon: b.lon, lat: b.lat }))
			]
		}),
		tilesUrl: config.mapTilesUrl,
		attribution: config.mapTilesAttribution,
		saved: url.searchParams.has('saved'),
		canEdit: rights.editEstate,
		canAddBuilding: rights.createBuilding,
		canAddDwelling: rights.createDwelling,
		canEditDwelling: rights.editDwelling,
		canEditBuilding: rights.editBuilding
	};
});
