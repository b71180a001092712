import { describe, expect, it } from "vitest";
import { compareDesigns, formatComparison, runCase } from "../../src/sim/variants/compare.js";
import { CONTRACT_CASES } from "../../src/sim/variants/cases.js";
import { DESIGNS } from "../../src/sim/variants/designs.js";
import { checkContract, ranges } from "../../src/sim/variants/contract.js";
import { cli } from "./helpers.js";

describe("the contract checker", () => {
  it("flags unexecuted entries before the blamed index and executed ones after it", () => {
    const report = {
      errno: "EIO" as const,
      blamed: 3,
      code: "CERROR_ILL" as const,
      out: {},
      fields: {},
    };
    expect(checkContract(report, 5, [true, true, true, false, false], "CERROR_ILL")).toEqual({
      prefix: true,
      code: true,
      bounded: true,
      problems: [],
    });
    const bad = checkContract(report, 5, [true, false, false, true, false], "CERROR_ATC_INV_SYNC");
    expect(bad.prefix).toBe(false);
    expect(bad.problems).toEqual([
      "entries 1–2 were reported handled but the hardware never executed them",
      "entry 3 was executed but reported not handled",
      "the guest gets CERROR_ILL, the failure was CERROR_ATC_INV_SYNC",
    ]);
    expect(ranges([0, 1, 2, 5, 7, 8])).toBe("0–2, 5, 7–8");
  });
});

describe("sim compare", () => {
  const c = compareDesigns();
  it("the merged SMMUv3 path counts converted-but-never-issued commands as handled", () => {
    const late = runCase(
      DESIGNS.find((d) => d.id === "a")!,
      CONTRACT_CASES.find((x) => x.id === "eio-late")!,
    );
    expect(late.report).toMatchObject({ errno: "EIO", blamed: 100 });
    expect(late.executed.filter(Boolean).length).toBe(63);
    expect(late.verdict.problems).toEqual([
      "entries 63–99 were reported handled but the hardware never executed them",
    ]);
    expect(c.smmuv3Finding).toContain("entries 63–99 were converted but never issued");
  });
  it("only the merged kernel breaks the prefix property; (b) (c) (d) trade other properties", () => {
    const row = (id: string) => c.rows.find((r) => r.design === id)!;
    expect(c.rows.filter((r) => !r.prefix).map((r) => r.design)).toEqual(["a"]);
    expect(Object.keys(row("a").failures).sort()).toEqual([
      "atc-timeout",
      "eio-early",
      "eio-late",
      "nomem",
      "sync-timeout",
    ]);
    expect(row("b").zeroIsUnambiguous).toBe(false);
    expect(row("c").anyArraySize).toBe(false);
    expect(row("d").linearArray).toBe(false);
    expect(c.rows.every((r) => r.code && r.bounded)).toBe(true);
    expect(c.hostFinding).toContain("designs that lose it: a, a-fixed, b, c, d, e");
  });
  it("prints the table with the finding", async () => {
    const r = await cli(["sim", "compare"]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(
      /^design\s+prefix sound\s+code to guest\s+out <= in\s+0 unambiguous\s+any size\s+linear array$/,
    );
    expect(lines[2]).toMatch(
      /^\(a\) errno \+ entry_num, merged kernel\s+NO\s+yes\s+yes\s+yes\s+yes\s+yes$/,
    );
    expect(r.out).toContain("FINDING: SMMUv3 conversion path");
    expect(formatComparison(c)).toBe(r.out.trimEnd());
    const json = JSON.parse((await cli(["sim", "compare", "--format", "json"])).out);
    expect(json.rows).toHaveLength(6);
  });
});
