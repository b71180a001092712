/**
 * Defaults of the conformance run. The default fuzz count keeps `uapi-gen conform` within its
 * 20 s budget on 2 cores (bench/conform.bench.ts); long runs pass --fuzz 10000.
 */
export const DEFAULT_FUZZ = 100;
