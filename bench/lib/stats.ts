// Medians and percentiles over repeated runs: every figure in bench/results.md is a median.

export interface Summary {
  median: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error("summarize: no samples");
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, p95: at(0.95), min: s[0]!, max: s.at(-1)!, runs: s.length };
}

/** Milliseconds `fn` takes, once. */
export function timeMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Milliseconds of `runs` calls of `fn`, after `warmup` calls that are not counted. */
export function sampleMs(fn: () => void, runs: number, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(timeMs(fn));
  return out;
}

/**
 * Interleaves the contenders run by run (a, b, c, a, b, c, ...) so that a slow phase of the
 * machine (the other core busy, a frequency step) lands on all of them alike. `between` runs
 * untimed after each contender, e.g. a full collection so none pays for another's garbage.
 */
export function sampleSideBySide(
  contenders: Record<string, () => void>,
  runs: number,
  warmup = 1,
  between: () => void = () => {},
): Record<string, number[]> {
  const names = Object.keys(contenders);
  for (let i = 0; i < warmup; i++)
    for (const n of names) {
      contenders[n]!();
      between();
    }
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++)
    for (const n of names) {
      out[n]!.push(timeMs(contenders[n]!));
      between();
    }
  return out;
}
