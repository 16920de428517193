// "Which area holds this point?": candidates from the spatial index (bounding boxes), then the exact polygon test.
// Areas are not personal data, so no actor is needed: the public API and signal intake both ask this.
import type { Db } from '../db';
import type { Area } from '../db';
import { areaBoxesHolding, areasWhoseBoxHolds, type AreaBox } from '../db';
import { bboxArea, geometryContains, type AreaGeometry } from './geometry';

function isAreaGeometry(value: unknown): value is AreaGeometry {
	const g = value as { type?: unknown; coordinates?: unknown } | null;
	return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates);
}

const boxArea = (a: Area | AreaBox) => bboxArea({ minLon: a.min_lon ?? 0, minLat: a.min_lat ?? 0, maxLon: a.max_lon ?? 0, maxLat: a.max_lat ?? 0 });

/** Every area whose boundary holds the point, smallest (by bounding box) first: a neighbourhood before its municipality. */
export async function areasAt(db: Db, lon: number, lat: number): Promise<Area[]> {
	if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [];
	const candidates = await areasWhoseBoxHolds(db, lon, lat);
	return candidates
		.filter((a) => isAreaGeometry(a.boundary) && geometryContains(a.boundary, lon, lat))
		.sort((a, b) => boxArea(a) - boxArea(b) || a.slug.localeCompare(b.slug));
}

/**
 * The smallest area whose boundary really holds the point, or null (a point in the sea). Candidates are tried smallest
 * box first and the search stops at the first hit, so the detailed outline of a municipality or region (thousands of
 * vertices) is only tested when no neighbourhood holds the point.
 */
export async function areaAt(db: Db, lon: number, lat: number): Promise<Area | null> {
	if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
	const candidates = (await areaBoxesHolding(db, lon, lat)).sort((a, b) => boxArea(a) - boxArea(b) || a.slug.localeCompare(b.slug));
	for (const candidate of candidates) {
		const area = await db.selectFrom('areas').selectAll().where('id', '=', candidate.id).executeTakeFirst();
		if (area && isAreaGeometry(area.boundary) && geometryContains(area.boundary, lon, lat)) return area;
	}
	return null;
}
