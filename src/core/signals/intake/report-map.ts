// Where the map of the report form opens: around the estate of the poster, else around the area. Only the box is
// sent with the page (four numbers), so the form stays light; the map itself loads when a resident asks for it.
import { authorize, type Actor } from '../../access';
import { bboxOf, type AreaGeometry, type BBox, type PointGeometry } from '../../areas';
import type { Db } from '../../db';
import type { ReportPlace } from './report-form';

/** [west, south, east, north] in WGS84 degrees; a single point is a box of size zero. */
export type MapBounds = [number, number, number, number];

const asBounds = (b: BBox): MapBounds | null =>
	[b.minLon, b.minLat, b.maxLon, b.maxLat].every(Number.isFinite) ? [b.minLon, b.minLat, b.maxLon, b.maxLat] : null;

function estateBounds(e: { lon: number | null; lat: number | null; boundary: unknown } | undefined): MapBounds | null {
	if (!e) return null;
	const shape = e.boundary as AreaGeometry | null;
	if (shape && (shape.type === 'Polygon' || shape.type === 'MultiPolygon')) return asBounds(bboxOf(shape));
	if (e.lon !== null && e.lat !== null) return asBounds(bboxOf({ type: 'Point', coordinates: [e.lon, e.lat] } satisfies PointGeometry));
	return null;
}

/** The box the resident's map opens on; null when neither the estate nor the area has a place on the map. */
export async function reportMapBounds(db: Db, actor: Actor, place: ReportPlace): Promise<MapBounds | null> {
	authorize(actor, 'report', 'signal');
	if (place.estateId) {
		const estate = await db.selectFrom('estates').select(['lon', 'lat', 'boundary']).where('id', '=', place.estateId).executeTakeFirst();
		const bounds = estateBounds(estate);
		if (bounds) return bounds;
	}
	const area = await db.selectFrom('areas').select(['min_lon', 'min_lat', 'max_lon', 'max_lat']).where('id', '=', place.areaId).executeTakeFirst();
	if (area && area.min_lon !== null && area.min_lat !== null && area.max_lon !== null && area.max_lat !== null)
		return [area.min_lon, area.min_lat, area.max_lon, area.max_lat];
	// An area drawn without a boundary: around its estates.
	const estates = await db.selectFrom('estates').select(['lon', 'lat', 'boundary']).where('area_id', '=', place.areaId).execute();
	const boxes = estates.map(estateBounds).filter((b): b is MapBounds => b !== null);
	if (boxes.length === 0) return null;
	return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
