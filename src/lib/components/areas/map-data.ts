// Shapes for AreaMap as one GeoJSON FeatureCollection: the area itself, the areas inside it, and estates (a point or
// their own boundary). Each feature carries a role (for its style), a name and optionally a link.
export type MapRole = 'area' | 'child' | 'estate';
export type MapFeature = {
	type: 'Feature';
	properties: { role: MapRole; name: string; href?: string };
	geometry: { type: string; coordinates: unknown };
};
export type MapData = { type: 'FeatureCollection'; features: MapFeature[] };

type Shape = { name: string; boundary?: unknown; lon?: number | null; lat?: number | null; href?: string };

function geometryOf(shape: Shape): MapFeature['geometry'] | null {
	const b = shape.boundary as { type?: string; coordinates?: unknown } | null | undefined;
	if (b && typeof b.type === 'string') return { type: b.type, coordinates: b.coordinates };
	if (typeof shape.lon === 'number' && typeof shape.lat === 'number') return { type: 'Point', coordinates: [shape.lon, shape.lat] };
	return null;
}

export function mapData(parts: { area?: Shape | null; children?: Shape[]; estates?: Shape[] }): MapData {
	const features: MapFeature[] = [];
	const add = (role: MapRole, shape: Shape) => {
		const geometry = geometryOf(shape);
		if (geometry) features.push({ type: 'Feature', properties: { role, name: shape.name, ...(shape.href ? { href: shape.href } : {}) }, geometry });
	};
	if (parts.area) add('area', parts.area);
	for (const c of parts.children ?? []) add('child', c);
	for (const e of parts.estates ?? []) add('estate', e);
	return { type: 'FeatureCollection', features };
}

/** JSON that is safe inside a <script> element: no "</script>" or "<!--" can close it early. */
export const scriptJson = (value: unknown): string =>
	JSON.stringify(value)
		.replace(/</g, '\\u003c')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
