// bench/results.json holds the last rows of every benchmark with when, where and under what
// load they were measured; bench/results.md is rendered from it. A run of some benchmarks
// (`npm run bench cold-lint`) replaces only their rows, so a slow benchmark need not be re-run
// to refresh a fast one, and every row still says which run it came from.
import type { RecordedRow } from "./report.js";
import { goalText } from "./report.js";

export interface BenchRun {
  /** ISO date and time the benchmark started. */
  readonly at: string;
  readonly commit: string;
  /** The machine's 1-minute load average when it started: figures under load are slower. */
  readonly load: number;
  readonly machine: readonly string[];
  readonly rows: readonly RecordedRow[];
}

export interface ResultsStore {
  /** By benchmark file name. */
  readonly benches: Readonly<Record<string, BenchRun>>;
}

export const EMPTY_STORE: ResultsStore = { benches: {} };

/** The store with these benchmarks' runs replacing their earlier ones. */
export function mergeRuns(
  store: ResultsStore,
  runs: Readonly<Record<string, BenchRun>>,
): ResultsStore {
  return { benches: { ...store.benches, ...runs } };
}

/** Reads a store, or the empty one when there is none or it is not one (it is rewritten). */
export function parseStore(text: string | undefined): ResultsStore {
  if (!text) return EMPTY_STORE;
  try {
    const v = JSON.parse(text) as ResultsStore;
    return v && typeof v.benches === "object" && v.benches ? v : EMPTY_STORE;
  } catch {
    return EMPTY_STORE;
  }
}

function stamp(run: BenchRun): string {
  return `${run.at.slice(0, 16).replace("T", " ")} ${run.commit}, load ${run.load.toFixed(1)}`;
}

/** The table of every row, in figure order, each with the run it came from. */
export function resultsTable(store: ResultsStore): string[] {
  const rows = Object.values(store.benches)
    .flatMap((run) => run.rows.map((row) => ({ row, run })))
    .sort((a, b) => a.row.figure.localeCompare(b.row.figure, "en", { numeric: true }));
  return [
    "| figure | measured | uapi-gen | compared with | ratio | goal | met | run |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map(
      ({ row: r, run }) =>
        `| ${r.figure} | ${r.what} | ${r.ours} | ${r.versus} | ${r.ratio.toFixed(2)}× | ` +
        `${goalText(r.goal)} | ${r.met ? "yes" : "**no**"} | ${stamp(run)} |`,
    ),
  ];
}

/** bench/results.md: the machines, the table, and how each row was measured. */
export function renderResults(store: ResultsStore): string {
  const machines = new Map<string, string[]>();
  for (const [file, run] of Object.entries(store.benches).sort()) {
    // The commit line differs from run to run; the machine is the rest.
    const key = run.machine.filter((l) => !l.startsWith("uapi-gen commit")).join("\n");
    machines.set(key, [...(machines.get(key) ?? []), file]);
  }
  const notes = Object.values(store.benches)
    .flatMap((run) => run.rows)
    .sort((a, b) => a.figure.localeCompare(b.figure, "en", { numeric: true }))
    .filter((r) => r.note)
    .map((r) => `- **${r.figure}, ${r.what}:** ${r.note}`);
  return [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts) from bench/results.json; do not edit by hand.",
    "Every figure is a median over repeated runs, measured side by side with what it is compared",
    "with in the same run. `npm run bench NAME` re-runs some benchmarks and replaces only their",
    "rows; the last column says which run (date, commit, the machine's load average at its start)",
    "each row comes from. On 2 cores, a load well above 2 means other work shared the machine.",
    "",
    ...[...machines].flatMap(([machine, files]) => [
      `Machine of ${files.join(", ")}:`,
      "",
      ...machine.split("\n").map((l) => `- ${l}`),
      "",
    ]),
    ...resultsTable(store),
    "",
    "## How each row was measured",
    "",
    ...notes,
    "",
  ].join("\n");
}
