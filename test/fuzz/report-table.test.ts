import { describe, expect, it } from "vitest";
import type { FamilyReport, FuzzReport } from "../../fuzz/lib/fuzz.js";
import { recordRun, textTable } from "../../fuzz/lib/report-table.js";

function family(name: FamilyReport["family"], asked: number, internal = 0): FamilyReport {
  return {
    family: name,
    asked,
    ran: asked,
    maxMs: 1500,
    maxWallMs: 2000,
    slowest: `${name}-3`,
    peakRssBytes: 300 * 1024 ** 2,
    accepted: 7,
    findings: internal ? [{ kind: "internal", detail: "exit 70", count: internal }] : [],
  };
}

const run = (seed: string, ...families: FamilyReport[]): FuzzReport => ({ seed, families, ms: 1 });

describe("the fuzz results table", () => {
  it("prints one aligned row per family", () => {
    const t = textTable(run("1", family("defs", 10, 2))).split("\n");
    expect(t[0]).toMatch(/^family +cases +accepted/);
    expect(t[2]).toMatch(/^defs +10\/10 +7 +1\.5 s \(defs-3\) +2\.0 s +300 MiB +2 +0 +0 +0$/);
  });

  it("is appended to a document without one, then keeps the rows of families a run skipped", () => {
    const first = recordRun(
      "# Fuzzing\n",
      run("1", family("defs", 10), family("lsp", 5)),
      "abc",
      "d1",
    );
    expect(first).toContain("| defs | 10/10 | 7 |");
    expect(first).toContain("| lsp | 5/5 | - |");
    const second = recordRun(
      `${first}\nafter\n`,
      run("2", family("defs", 0), family("headers", 20, 1), family("lsp", 0)),
      "def",
      "d2",
    );
    const rows = second.split("\n").filter((l) => /^\| (defs|headers|lsp) \|/.test(l));
    expect(rows).toEqual([
      expect.stringMatching(/^\| defs \| 10\/10 .* \| 1 \| abc \| d1 \|$/),
      expect.stringMatching(/^\| headers \| 20\/20 .* \| 1 \| 0 \| 0 \| 0 \| 2 \| def \| d2 \|$/),
      expect.stringMatching(/^\| lsp \| 5\/5 .* \| 1 \| abc \| d1 \|$/),
    ]);
    expect(second.endsWith("after\n")).toBe(true);
    expect(second.match(/fuzz-results:begin/g)).toHaveLength(1);
  });
});
