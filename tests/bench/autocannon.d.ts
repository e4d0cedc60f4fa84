// The part of autocannon's API (9.x, see its README) that tests/bench/http.ts uses; the package ships
// no types.
declare module 'autocannon' {
	interface Histogram {
		average: number;
		mean: number;
		stddev: number;
		min: number;
		max: number;
		total: number;
		p50: number;
		p90: number;
		p99: number;
	}
	interface Request {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		setupRequest?: (request: { path: string }) => { path: string } | undefined;
	}
	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		headers?: Record<string, string>;
		requests?: Request[];
		/** Seconds before a request counts as timed out. */
		timeout?: number;
	}
	interface Result {
		requests: Histogram;
		latency: Histogram;
		duration: number;
		errors: number;
		timeouts: number;
		non2xx: number;
	}
	function autocannon(options: Options): Promise<Result>;
	export default autocannon;
}
