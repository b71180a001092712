import { describe, expect, it } from "vitest";
import type { RecordedRow } from "../../bench/lib/report.js";
import {
  EMPTY_STORE,
  mergeRuns,
  parseStore,
  renderResults,
  type BenchRun,
} from "../../bench/lib/results-store.js";

const row = (figure: string, ratio: number, met: boolean): RecordedRow => ({
  figure,
  what: `${figure} measured`,
  ours: "1 s",
  versus: "2 s",
  ratio,
  goal: { max: 1 },
  met,
  note: `${figure} note`,
});

const run = (commit: string, load: number, ...rows: RecordedRow[]): BenchRun => ({
  at: "2026-12-02T17:50:00.000Z",
  commit,
  load,
  machine: ["CPU: test, 2 cores available", `uapi-gen commit ${commit}`],
  rows,
});

describe("the benchmark results store", () => {
  it("replaces the rows of the benchmarks that ran and keeps the others", () => {
    let store = mergeRuns(EMPTY_STORE, {
      "a.bench.ts": run("aaa", 1.2, row("2 a", 0.5, true)),
      "b.bench.ts": run("aaa", 1.2, row("10 b", 3, false)),
    });
    store = mergeRuns(parseStore(JSON.stringify(store)), {
      "a.bench.ts": run("bbb", 0.4, row("2 a", 0.7, true)),
    });
    const md = renderResults(store);
    const table = md.split("\n").filter((l) => /^\| (2|10) /.test(l));
    // Numeric figure order; each row stamped with its own run.
    expect(table).toEqual([
      "| 2 a | 2 a measured | 1 s | 2 s | 0.70× | ≤ 1× | yes | 2026-12-02 17:50 bbb, load 0.4 |",
      "| 10 b | 10 b measured | 1 s | 2 s | 3.00× | ≤ 1× | **no** | 2026-12-02 17:50 aaa, load 1.2 |",
    ]);
    // One machine section for both (the commit line is not the machine).
    expect(md.match(/^Machine of /gm)).toEqual(["Machine of "]);
    expect(md).toContain("- **10 b, 10 b measured:** 10 b note");
  });

  it("starts afresh from a store that is missing or not JSON", () => {
    expect(parseStore(undefined)).toEqual(EMPTY_STORE);
    expect(parseStore("{oops")).toEqual(EMPTY_STORE);
    expect(parseStore("null")).toEqual(EMPTY_STORE);
  });
});
