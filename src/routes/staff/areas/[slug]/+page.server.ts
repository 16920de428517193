import { listEstates, shapingRights } from '$core/areas';
import { getAreaTree } from '$core/areas';
import { mapData } from '$lib/components/areas/map-data';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const { db, config } = locals.core;
	const { area, ancestors, children } = await getAreaTree(db, locals.actor, params.slug);
	const estates = await listEstates(db, locals.actor, area.id);
	const map = mapData({
		area: { name: area.name, boundary: area.boundary },
		children: children.map((c) => ({ name: c.name, boundary: c.boundary, href: `/staff/areas/${c.slug}` })),
		estates: estates.map((e) => ({ name: e.name, boundary: e.boundary, lon: e.lon, lat: e.lat, href: `/staff/areas/${area.slug}/estates/${e.slug}` }))
	});
	const rights = await shapingRights(db, locals.actor, area.id);
	const { boundary: _b, ...areaFacts } = area;
	return {
		area: { ...areaFacts, hasBoundary: !!area.boundary },
		ancestors: ancestors.map((a) => ({ name: a.name, slug: a.slug })),
		children: children.map((c) => ({ id: c.id, name: c.name, slug: c.slug, kind: c.kind })),
		estates: estates.map((e) => ({ id: e.id, name: e.name, slug: e.slug, buildings: e.buildings, dwellings: e.dwellings, households: e.households })),
		map,
		tilesUrl: config.mapTilesUrl,
		attribution: config.mapTilesAttribution,
		saved: url.searchParams.has('saved'),
		canEdit: rights.editArea,
		canCreateArea: rights.createArea,
		canCreateEstate: rights.createEstate
	};
});
