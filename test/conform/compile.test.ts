/** Part 1: the generated headers and self-checks compile on every ABI, values compared. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ABIS, getAbi, type Abi } from "../../src/abi/abis.js";
import { compileStep } from "../../src/conform/compile-check.js";
import { Pool } from "../../src/conform/exec.js";
import { describeFinding } from "../../src/conform/types.js";
import { createWorkspace, type Workspace } from "../../src/conform/workspace.js";
import { Layouts } from "../../src/layout/layouts.js";
import { HOLES, SHIPPED, workspaceOf } from "./helpers.js";

const pool = new Pool();
let shipped: Workspace;
let holes: Workspace;

beforeAll(async () => {
  [shipped, holes] = await Promise.all([workspaceOf(SHIPPED), workspaceOf(HOLES)]);
});
afterAll(() => {
  shipped?.dispose();
  holes?.dispose();
});

describe("compile checks", () => {
  it.each(ABIS.map((a) => [a.name, a] as const))(
    "shipped definitions pass on %s",
    async (_name, abi) => {
      const r = await compileStep(shipped, abi, pool);
      expect(r.findings?.map(describeFinding) ?? [], r.detail).toEqual([]);
      expect(r.status).toBe("pass");
      expect(r.detail).toMatch(/self-check compile\(s\), \d+ values/);
    },
  );

  it("passes on the per-ABI test module on every ABI", async () => {
    const results = await Promise.all(ABIS.map((abi) => compileStep(holes, abi, pool)));
    expect(results.map((r) => r.status)).toEqual(ABIS.map(() => "pass"));
  });

  it("names the ABI, struct, field, expected and actual value of a wrong expectation", async () => {
    // An i386 whose u64 alignment is 8, as if the table were wrong: the compiler disagrees.
    const wrong: Abi = { ...getAbi("i386"), align: { ...getAbi("i386").align, i64: 8 } };
    // A fresh side table, so the wrong i386 is the one laid out (the workspace's has the real one).
    const ws = { ...holes, layouts: new Layouts(holes.model) };
    const r = await compileStep(ws, wrong, pool);
    expect(r.status).toBe("fail");
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        abi: "i386",
        struct: "ch_inner",
        field: "offsetof(b)",
        expected: 8,
        actual: 4,
      }),
    );
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        abi: "i386",
        struct: "ch_inner",
        field: "sizeof",
        expected: 16,
        actual: 12,
      }),
    );
  });

  it("reports a self-check that does not compile with the compiler's message", async () => {
    const ws = await createWorkspace(
      holes.model,
      holes.layouts,
      holes.primary,
      holes.dir,
      join(holes.dir, "broken"),
    );
    const file = join(ws.dir, "c/checks/conform_holes.layout.c");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "sizeof(struct ch_inner) == 16",
        "sizeof(struct ch_inner) == 17",
      ),
    );
    const r = await compileStep(ws, getAbi("x86_64"), pool);
    expect(r.status).toBe("fail");
    expect(r.findings!.map((f) => f.message).join("\n")).toMatch(
      /conform_holes\.layout\.c does not compile[\s\S]*sizeof\(struct ch_inner\) == 17/,
    );
  });

  it("compares enumerators and ioctl numbers through the compiler, per ABI family", async () => {
    const ws = await createWorkspace(
      shipped.model,
      shipped.layouts,
      shipped.primary,
      shipped.dir,
      join(shipped.dir, "wrong-value"),
    );
    const file = join(ws.dir, "c/linux/iommufd.h");
    const text = readFileSync(file, "utf8");
    expect(text).toContain("IOMMUFD_CMD_OPTION = 0x87,");
    writeFileSync(file, text.replace("IOMMUFD_CMD_OPTION = 0x87,", "IOMMUFD_CMD_OPTION = 0x97,"));
    const [generic, powerpc] = await Promise.all(
      ["x86_64", "powerpc"].map((a) => compileStep(ws, getAbi(a as never), pool)),
    );
    expect(generic!.findings?.map(describeFinding)).toEqual([
      "x86_64: enumerator(IOMMUFD_CMD_OPTION): the compiled enumerator of IOMMUFD_CMD_OPTION differs from the definitions (expected 0x87, actual 0x97)",
      "x86_64: ioctl number(IOMMU_OPTION): the compiled ioctl number of IOMMU_OPTION differs from the definitions (expected 0x3b87, actual 0x3b97)",
    ]);
    // powerpc's _IOC_NONE is 1 at bit 29.
    expect(powerpc!.findings?.map((f) => [f.field, f.actual])).toEqual([
      ["enumerator(IOMMUFD_CMD_OPTION)", "0x97"],
      ["ioctl number(IOMMU_OPTION)", "0x20003b97"],
    ]);
  });
});
