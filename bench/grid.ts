// The shapes of the bench areas: a jittered grid of neighbourhoods over Flanders' bounding box. Neighbours share
// their edges exactly (each edge's wiggle comes from a hash of the edge), so areas never overlap and every point of
// the covered rectangle lies in exactly one neighbourhood. Municipalities are blocks of cells, the region is all.
import { hashSeed, seededRandom } from './random';

export type Position = [number, number];
export type Ring = Position[];
export type Box = { minLon: number; minLat: number; maxLon: number; maxLat: number };

/** Flanders, roughly: about 236 km east-west and 92 km north-south. */
export const FLANDERS: Box = { minLon: 2.54, minLat: 50.68, maxLon: 5.92, maxLat: 51.51 };
const ASPECT = 236 / 92;
/** Vertex jitter and edge wiggle as a share of a cell: small enough that no cell can fold over itself. */
const VERTEX_JITTER = 0.12;
const EDGE_WIGGLE = 0.05;
const EDGE_POINTS = [1 / 3, 2 / 3];

export type Layout = {
	seed: number;
	count: number;
	cols: number;
	rows: number;
	/** Rows filled from west to east; the row above them holds the rest, from the west. */
	fullRows: number;
	blockSide: number;
	box: Box;
	dLon: number;
	dLat: number;
};

/** About 30 neighbourhoods per municipality, and never more than Flanders' 300 municipalities. */
export function layoutFor(count: number, seed: number, box: Box = FLANDERS): Layout {
	if (count < 1) throw new Error('at least one area is needed');
	const municipalitiesWanted = Math.min(300, Math.ceil(count / 30));
	const rows = Math.max(1, Math.round(Math.sqrt(count / ASPECT)));
	const cols = Math.ceil(count / rows);
	return {
		seed,
		count,
		cols,
		rows,
		fullRows: Math.floor(count / cols),
		blockSide: Math.max(1, Math.round(Math.sqrt(count / municipalitiesWanted))),
		box,
		dLon: (box.maxLon - box.minLon) / cols,
		dLat: (box.maxLat - box.minLat) / rows
	};
}

/** Cell number k in row-major order, from the south-west corner. */
export function cellAt(layout: Layout, k: number): { i: number; j: number } {
	return { i: k % layout.cols, j: Math.floor(k / layout.cols) };
}

export function hasCell(layout: Layout, i: number, j: number): boolean {
	return i >= 0 && j >= 0 && i < layout.cols && j * layout.cols + i < layout.count;
}

/** The municipality block a cell belongs to, numbered row-major over the blocks. */
export function blockOf(layout: Layout, i: number, j: number): number {
	const blocksPerRow = Math.ceil(layout.cols / layout.blockSide);
	return Math.floor(j / layout.blockSide) * blocksPerRow + Math.floor(i / layout.blockSide);
}

