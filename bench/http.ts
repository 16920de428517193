// Measures one page under load with autocannon: a short warm-up that is thrown away, then a fixed number of
// connections for a fixed time. Only ever aimed at the local bench server.
import autocannon from 'autocannon';

export type HttpLoad = { connections: number; seconds: number; warmupSeconds: number };

export type HttpFigures = {
	requests: number;
	requestsPerSecond: number;
	latencyMs: { p50: number; p99: number; mean: number; max: number };
	non2xx: number;
	errors: number;
	timeouts: number;
	bytesPerSecond: number;
};

/** GETs the paths round-robin (each connection cycles through them) and reports the measured part only. */
export async function measurePaths(origin: string, paths: string[], load: HttpLoad): Promise<HttpFigures> {
	const url = new URL(origin);
	if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('the bench only loads a server on this machine');
	const requests = paths.map((path) => ({ method: 'GET', path }));
	const base = { url: origin + paths[0], connections: load.connections, requests, timeout: 10, headers: { 'accept-language': 'nl-BE' } };
	if (load.warmupSeconds > 0) await autocannon({ ...base, duration: load.warmupSeconds });
	const result = await autocannon({ ...base, duration: load.seconds });
	return {
		requests: result.requests.total,
		requestsPerSecond: result.requests.total / result.duration,
		latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean, max: result.latency.max },
		non2xx: result.non2xx,
		errors: result.errors,
		timeouts: result.timeouts,
		bytesPerSecond: result.throughput.average
	};
}

/** The status of one GET, to see whether a page exists before measuring it. */
export async function statusOf(origin: string, path: string): Promise<number> {
	try {
		const res = await fetch(origin + path, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}
