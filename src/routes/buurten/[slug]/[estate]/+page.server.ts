// An estate's public page: what it is, its streets, how many problems were reported there and what was done, its
// surveys; the report form one tap away. Places and counts only.
import { getPublicEstate } from '$core/areas';
import { publicSignalFigures } from '$core/signals';
import { publicSurveys } from '$core/surveys';
import { mapData } from '$lib/components/areas/map-data';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const estate = await getPublicEstate(locals.core.db, locals.actor, params.slug, params.estate);
	const [signals, surveys] = await Promise.all([
		publicSignalFigures(locals.core.db, locals.actor, estate.areaId, undefined, { estateId: estate.id }),
		publicSurveys(locals.core.db, locals.actor, { estateId: estate.id }, { locale: locals.locale })
	]);
	const map = mapData({ estates: [estate] });
	return { estate, signals, surveys, map, tilesUrl: locals.core.config.mapTilesUrl, attribution: locals.core.config.mapTilesAttribution };
});
