// The exact "is this point inside the area" test, on hand-made shapes and on random ones (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	bboxArea,
	bboxOf,
	geometryContains,
	polygonContains,
	representativePoint,
	ringContains,
	ringSignedArea,
	type AreaGeometry,
	type Ring
} from './geometry';

const square = (x0: number, y0: number, size: number): Ring => [
	[x0, y0],
	[x0 + size, y0],
	[x0 + size, y0 + size],
	[x0, y0 + size],
	[x0, y0]
];

describe('point in polygon', () => {
	const park: AreaGeometry = { type: 'Polygon', coordinates: [square(3, 50, 1), square(3.4, 50.4, 0.2)] };

	it('finds a point inside the outer ring and outside the hole', () => {
		expect(geometryContains(park, 3.1, 50.1)).toBe(true);
		expect(geometryContains(park, 3.5, 50.5)).toBe(false); // in the hole
		expect(geometryContains(park, 4.5, 50.5)).toBe(false); // outside
	});

	it('counts a point on the border as inside, also on a hole border', () => {
		expect(geometryContains(park, 3, 50.5)).toBe(true);
		expect(geometryContains(park, 3.4, 50.5)).toBe(true);
		expect(ringContains(square(0, 0, 1), 1, 1)).toBe('edge');
	});

	it('handles a MultiPolygon: a municipality with a detached part', () => {
		const twoParts: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };
		expect(geometryContains(twoParts, 5.5, 5.5)).toBe(true);
		expect(geometryContains(twoParts, 0.5, 0.5)).toBe(true);
		expect(geometryContains(twoParts, 3, 3)).toBe(false);
	});

	it('handles a concave shape (an L) and rings that do not repeat their first position', () => {
		const l: Ring = [
			[0, 0],
			[2, 0],
			[2, 1],
			[1, 1],
			[1, 2],
			[0, 2]
		];
		expect(polygonContains([l], 0.5, 1.5)).toBe(true);
		expect(polygonContains([l], 1.5, 1.5)).toBe(false);
		expect(polygonContains([l], 1.5, 0.5)).toBe(true);
	});

	it('gives the bounding box and its size', () => {
		const b = bboxOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 2)]] });
		expect(b).toEqual({ minLon: 0, minLat: 0, maxLon: 7, maxLat: 7 });
		expect(bboxArea(b)).toBe(49);
		expect(bboxOf({ type: 'Point', coordinates: [3.18, 50.81] })).toEqual({ minLon: 3.18, minLat: 50.81, maxLon: 3.18, maxLat: 50.81 });
	});

	it('knows which way a ring turns', () => {
		expect(ringSignedArea(square(0, 0, 2))).toBe(4);
		expect(ringSignedArea([...square(0, 0, 2)].reverse())).toBe(-4);
	});

	it('finds a representative point inside, even for a crescent-like U shape', () => {
		expect(representativePoint({ type: 'Polygon', coordinates: [square(0, 0, 2)] })).toEqual([1, 1]);
		const u: Ring = [
			[0, 0],
			[3, 0],
			[3, 3],
			[2, 3],
			[2, 1],
			[1, 1],
			[1, 3],
			[0, 3],
			[0, 0]
		];
		const [x, y] = representativePoint({ type: 'Polygon', coordinates: [u] });
		expect(polygonContains([u], x, y)).toBe(true);
	});
});

describe('point in polygon, for any shape (properties)', () => {
	const coord = fc.double({ min: -170, max: 170, noNaN: true });
	const size = fc.double({ min: 0.001, max: 10, noNaN: true });

	it('a point inside a random rectangle is inside; one outside its box is outside', () => {
		fc.assert(
			fc.property(
				coord,
				coord,
				size,
				size,
				fc.double({ min: 0.01, max: 0.99, noNaN: true }),
				fc.double({ min: 0.01, max: 0.99, noNaN: true }),
				(x, y, w, h, fx, fy) => {
					const ring: Ring = [
						[x, y],
						[x + w, y],
						[x + w, y + h],
						[x, y + h],
						[x, y]
					];
					const g: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
					expect(geometryContains(g, x + fx * w, y + fy * h)).toBe(true);
					expect(geometryContains(g, x + w + 1, y + fy * h)).toBe(false);
					expect(geometryContains(g, x + fx * w, y - 1)).toBe(false);
				}
			)
		);
	});

	it('the answer does not depend on the direction of the ring or where it starts', () => {
		const star = fc.array(fc.double({ min: 0.2, max: 1, noNaN: true }), { minLength: 3, maxLength: 12 });
		fc.assert(
			fc.property(
				star,
				fc.nat(),
				coord,
				coord,
				fc.double({ min: -1.2, max: 1.2, noNaN: true }),
				fc.double({ min: -1.2, max: 1.2, noNaN: true }),
				(radii, shift, cx, cy, px, py) => {
					// A star-shaped polygon around (cx, cy): always simple.
					const ring: Ring = radii.map((r, i) => {
						const a = (2 * Math.PI * i) / radii.length;
						return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
					});
					const k = shift % ring.length;
					const rotated = [...ring.slice(k), ...ring.slice(0, k)];
					const reversed = [...ring].reverse();
					const inside = polygonContains([ring], cx + px, cy + py);
					expect(polygonContains([rotated], cx + px, cy + py)).toBe(inside);
					expect(polygonContains([reversed], cx + px, cy + py)).toBe(inside);
					// The centre of a star-shaped polygon is always inside.
					expect(polygonContains([ring], cx, cy)).toBe(true);
				}
			)
		);
	});

	it('a point inside a polygon is inside its bounding box, and a hole removes exactly its inside', () => {
		fc.assert(
			fc.property(coord, coord, size, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y, w, fx, fy) => {
				const outer = square(x, y, w);
				const hole = square(x + w / 4, y + w / 4, w / 2);
				const px = x + fx * w;
				const py = y + fy * w;
				const g: AreaGeometry = { type: 'Polygon', coordinates: [outer, hole] };
				const inHole = ringContains(hole, px, py) === 'in';
				expect(geometryContains(g, px, py)).toBe(!inHole);
				const b = bboxOf(g);
				if (geometryContains(g, px, py)) expect(px >= b.minLon && px <= b.maxLon && py >= b.minLat && py <= b.maxLat).toBe(true);
			})
		);
	});
});
