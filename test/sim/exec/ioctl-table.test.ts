/**
 * The preload's ioctl table, generated from the definitions, against the kernel's own
 * headers compiled by gcc: every request number, sizeof(argument struct), and the offset and
 * size of every entry-array field are what <linux/iommufd.h> and iommufd_test.h (7.2) give.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Layouts } from "../../../src/layout/layouts.js";
import { loadDefinitions } from "../../../src/load/load.js";
import { corpusIncludes, hostAbi } from "../../../src/sim/exec/host.js";
import { ioctlTable, ioctlTableSource } from "../../../src/sim/exec/ioctl-table.js";
import { SIM_DEFINITIONS } from "../../../src/sim/exec/native-build.js";
import { corpusHeaders, corpusSource } from "../../../src/util/corpus.js";

describe("the preload's ioctl table", () => {
  const loaded = loadDefinitions(SIM_DEFINITIONS);
  const abi = hostAbi();
  const table = ioctlTable(loaded.model, new Layouts(loaded.model), abi);

  it("has every ioctl with an argument struct, IOMMU_TEST_CMD included, sorted by number", () => {
    expect(table.map((e) => e.name)).toContain("IOMMU_TEST_CMD");
    expect(table.length).toBeGreaterThanOrEqual(22);
    expect(table.map((e) => e.number)).toEqual(
      [...table.map((e) => e.number)].sort((a, b) => a - b),
    );
    expect(ioctlTableSource(table, abi)).toContain("/* IOMMU_HWPT_INVALIDATE */");
  });

  it("agrees with gcc on the kernel's headers", () => {
    const structOf = new Map<string, string>();
    for (const m of loaded.model.modules)
      for (const i of m.items) if (i.kind === "ioctl" && i.arg) structOf.set(i.name, i.arg);
    const lines = table.flatMap((e) => {
      const s = `struct ${structOf.get(e.name)}`;
      const field = (f: { name: string }) =>
        `printf(" %zu:%zu", offsetof(${s}, ${f.name}), sizeof(((${s} *)0)->${f.name}));`;
      return [
        `printf("${e.name} %u %zu", (unsigned)${e.name}, sizeof(${s}));`,
        ...e.arrays.flatMap((a) => [field(a.pointer), field(a.entryLen), field(a.count)]),
        `printf("\\n");`,
      ];
    });
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-table-"));
    const c = join(dir, "table.c");
    writeFileSync(
      c,
      [
        "#include <stddef.h>",
        "#include <stdio.h>",
        "#include <sys/ioctl.h>",
        "#include <linux/iommufd.h>",
        '#include "iommufd_test.h"',
        "int main(void) {",
        ...lines,
        "return 0; }",
      ].join("\n"),
    );
    const h = corpusHeaders("7.2");
    const cc = spawnSync(
      "gcc",
      [
        ...corpusIncludes(h),
        "-I",
        join(corpusSource("7.2"), "drivers/iommu/iommufd"),
        "-o",
        join(dir, "table"),
        c,
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(cc.stderr).toBe("");
    const out = spawnSync(join(dir, "table"), { encoding: "utf8", timeout: 10_000 }).stdout;
    const ours = table
      .map((e) => {
        const f = (x: { offset: number; size: number }) => ` ${x.offset}:${x.size}`;
        const arrays = e.arrays.map((a) => f(a.pointer) + f(a.entryLen) + f(a.count)).join("");
        return `${e.name} ${e.number} ${e.size}${arrays}`;
      })
      .join("\n");
    expect(out.trim()).toBe(ours);
  });
});