export function blockCount(layout: Layout): { perRow: number; rows: number } {
	return { perRow: Math.ceil(layout.cols / layout.blockSide), rows: Math.ceil(layout.rows / layout.blockSide) };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Vertices on the covered rectangle's border (and the top of the last row) stay put, so the extent stays exact. */
function vertex(layout: Layout, i: number, j: number): Position {
	const fixed = i === 0 || i === layout.cols || j === 0 || j === layout.rows || j === layout.fullRows;
	const r = seededRandom(hashSeed(layout.seed, 1, i, j));
	const ji = fixed ? 0 : (r.next() * 2 - 1) * VERTEX_JITTER;
	const jj = fixed ? 0 : (r.next() * 2 - 1) * VERTEX_JITTER;
	return [layout.box.minLon + (i + ji) * layout.dLon, layout.box.minLat + (j + jj) * layout.dLat];
}

/** The points of an edge from vertex a to vertex b, without b; wiggled across the edge unless it is a border. */
function edge(layout: Layout, a: [number, number], b: [number, number]): Position[] {
	const forward = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
	const [s, e] = forward ? [a, b] : [b, a];
	const horizontal = s[1] === e[1];
	const fixed = horizontal ? s[1] === 0 || s[1] === layout.rows || s[1] === layout.fullRows : s[0] === 0 || s[0] === layout.cols;
	const r = seededRandom(hashSeed(layout.seed, 2, s[0], s[1], horizontal ? 0 : 1));
	const p0 = vertex(layout, s[0], s[1]);
	const p1 = vertex(layout, e[0], e[1]);
	const inner: Position[] = EDGE_POINTS.map((t) => {
		const off = fixed ? 0 : (r.next() * 2 - 1) * EDGE_WIGGLE;
		const lon = p0[0] + (p1[0] - p0[0]) * t + (horizontal ? 0 : off * layout.dLon);
		const lat = p0[1] + (p1[1] - p0[1]) * t + (horizontal ? off * layout.dLat : 0);
		return [lon, lat];
	});
	const points = forward ? [p0, ...inner] : [p1, ...inner.reverse()];
	return points.map(([lon, lat]) => [round6(lon), round6(lat)]);
}

/** The four sides of cell (i, j), counter-clockwise (RFC 7946), each as [from vertex, to vertex, neighbour cell]. */
function sides(i: number, j: number): Array<[[number, number], [number, number], [number, number]]> {
	return [
		[
			[i, j],
			[i + 1, j],
			[i, j - 1]
		],
		[
			[i + 1, j],
			[i + 1, j + 1],
			[i + 1, j]
		],
		[
			[i + 1, j + 1],
			[i, j + 1],
			[i, j + 1]
		],
		[
			[i, j + 1],
			[i, j],
			[i - 1, j]
		]
	];
}

function closed(points: Position[]): Ring {
	return [...points, points[0]];
}

export function cellRing(layout: Layout, i: number, j: number): Ring {
	return closed(sides(i, j).flatMap(([a, b]) => edge(layout, a, b)));
}

/** The outline of a set of cells (simply connected, as blocks cut by the last row are): its outer edges, chained. */
export function outlineRing(layout: Layout, cells: Array<{ i: number; j: number }>, inSet: (i: number, j: number) => boolean): Ring {
	const next = new Map<string, { to: string; points: Position[] }>();
	for (const { i, j } of cells) {
		for (const [a, b, [ni, nj]] of sides(i, j)) {
			if (inSet(ni, nj)) continue;
			const key = `${a[0]},${a[1]}`;
			if (next.has(key)) throw new Error(`outline touches itself at ${key}`);
			next.set(key, { to: `${b[0]},${b[1]}`, points: edge(layout, a, b) });
		}
	}
	const start = next.keys().next().value as string;
	const points: Position[] = [];
	let at = start;
	for (let steps = 0; steps <= next.size; steps++) {
		const step = next.get(at);
		if (!step) throw new Error(`outline broken at ${at}`);
		points.push(...step.points);
		at = step.to;
		if (at === start) return closed(points);
	}
	throw new Error('outline does not close');
}

export function boxOf(ring: Ring): Box {
	let minLon = Infinity,
		minLat = Infinity,
		maxLon = -Infinity,
		maxLat = -Infinity;
	for (const [lon, lat] of ring) {
		if (lon < minLon) minLon = lon;
		if (lon > maxLon) maxLon = lon;
		if (lat < minLat) minLat = lat;
		if (lat > maxLat) maxLat = lat;
	}
	return { minLon, minLat, maxLon, maxLat };
}

/** The rectangle in which every point lies in exactly one neighbourhood (the full rows). */
export function coveredBox(layout: Layout): Box {
	const { box } = layout;
	return { minLon: box.minLon, minLat: box.minLat, maxLon: box.maxLon, maxLat: box.minLat + layout.fullRows * layout.dLat };
}

/** A point in the middle part of a cell, which the jitter never moves out of it. */
export function pointNearCentre(layout: Layout, i: number, j: number, u: number, v: number): Position {
	const lon = layout.box.minLon + (i + 0.5 + (u - 0.5) * 0.5) * layout.dLon;
	const lat = layout.box.minLat + (j + 0.5 + (v - 0.5) * 0.5) * layout.dLat;
	return [round6(lon), round6(lat)];
}
