// Reading GeoJSON from outside: a FeatureCollection file, and the geometry checks every boundary passes (type, nesting,
// finite numbers, lon/lat in range, rings closed with at least 4 positions). Pure: no database.
import { z } from 'zod';
import { Invalid } from '../errors';
import type { AreaGeometry, Position, Ring } from './geometry';
import { cleanStrings } from '../validation';

/** Why a geometry is not acceptable, as a stable code the import report translates. */
export type GeometryIssue =
	'geometry_missing' | 'geometry_type' | 'coordinates_malformed' | 'coordinate_not_number' | 'coordinate_out_of_range' | 'ring_too_short' | 'ring_not_closed';

function positionIssue(p: unknown): GeometryIssue | null {
	if (!Array.isArray(p) || p.length < 2 || p.length > 4) return 'coordinates_malformed';
	if (!p.every((n) => typeof n === 'number' && Number.isFinite(n))) return 'coordinate_not_number';
	if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) return 'coordinate_out_of_range';
	return null;
}

function ringIssue(ring: unknown): GeometryIssue | null {
	if (!Array.isArray(ring)) return 'coordinates_malformed';
	for (const p of ring) {
		const issue = positionIssue(p);
		if (issue) return issue;
	}
	if (ring.length < 4) return 'ring_too_short';
	const first = ring[0] as number[];
	const last = ring[ring.length - 1] as number[];
	if (first[0] !== last[0] || first[1] !== last[1]) return 'ring_not_closed';
	return null;
}

function polygonIssue(rings: unknown): GeometryIssue | null {
	if (!Array.isArray(rings) || rings.length === 0) return 'coordinates_malformed';
	for (const ring of rings) {
		const issue = ringIssue(ring);
		if (issue) return issue;
	}
	return null;
}

/** The first problem with a GeoJSON geometry of one of the allowed types, or null when it is fine. */
export function geometryIssue(value: unknown, allowed: ReadonlyArray<'Polygon' | 'MultiPolygon' | 'Point'>): GeometryIssue | null {
	if (value === null || value === undefined) return 'geometry_missing';
	if (typeof value !== 'object' || Array.isArray(value)) return 'geometry_type';
	const g = value as { type?: unknown; coordinates?: unknown };
	if (typeof g.type !== 'string' || !(allowed as readonly string[]).includes(g.type)) return 'geometry_type';
	if (g.type === 'Point') return positionIssue(g.coordinates);
	if (g.type === 'Polygon') return polygonIssue(g.coordinates);
	if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return 'coordinates_malformed';
	for (const polygon of g.coordinates) {
		const issue = polygonIssue(polygon);
		if (issue) return issue;
	}
	return null;
}

const lonLat = (p: Position): [number, number] => [p[0], p[1]];
const ringLonLat = (ring: Ring): [number, number][] => ring.map(lonLat);

/** Only { type, coordinates } with [lon, lat] positions: drops altitude, bbox and foreign members before storing. */
export function normaliseAreaGeometry(g: AreaGeometry): AreaGeometry {
	if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ringLonLat) };
	return { type: 'MultiPolygon', coordinates: g.coordinates.map((polygon) => polygon.map(ringLonLat)) };
}

/** Why a whole file is refused (nothing is imported): a stable code for the message. */
export type FileIssue = 'not_json' | 'not_feature_collection' | 'no_features';

const featureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

/** Parses the text of a GeoJSON file into its features; a file that is not a FeatureCollection throws Invalid. */
export function parseFeatureCollection(text: string): unknown[] {
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		throw Invalid.field('file', 'not_json', 'The file is not JSON');
	}
	// Names come out of JSON escapes ("\u202e"), so they are cleaned after parsing, as parseInput cleans a form's text.
	const parsed = featureCollection.safeParse(cleanStrings(json));
	if (!parsed.success) throw Invalid.field('file', 'not_feature_collection', 'The file is not a GeoJSON FeatureCollection');
	if (parsed.data.features.length === 0) throw Invalid.field('file', 'no_features', 'The file holds no features');
	return parsed.data.features;
}

export type FeatureRejection = { index: number; reason: string; name?: string; params?: Record<string, string> };
export type AcceptedFeature = { index: number; name: string; nameFr: string | null; code: string | null; geometry: AreaGeometry };

export type PropertyNames = { nameProperty?: string | null; codeProperty?: string | null; nameFrProperty?: string | null };

/** Property names tried in order when the person importing does not say which to use (Belgian open data first). */
const NAME_PROPERTIES = ['name_nl', 'naam', 'name', 'NAAM', 'NAME', 'Name', 'naam_nl', 'NAME_NL'];
const CODE_PROPERTIES = ['nis', 'nis_code', 'niscode', 'NIS', 'NISCODE', 'code', 'CODE', 'id'];
const NAME_FR_PROPERTIES = ['name_fr', 'naam_fr', 'nom', 'NAME_FR', 'NOM'];

function pick(props: Record<string, unknown>, chosen: string | null | undefined, defaults: string[]): unknown {
	if (chosen) return props[chosen];
	for (const key of defaults) if (props[key] !== undefined && props[key] !== null && props[key] !== '') return props[key];
	return undefined;
}

const asText = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);

/** Checks one feature: a polygon boundary and a name. Returns what to store, or why it is rejected. */
export function readAreaFeature(feature: unknown, index: number, names: PropertyNames): AcceptedFeature | FeatureRejection {
	if (!feature || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') return { index, reason: 'not_a_feature' };
	const f = feature as { geometry?: unknown; properties?: unknown };
	const props = f.properties && typeof f.properties === 'object' && !Array.isArray(f.properties) ? (f.properties as Record<string, unknown>) : {};
	const name = asText(pick(props, names.nameProperty, NAME_PROPERTIES));
	const shown = name ?? undefined;
	if (!name) return { index, reason: 'name_missing', params: { property: names.nameProperty || NAME_PROPERTIES[0] } };
	if (name.length > 200) return { index, reason: 'name_too_long', name: name.slice(0, 60) };
	const code = asText(pick(props, names.codeProperty, CODE_PROPERTIES));
	if (code && code.length > 20) return { index, reason: 'code_too_long', name: shown };
	const nameFrRaw = asText(pick(props, names.nameFrProperty, NAME_FR_PROPERTIES));
	const nameFr = nameFrRaw && nameFrRaw !== name && nameFrRaw.length <= 200 ? nameFrRaw : null;
	const issue = geometryIssue(f.geometry, ['Polygon', 'MultiPolygon']);
	if (issue) {
		const type = (f.geometry as { type?: unknown } | null)?.type;
		return { index, reason: issue, name: shown, ...(issue === 'geometry_type' && typeof type === 'string' ? { params: { type: type.slice(0, 30) } } : {}) };
	}
	return { index, name, nameFr, code, geometry: normaliseAreaGeometry(f.geometry as AreaGeometry) };
}

export const isRejection = (r: AcceptedFeature | FeatureRejection): r is FeatureRejection => 'reason' in r;
