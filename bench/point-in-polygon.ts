// The exact "is this point inside this boundary?" test the lookup bench uses until core/areas/lookup.ts has areaAt:
// even-odd ray casting over GeoJSON Polygon and MultiPolygon rings (holes included).

type Ring = number[][];
type Boundary = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

function inRing(lon: number, lat: number, ring: Ring): boolean {
	let inside = false;
	for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
		const [xa, ya] = ring[a];
		const [xb, yb] = ring[b];
		if (ya > lat !== yb > lat && lon < ((xb - xa) * (lat - ya)) / (yb - ya) + xa) inside = !inside;
	}
	return inside;
}

function inPolygon(lon: number, lat: number, rings: Ring[]): boolean {
	if (!rings.length || !inRing(lon, lat, rings[0])) return false;
	for (let h = 1; h < rings.length; h++) if (inRing(lon, lat, rings[h])) return false;
	return true;
}

export function boundaryHolds(boundary: unknown, lon: number, lat: number): boolean {
	const b = boundary as Boundary | null;
	if (!b || typeof b !== 'object') return false;
	if (b.type === 'Polygon') return inPolygon(lon, lat, b.coordinates);
	if (b.type === 'MultiPolygon') return b.coordinates.some((rings) => inPolygon(lon, lat, rings));
	return false;
}
