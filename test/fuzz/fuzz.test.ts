// A small seeded sample of `npm run fuzz` on every run: mutated definitions (linted,
// generated, compiled), mutated kernel headers (linted, imported), mutated scenario files
// (simulated) and language-server sessions, each case in a worker process with a time limit
// and a memory measurement. Any internal error, run over 10 s, memory over 1 GiB or
// diagnostic without a position fails the test; `npm run fuzz` is the long run.
//
// Then the saved fuzz cases (test/fuzz/regressions/<name>/: the case's files and case.json)
// are replayed the same way. A case whose fix has not landed yet carries pending.txt saying
// what it waits for, and is skipped (visibly) until that file is removed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSaved, replay, runFuzz } from "../../fuzz/lib/fuzz.js";
import { Pool } from "../../fuzz/lib/pool.js";
import { DEFAULT_LIMITS } from "../../fuzz/lib/types.js";

const pool = new Pool(2, DEFAULT_LIMITS);
afterAll(() => pool.close());

it("finds nothing in a seeded sample of every family", async () => {
  const report = await runFuzz({
    seed: "suite",
    counts: { defs: 10, headers: 2, scenarios: 8, lsp: 4 },
    jobs: 2,
    limits: DEFAULT_LIMITS,
    budgetMs: 10 * 60_000,
    minimiseTrials: 0,
    pool,
  });
  for (const f of report.families) {
    expect(f.skipped, f.family).toBeUndefined();
    expect(f.ran, f.family).toBe(f.asked);
    expect(f.findings, `${f.family}: \`npm run fuzz -- --seed suite\` saves reproducers`).toEqual(
      [],
    );
  }
});

describe("saved fuzz findings", () => {
  const dir = join(import.meta.dirname, "regressions");
  const cases = readdirSync(dir).sort();
  const ready = cases.filter((c) => !existsSync(join(dir, c, "pending.txt")));
  for (const name of cases.filter((c) => !ready.includes(c))) {
    const why = readFileSync(join(dir, name, "pending.txt"), "utf8").split("\n")[1] ?? "";
    it.skip(`${name} (pending: ${why})`, () => {});
  }
  it.runIf(ready.length > 0)(`replay ${ready.join(", ")} without a finding`, async () => {
    const found = await replay(
      ready.map((c) => loadSaved(join(dir, c))),
      DEFAULT_LIMITS,
      pool,
    );
    expect(Object.fromEntries(ready.map((c, i) => [c, found[i]]))).toEqual(
      Object.fromEntries(ready.map((c) => [c, []])),
    );
  });
});
