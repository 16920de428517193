// The part of autocannon's programmatic API the bench uses (the package ships no types).
declare module 'autocannon' {
	type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number; total: number };
	export type Result = {
		duration: number;
		requests: Histogram;
		latency: Histogram;
		throughput: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		'2xx': number;
		statusCodeStats?: Record<string, { count: number }>;
	};
	type Request = {
		method?: string;
		path?: string;
		body?: string;
		headers?: Record<string, string>;
		setupRequest?: (req: Record<string, unknown>, context: Record<string, unknown>) => Record<string, unknown>;
	};
	export type Options = {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		timeout?: number;
		headers?: Record<string, string>;
		/** Requests per second over all connections; without it, as fast as the connections go. */
		overallRate?: number;
		requests?: Request[];
	};
	export default function autocannon(options: Options): Promise<Result> & { stop(): void };
}
