// Times an async call in process: a short warm-up that is thrown away, then as many calls as fit in the time (bounded
// in count too), from one or more concurrent callers, with the latency of each call.
export type CallLoad = { seconds: number; maxCalls: number; concurrency: number; warmupCalls: number };
export type CallFigures = {
	calls: number;
	callsPerSecond: number;
	/** CPU time of this process (user + system) per call: what a busy machine does not change much. */ cpuMsPerCall: number;
	latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
	failures: number;
	firstError?: string;
};

/** `call(k)` gets the call's number, so callers can vary the input (round-robin over organisations, a new key). */
export async function measureCalls(call: (k: number) => Promise<unknown>, load: CallLoad): Promise<CallFigures> {
	let k = 0;
	for (let w = 0; w < load.warmupCalls; w++) await call(k++);
	const latencies = new Float64Array(load.maxCalls);
	let count = 0;
	let failures = 0;
	let firstError: string | undefined;
	const started = performance.now();
	const cpu = process.cpuUsage();
	const deadline = started + load.seconds * 1000;
	const caller = async () => {
		while (performance.now() < deadline && count < load.maxCalls) {
			const slot = count++;
			const t0 = performance.now();
			try {
				await call(k++);
			} catch (err) {
				failures++;
				firstError ??= err instanceof Error ? err.message : String(err);
			}
			latencies[slot] = performance.now() - t0;
		}
	};
	await Promise.all(Array.from({ length: load.concurrency }, caller));
	const elapsed = (performance.now() - started) / 1000;
	const used = process.cpuUsage(cpu);
	return {
		calls: count,
		callsPerSecond: count / elapsed,
		cpuMsPerCall: count ? (used.user + used.system) / 1000 / count : 0,
		latencyMs: percentiles(latencies.subarray(0, count)),
		failures,
		firstError
	};
}

export function percentiles(values: Float64Array): CallFigures['latencyMs'] {
	const sorted = Float64Array.from(values).sort();
	const n = sorted.length;
	const at = (q: number) => (n ? sorted[Math.min(n - 1, Math.floor(q * n))] : 0);
	return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: n ? sorted.reduce((s, v) => s + v, 0) / n : 0, max: n ? sorted[n - 1] : 0 };
}
