// What the API says about an area: one shape, described once for the OpenAPI document. Areas hold no personal data,
// but the presenter still names every field, so nothing new leaks out when the table grows.
import { z } from 'zod';
import type { Area } from '../db';
import { AREA_KINDS } from './model';
import type { AreaSummary } from './areas';

export const areaJson = z.object({
	id: z.uuid(),
	slug: z.string(),
	kind: z.enum(AREA_KINDS),
	name: z.string(),
	nameFr: z.string().nullable(),
	code: z.string().nullable().meta({ description: 'Official code where there is one (NIS code of a municipality)' }),
	parentId: z.uuid().nullable(),
	description: z.string().nullable(),
	bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().meta({ description: '[minLon, minLat, maxLon, maxLat] in WGS84' }),
	url: z.string().meta({ description: 'The public page of the area' })
});
export type AreaJson = z.infer<typeof areaJson>;

export const areaFeatureJson = z.object({
	type: z.literal('Feature'),
	id: z.uuid(),
	properties: areaJson,
	geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }).nullable()
});

export function presentArea(a: AreaSummary | Area): AreaJson {
	const bbox: AreaJson['bbox'] =
		a.min_lon === null || a.min_lat === null || a.max_lon === null || a.max_lat === null ? null : [a.min_lon, a.min_lat, a.max_lon, a.max_lat];
	return {
		id: a.id,
		slug: a.slug,
		kind: a.kind,
		name: a.name,
		nameFr: a.name_fr,
		code: a.code,
		parentId: a.parent_id,
		description: a.description,
		bbox,
		url: `/buurten/${a.slug}`
	};
}

/** An area as a GeoJSON Feature with its boundary. */
export function presentAreaFeature(a: Area): z.infer<typeof areaFeatureJson> {
	return { type: 'Feature', id: a.id, properties: presentArea(a), geometry: (a.boundary as z.infer<typeof areaFeatureJson>['geometry']) ?? null };
}
