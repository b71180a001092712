import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAll, runScenarios } from "../../src/sim/scenario/runner.js";
import { cli } from "./helpers.js";

const DIR = join(import.meta.dirname, "scenarios");
const FILES = readdirSync(DIR)
  .filter((f) => /\.(json|ya?ml)$/.test(f))
  .sort();

describe("shipped scenarios", () => {
  it("are all there", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of FILES) {
    it(`${file} passes every step`, () => {
      const result = runScenarios(loadAll([{ path: join(DIR, file), shownAs: file }]));
      const failed = result.scenarios.flatMap((s) =>
        s.steps
          .filter((st) => !st.passed)
          .map((st) => `${s.name} step ${st.index}: ${st.diff.join("; ")}`),
      );
      expect(failed).toEqual([]);
      expect(result.passed).toBeGreaterThan(0);
    });
  }

  it("runs through the CLI with exit 0 and the closing line", async () => {
    const r = await cli(["sim", "run", ...FILES.map((f) => join(DIR, f))]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+ passed, 0 failed$/);
  });

  it("prints JSON for YAML files too (their integers are bigints)", async () => {
    const r = await cli(["sim", "run", "--format", "json", join(DIR, "vmm.yaml")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).scenarios[0].steps[0].expected.cons).toBe(6);
  });

  it("prints the JSON shape of the spec", async () => {
    const r = await cli(["sim", "run", "--format", "json", join(DIR, "mock-nested.json")]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.failed).toBe(0);
    expect(json.passed).toBe(15);
    const step = json.scenarios[0].steps[8];
    expect(Object.keys(json.scenarios[0])).toEqual(["name", "file", "passed", "steps"]);
    expect(Object.keys(step)).toEqual(["index", "action", "passed", "got", "expected", "diff"]);
    expect(step.got).toEqual({
      errno: "EOPNOTSUPP",
      entry_num: 1,
      state: { "nested.iotlb": [0, 0xbadbeef, 0xbadbeef, 0xbadbeef] },
    });
    expect(step.diff).toEqual([]);
  });
});
