// Point-in-area lookups in process: areaAt(db, lon, lat) for random points in the covered part of the generated
// grid, where every point lies in exactly one neighbourhood, so every lookup must find one.
import { areaAt } from '../src/core/areas/lookup';
import type { Db } from '../src/core/db/database';
import type { Box } from './grid';
import { seededRandom } from './random';

export type LookupLoad = { seconds: number; maxLookups: number; concurrency: number; seed: number };
export type LookupFigures = {
	lookups: number;
	lookupsPerSecond: number;
	latencyMs: { p50: number; p99: number; mean: number; max: number };
	found: number;
	concurrency: number;
};

const WARMUP_LOOKUPS = 200;

export async function measureLookups(db: Db, box: Box, load: LookupLoad): Promise<LookupFigures> {
	const random = seededRandom(load.seed);
	const point = () => [box.minLon + random.next() * (box.maxLon - box.minLon), box.minLat + random.next() * (box.maxLat - box.minLat)] as const;
	for (let n = 0; n < WARMUP_LOOKUPS; n++) await areaAt(db, ...point());

	const latencies = new Float64Array(load.maxLookups);
	let count = 0;
	let found = 0;
	const started = performance.now();
	const deadline = started + load.seconds * 1000;
	// Each caller takes the next slot until time or slots run out: bounded in count and in time.
	const caller = async () => {
		while (performance.now() < deadline && count < load.maxLookups) {
			const slot = count++;
			const [lon, lat] = point();
			const t0 = performance.now();
			const area = await areaAt(db, lon, lat);
			latencies[slot] = performance.now() - t0;
			if (area && (area.kind === 'neighbourhood' || area.kind === 'focus_area')) found++;
		}
	};
	await Promise.all(Array.from({ length: load.concurrency }, caller));
	const elapsed = (performance.now() - started) / 1000;
	const sorted = latencies.subarray(0, count).sort();
	const at = (q: number) => sorted[Math.min(count - 1, Math.floor(q * count))] ?? 0;
	const mean = count ? sorted.reduce((s, v) => s + v, 0) / count : 0;
	return {
		lookups: count,
		lookupsPerSecond: count / elapsed,
		latencyMs: { p50: at(0.5), p99: at(0.99), mean, max: sorted[count - 1] ?? 0 },
		found,
		concurrency: load.concurrency
	};
}
