// The collective view: figures per area, estate and category over a period, with hotspots on the map. Figures only,
// so every staff member may look; the filter is a plain GET form.
import { Invalid } from '$core/errors';
import { fieldErrors } from '$core/i18n/field-errors';
import { signalFigures, type Figures } from '$core/signals';
import { mapData } from '$lib/components/areas/map-data';
import { pageError } from '$lib/server/problem';
import { figureChoices } from './choices';
import type { PageServerLoad } from './$types';

const KEYS = ['areaId', 'estateId', 'categoryId', 'from', 'to', 'bucket'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, config } = locals.core;
	const filters = Object.fromEntries(KEYS.map((k) => [k, (url.searchParams.get(k) ?? '').trim()])) as Record<(typeof KEYS)[number], string>;
	try {
		const choices = await figureChoices(db, locals.actor, locals.locale);
		let figures: Figures | null = null;
		let errors: Record<string, string> = {};
		try {
			figures = await signalFigures(db, locals.actor, { ...filters, bucket: filters.bucket === 'week' ? 'week' : 'month' });
		} catch (err) {
			if (!(err instanceof Invalid)) throw err;
			errors = fieldErrors(locals.locale, err.issues);
		}
		const map = figures ? mapData({ estates: figures.hotspots.map((h) => ({ name: `${h.count}`, lon: h.lon, lat: h.lat })) }) : mapData({});
		const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
		return { filters, errors, choices, figures, map, query, tilesUrl: config.mapTilesUrl, attribution: config.mapTilesAttribution };
	} catch (err) {
		pageError(err, locals.locale);
	}
};
