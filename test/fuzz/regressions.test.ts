// Saved fuzz cases (test/fuzz/regressions/<name>/: the case's files and case.json), replayed
// in a worker with the fuzz run's time limit and memory measurement: none may show a finding.
// A case whose fix has not landed yet carries pending.txt saying what it waits for, and is
// skipped (visibly) until that file is removed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSaved, replay } from "../../fuzz/lib/fuzz.js";
import { DEFAULT_LIMITS } from "../../fuzz/lib/types.js";

const DIR = join(import.meta.dirname, "regressions");
const cases = readdirSync(DIR).sort();
const ready = cases.filter((c) => !existsSync(join(DIR, c, "pending.txt")));

describe("saved fuzz findings", () => {
  for (const name of cases.filter((c) => !ready.includes(c))) {
    const why = readFileSync(join(DIR, name, "pending.txt"), "utf8").split("\n")[1] ?? "";
    it.skip(`${name} (pending: ${why})`, () => {});
  }
  it.runIf(ready.length > 0)(`replay ${ready.join(", ")} without a finding`, async () => {
    const found = await replay(
      ready.map((c) => loadSaved(join(DIR, c))),
      DEFAULT_LIMITS,
    );
    expect(Object.fromEntries(ready.map((c, i) => [c, found[i]]))).toEqual(
      Object.fromEntries(ready.map((c) => [c, []])),
    );
  });
});
