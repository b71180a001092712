// One row of the results table. Each benchmark measures its figure against the thing it is
// compared with in the same run, and records the ratio and whether the goal is met; bench/run.ts
// gathers the rows of every benchmark into one table (printed and written to bench/results.md).
import { appendFileSync } from "node:fs";

export interface Goal {
  /** The ratio must be at most this (times, sizes: lower is better). */
  max?: number;
  /** The ratio must be at least this (speed-ups, rates: higher is better). */
  min?: number;
}

export interface Row {
  /** The figure number and a short name, e.g. "4 codecs". */
  figure: string;
  /** What was measured, e.g. "decode 1M vtd entries into objects". */
  what: string;
  /** Our value, formatted with its unit, e.g. "31.2 M entries/s". */
  ours: string;
  /** What it is compared with, formatted with its name and unit. */
  versus: string;
  /** ours/versus in the sense the goal states (a speed-up or a slow-down factor). */
  ratio: number;
  goal: Goal;
  /** Repeated runs behind the medians, and anything a reader needs to judge the row. */
  note?: string;
}

export interface RecordedRow extends Row {
  met: boolean;
}

export function goalText(goal: Goal): string {
  const parts: string[] = [];
  if (goal.min !== undefined) parts.push(`≥ ${goal.min}×`);
  if (goal.max !== undefined) parts.push(`≤ ${goal.max}×`);
  return parts.join(", ") || "(measured only)";
}

export function goalMet(ratio: number, goal: Goal): boolean {
  return (
    Number.isFinite(ratio) &&
    (goal.min === undefined || ratio >= goal.min) &&
    (goal.max === undefined || ratio <= goal.max)
  );
}

/** Prints the row and, under bench/run.ts, hands it to the table (BENCH_RESULTS names a file). */
export function record(row: Row): RecordedRow {
  const recorded = { ...row, met: goalMet(row.ratio, row.goal) };
  console.log(
    `[${row.figure}] ${row.what}: ${row.ours} vs ${row.versus} = ${row.ratio.toFixed(2)}× ` +
      `(goal ${goalText(row.goal)}: ${recorded.met ? "met" : "NOT met"})`,
  );
  const sink = process.env.BENCH_RESULTS;
  if (sink) appendFileSync(sink, JSON.stringify(recorded) + "\n");
  return recorded;
}

/** Formats a rate, e.g. rate(1e6, 32.1) = "31.2 M/s". */
export function rate(count: number, ms: number, unit = "entries"): string {
  const perSecond = (count / ms) * 1000;
  return perSecond >= 1e6
    ? `${(perSecond / 1e6).toFixed(1)} M ${unit}/s`
    : `${(perSecond / 1e3).toFixed(1)} k ${unit}/s`;
}

export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}
