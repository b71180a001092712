// A small seeded sample of `npm run fuzz` on every run: mutated definitions (linted,
// generated, compiled), mutated kernel headers (linted, imported), mutated scenario files
// (simulated) and language-server sessions, each case in a worker process with a time limit
// and a memory measurement. Any internal error, run over 10 s, memory over 1 GiB or
// diagnostic without a position fails the test; `npm run fuzz` is the long run.
import { expect, it } from "vitest";
import { runFuzz } from "../../fuzz/lib/fuzz.js";
import { DEFAULT_LIMITS } from "../../fuzz/lib/types.js";

it("finds nothing in a seeded sample of every family", async () => {
  const report = await runFuzz({
    seed: "suite",
    counts: { defs: 16, headers: 4, scenarios: 12, lsp: 6 },
    jobs: 2,
    limits: DEFAULT_LIMITS,
    budgetMs: 10 * 60_000,
    minimiseTrials: 0,
  });
  for (const f of report.families) {
    expect(f.skipped, f.family).toBeUndefined();
    expect(f.ran, f.family).toBe(f.asked);
    expect(
      f.findings,
      `${f.family}: run \`npm run fuzz -- --seed suite\` to save reproducers`,
    ).toEqual([]);
  }
});
