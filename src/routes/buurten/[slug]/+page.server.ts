import { getPublicArea } from '$core/areas/public';
import { publicSignalFigures } from '$core/signals/service';
import { mapData } from '$lib/components/areas/map-data';
import { pageError } from '$lib/server/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const area = await getPublicArea(locals.core.db, locals.actor, params.slug);
		// "What is going on": the signals module counts them (aggregates only); the area module never reads signals.
		const signals = await publicSignalFigures(locals.core.db, locals.actor, area.id);
		const map = mapData({
			area: { name: area.name, boundary: area.boundary },
			children: area.children.map((c) => ({ name: c.name, boundary: c.boundary, href: `/buurten/${c.slug}` })),
			estates: area.estates
		});
		return { area, signals, map, tilesUrl: locals.core.config.mapTilesUrl, attribution: locals.core.config.mapTilesAttribution };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
