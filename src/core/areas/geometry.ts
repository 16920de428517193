// Pure plane geometry on GeoJSON (WGS84 lon/lat) polygons: bounding boxes, point-in-polygon with holes, rough
// centroids. The database narrows candidates by bounding box (core/db/spatial.ts); this decides exactly.

export type Position = [number, number] | number[];
export type Ring = Position[];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Ring[] };
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: Ring[][] };
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
export type PointGeometry = { type: 'Point'; coordinates: Position };
export type BBox = { minLon: number; minLat: number; maxLon: number; maxLat: number };

/** The polygons of a geometry, each as [outer ring, ...holes]. */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function bboxOf(geometry: AreaGeometry | PointGeometry): BBox {
	let minLon = Infinity;
	let minLat = Infinity;
	let maxLon = -Infinity;
	let maxLat = -Infinity;
	const visit = (p: Position) => {
		if (p[0] < minLon) minLon = p[0];
		if (p[0] > maxLon) maxLon = p[0];
		if (p[1] < minLat) minLat = p[1];
		if (p[1] > maxLat) maxLat = p[1];
	};
	if (geometry.type === 'Point') visit(geometry.coordinates);
	else for (const polygon of polygonsOf(geometry)) for (const ring of polygon) ring.forEach(visit);
	return { minLon, minLat, maxLon, maxLat };
}

export const bboxArea = (b: BBox): number => (b.maxLon - b.minLon) * (b.maxLat - b.minLat);

/** Whether the point lies on the segment a–b (within a tiny tolerance): a point on a border counts as inside. */
function onSegment(lon: number, lat: number, a: Position, b: Position): boolean {
	const cross = (b[0] - a[0]) * (lat - a[1]) - (b[1] - a[1]) * (lon - a[0]);
	if (Math.abs(cross) > 1e-12) return false;
	return (
		lon >= Math.min(a[0], b[0]) - 1e-12 && lon <= Math.max(a[0], b[0]) + 1e-12 && lat >= Math.min(a[1], b[1]) - 1e-12 && lat <= Math.max(a[1], b[1]) + 1e-12
	);
}

/** Ray casting (even-odd) against one ring: 'in', 'out' or 'edge'. Works whether or not the ring repeats its first position. */
export function ringContains(ring: Ring, lon: number, lat: number): 'in' | 'out' | 'edge' {
	let inside = false;
	const n = ring.length;
	for (let i = 0, j = n - 1; i < n; j = i++) {
		const a = ring[i];
		const b = ring[j];
		if (onSegment(lon, lat, a, b)) return 'edge';
		if (a[1] > lat !== b[1] > lat) {
			const x = ((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]) + a[0];
			if (lon < x) inside = !inside;
		}
	}
	return inside ? 'in' : 'out';
}

/** A point is in a polygon when it is in (or on) the outer ring and not strictly inside any hole. */
export function polygonContains(polygon: Ring[], lon: number, lat: number): boolean {
	const [outer, ...holes] = polygon;
	if (!outer || ringContains(outer, lon, lat) === 'out') return false;
	return holes.every((hole) => ringContains(hole, lon, lat) !== 'in');
}

export function geometryContains(geometry: AreaGeometry, lon: number, lat: number): boolean {
	return polygonsOf(geometry).some((polygon) => polygonContains(polygon, lon, lat));
}

/** Signed area of a ring (shoelace), in square degrees: positive when counter-clockwise. */
export function ringSignedArea(ring: Ring): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	return sum / 2;
}

/**
 * A point that represents the geometry: the area-weighted centroid of the largest outer ring, or, when that falls
 * outside (a crescent-shaped area), the middle of the bounding box if inside, else the first vertex. Used to guess
 * which municipality a neighbourhood lies in.
 */
export function representativePoint(geometry: AreaGeometry | PointGeometry): [number, number] {
	if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
	let best: Ring | undefined;
	let bestArea = -1;
	for (const [outer] of polygonsOf(geometry)) {
		const a = Math.abs(ringSignedArea(outer));
		if (a > bestArea) {
			bestArea = a;
			best = outer;
		}
	}
	if (!best || best.length === 0) return [0, 0];
	const signed = ringSignedArea(best);
	if (signed !== 0) {
		let cx = 0;
		let cy = 0;
		for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
			const f = best[j][0] * best[i][1] - best[i][0] * best[j][1];
			cx += (best[j][0] + best[i][0]) * f;
			cy += (best[j][1] + best[i][1]) * f;
		}
		const c: [number, number] = [cx / (6 * signed), cy / (6 * signed)];
		if (geometryContains(geometry, c[0], c[1])) return c;
	}
	const b = bboxOf(geometry);
	const mid: [number, number] = [(b.minLon + b.maxLon) / 2, (b.minLat + b.maxLat) / 2];
	if (geometryContains(geometry, mid[0], mid[1])) return mid;
	return [best[0][0], best[0][1]];
}
