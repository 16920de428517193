// A small seeded random source, so the same --seed builds the same dataset (names, shapes and ids) every time.

export type Random = {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	/** Picks by weight: [[item, weight], …]. */
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	chance(p: number): boolean;
};

/** mulberry32: fast, 32-bit state, good enough to spread test data (not for secrets). */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)],
		weighted(items) {
			const total = items.reduce((sum, [, w]) => sum + w, 0);
			let r = next() * total;
			for (const [item, w] of items) if ((r -= w) < 0) return item;
			return items[items.length - 1][0];
		},
		chance: (p) => next() < p
	};
}

/** Mixes a seed with integers into a new seed: the same edge of the grid gets the same wiggle from both sides. */
export function hashSeed(...parts: number[]): number {
	let h = 0x811c9dc5;
	for (const p of parts) {
		h ^= p | 0;
		h = Math.imul(h, 0x01000193);
		h ^= h >>> 13;
	}
	return h >>> 0;
}

/**
 * Deterministic ids in the shape of UUIDv7 (time-ordered, version 7, variant 10): a fixed start time plus a sequence,
 * the rest from the seeded random source. The app treats them like any other id.
 */
export function idMaker(random: Random, startMs = Date.UTC(2026, 0, 1)): () => string {
	let seq = 0;
	const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
	return () => {
		const ms = startMs + Math.floor(seq / 4096);
		const counter = seq % 4096;
		seq++;
		const r1 = Math.floor(random.next() * 0x4000); // 14 bits after the variant
		const r2 = Math.floor(random.next() * 0x1000000); // 24 bits
		const r3 = Math.floor(random.next() * 0x1000000); // 24 bits
		const time = hex(ms, 12);
		return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(counter, 3)}-${hex(0x8000 | r1, 4)}-${hex(r2, 6)}${hex(r3, 6)}`;
	};
}
