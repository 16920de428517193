// The dialect-specific half of "which area holds this point?": candidate areas whose bounding box holds the point,
// found through the spatial index (SQLite R*Tree, PostgreSQL GiST). The exact polygon test is in core/areas/geometry.ts.
import { sql } from 'kysely';
import type { Db } from './database';
import type { Area } from './schema';

export async function areasWhoseBoxHolds(db: Db, lon: number, lat: number): Promise<Area[]> {
	if (db.dialect === 'sqlite') {
		return db
			.selectFrom('areas')
			.selectAll()
			.where(sql<boolean>`rowid IN (SELECT rid FROM area_rtree WHERE min_lon <= ${lon} AND max_lon >= ${lon} AND min_lat <= ${lat} AND max_lat >= ${lat})`)
			.execute();
	}
	return db
		.selectFrom('areas')
		.selectAll()
		.where('min_lon', 'is not', null)
		.where(sql<boolean>`box(point(min_lon, min_lat), point(max_lon, max_lat)) @> box(point(${lon}, ${lat}), point(${lon}, ${lat}))`)
		.execute();
}

/** The same candidates without their boundaries (which can be large): ids and boxes, for testing smallest first. */
export type AreaBox = { id: string; slug: string; min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null };
export async function areaBoxesHolding(db: Db, lon: number, lat: number): Promise<AreaBox[]> {
	const columns = ['id', 'slug', 'min_lon', 'min_lat', 'max_lon', 'max_lat'] as const;
	if (db.dialect === 'sqlite') {
		return db
			.selectFrom('areas')
			.select(columns)
			.where(sql<boolean>`rowid IN (SELECT rid FROM area_rtree WHERE min_lon <= ${lon} AND max_lon >= ${lon} AND min_lat <= ${lat} AND max_lat >= ${lat})`)
			.execute();
	}
	return db
		.selectFrom('areas')
		.select(columns)
		.where('min_lon', 'is not', null)
		.where(sql<boolean>`box(point(min_lon, min_lat), point(max_lon, max_lat)) @> box(point(${lon}, ${lat}), point(${lon}, ${lat}))`)
		.execute();
}
