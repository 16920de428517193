// The bench's map must be a believable map: neighbourhoods tile the land without gaps or overlaps, and each one lies
// in exactly one municipality, so a point lookup has exactly one right answer.
import { describe, expect, it } from 'vitest';
import { geometryContains, ringSignedArea, type AreaGeometry } from '../src/core/areas/geometry';
import { blockOf, cellAt, cellRing, coveredBox, hasCell, layoutFor, outlineRing, pointNearCentre } from './grid';
import { seededRandom } from './random';

const polygon = (ring: number[][]): AreaGeometry => ({ type: 'Polygon', coordinates: [ring] });

function shapes(count: number, seed: number) {
	const layout = layoutFor(count, seed);
	const cells = Array.from({ length: count }, (_, k) => cellAt(layout, k));
	const hoods = cells.map(({ i, j }) => polygon(cellRing(layout, i, j)));
	const blocks = new Map<number, typeof cells>();
	for (const c of cells) blocks.set(blockOf(layout, c.i, c.j), [...(blocks.get(blockOf(layout, c.i, c.j)) ?? []), c]);
	const municipalities = [...blocks].map(([b, list]) => polygon(outlineRing(layout, list, (i, j) => hasCell(layout, i, j) && blockOf(layout, i, j) === b)));
	const region = polygon(outlineRing(layout, cells, (i, j) => hasCell(layout, i, j)));
	return { layout, cells, hoods, municipalities, region };
}

describe('the bench map', () => {
	for (const count of [1, 7, 203, 2000]) {
		it(`puts every point of the covered land in exactly one of ${count} neighbourhoods and one municipality`, () => {
			const { layout, hoods, municipalities, region } = shapes(count, 3);
			const box = coveredBox(layout);
			const random = seededRandom(count);
			for (let n = 0; n < 400; n++) {
				const lon = box.minLon + random.next() * (box.maxLon - box.minLon);
				const lat = box.minLat + random.next() * (box.maxLat - box.minLat);
				expect(hoods.filter((h) => geometryContains(h, lon, lat))).toHaveLength(1);
				expect(municipalities.filter((m) => geometryContains(m, lon, lat))).toHaveLength(1);
				expect(geometryContains(region, lon, lat)).toBe(true);
			}
		});
	}

	it('draws every neighbourhood counter-clockwise, with its buildings inside it', () => {
		const { layout, cells, hoods } = shapes(500, 9);
		cells.forEach(({ i, j }, k) => {
			const ring = (hoods[k] as { coordinates: number[][][] }).coordinates[0];
			expect(ringSignedArea(ring)).toBeGreaterThan(0);
			for (const [u, v] of [
				[0, 0],
				[1, 1],
				[0, 1],
				[0.5, 0.5]
			])
				expect(geometryContains(hoods[k], ...pointNearCentre(layout, i, j, u, v))).toBe(true);
		});
	});

	it('draws the same map for the same seed and another map for another seed', () => {
		expect(shapes(300, 5).hoods).toEqual(shapes(300, 5).hoods);
		expect(shapes(300, 5).hoods).not.toEqual(shapes(300, 6).hoods);
	});

	it('keeps to about 30 neighbourhoods per municipality and at most 300 municipalities', () => {
		expect(shapes(10_000, 1).municipalities.length).toBeLessThanOrEqual(300);
		expect(shapes(10_000, 1).municipalities.length).toBeGreaterThan(250);
		const perMunicipality = 3000 / shapes(3000, 1).municipalities.length;
		expect(perMunicipality).toBeGreaterThan(15);
		expect(perMunicipality).toBeLessThan(60);
	});
});
