// The collective view: figures per area, estate and category over a period, with hotspots on the map. Figures only,
// so every staff member may look; the filter is a plain GET form.
import { signalFigures, type Figures } from '$core/signals';
import { mapData } from '$lib/components/areas/map-data';
import { pageLoad, withFilterErrors } from '$lib/server/handlers';
import { figureChoices } from './choices';
import type { PageServerLoad } from './$types';

const KEYS = ['areaId', 'estateId', 'categoryId', 'from', 'to', 'bucket'] as const;

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const { db, config } = locals.core;
	const filters = Object.fromEntries(KEYS.map((k) => [k, (url.searchParams.get(k) ?? '').trim()])) as Record<(typeof KEYS)[number], string>;
	const choices = await figureChoices(db, locals.actor, locals.locale);
	const { result: figures, errors } = await withFilterErrors<Figures | null>(
		locals.locale,
		() => signalFigures(db, locals.actor, { ...filters, bucket: filters.bucket === 'week' ? 'week' : 'month' }),
		null
	);
	const map = figures ? mapData({ estates: figures.hotspots.map((h) => ({ name: `${h.count}`, lon: h.lon, lat: h.lat })) }) : mapData({});
	const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
	return { filters, errors, choices, figures, map, query, tilesUrl: config.mapTilesUrl, attribution: config.mapTilesAttribution };
});
