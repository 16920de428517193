import { getPublicArea } from '$core/areas';
import { publicSignalFigures } from '$core/signals';
import { publicSurveys } from '$core/surveys';
import { mapData } from '$lib/components/areas/map-data';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const area = await getPublicArea(locals.core.db, locals.actor, params.slug);
	// "What is going on": the signals module counts them (aggregates only); the area module never reads signals.
	// Beside them, the surveys of the area (open now, and published results): the surveys module decides which.
	const [signals, surveys] = await Promise.all([
		publicSignalFigures(locals.core.db, locals.actor, area.id),
		publicSurveys(locals.core.db, locals.actor, { areaId: area.id }, { locale: locals.locale })
	]);
	const map = mapData({
		area: { name: area.name, boundary: area.boundary },
		children: area.children.map((c) => ({ name: c.name, boundary: c.boundary, href: `/buurten/${c.slug}` })),
		estates: area.estates.map((e) => ({ ...e, href: `/buurten/${area.slug}/${e.slug}` }))
	});
	return { area, signals, surveys, map, tilesUrl: locals.core.config.mapTilesUrl, attribution: locals.core.config.mapTilesAttribution };
});
