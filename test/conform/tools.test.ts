/** Part 4: pahole and abidiff agree with the layout engine. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ABIS, getAbi, type Abi } from "../../src/abi/abis.js";
import { Pool } from "../../src/conform/exec.js";
import { abidiffStep, parseAbidiff } from "../../src/conform/tools/abidiff.js";
import { parsePahole, paholeStep } from "../../src/conform/tools/pahole.js";
import { compareVersions } from "../../src/conform/tools/versions.js";
import { describeFinding } from "../../src/conform/types.js";
import type { Workspace } from "../../src/conform/workspace.js";
import { Layouts } from "../../src/layout/layouts.js";
import { HOLES, ROOT, SHIPPED, workspaceOf } from "./helpers.js";

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

const each = ABIS.map((a) => [a.name, a] as const);

describe("pahole", () => {
  it.each(each)("agrees on %s (shipped and per-ABI test definitions)", async (_n, abi) => {
    for (const ws of [shipped, holes]) {
      const r = await paholeStep(ws, abi, pool);
      expect(r.findings?.map(describeFinding) ?? []).toEqual([]);
      expect(r.status).toBe("pass");
    }
  });

  it("sees the holes the engine computes where they are", async () => {
    expect((await paholeStep(holes, getAbi("x86_64"), pool)).detail).toContain("3 hole(s)");
    expect((await paholeStep(holes, getAbi("i386"), pool)).detail).toContain("2 hole(s)");
  });

  it("parses holes, padding and union widths", () => {
    const text =
      "struct s {\n\t__u32 a; /*     0     4 */\n\n\t/* XXX 4 bytes hole, try to pack */\n\n\t__u64 b; /*     8     8 */\n\t__u8 c; /*    16     1 */\n\n\t/* size: 24, cachelines: 1, members: 3 */\n\t/* padding: 7 */\n};\nunion u {\n\t__u64 w; /*     0     8 */\n};\n";
    const r = parsePahole(text);
    expect(r.get("s")).toMatchObject({ size: 24, padding: 7, holes: [{ offset: 4, size: 4 }] });
    expect(r.get("u")).toMatchObject({ kind: "union", end: 8 });
  });

  it("names a wrong expectation", async () => {
    const wrong: Abi = { ...getAbi("i386"), align: { ...getAbi("i386").align, i64: 8 } };
    const ws = { ...holes, layouts: new Layouts(holes.model) };
    const r = await paholeStep(ws, wrong, pool);
    expect(r.status).toBe("fail");
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        abi: "i386",
        struct: "ch_inner",
        field: "holes",
        expected: "4@4",
        actual: "none",
      }),
    );
  });
});

describe("abidiff across ABIs", () => {
  it.each(each.filter(([n]) => n !== "x86_64"))("agrees with the engine on %s", async (_n, abi) => {
    for (const ws of [shipped, holes]) {
      const r = await abidiffStep(ws, abi, pool);
      expect(r.findings?.map(describeFinding) ?? []).toEqual([]);
      expect(r.status).toBe("pass");
    }
  });

  it("really sees differences: i386 and m68k lay ch_inner out differently from x86_64", async () => {
    expect((await abidiffStep(holes, getAbi("i386"), pool)).detail).toMatch(
      /^2 of 3 structs differ/,
    );
    expect((await abidiffStep(holes, getAbi("aarch64"), pool)).detail).toMatch(
      /^0 of 3 structs differ/,
    );
  });

  it("parses its report", () => {
    const v = parseAbidiff(
      12,
      "  [C] 'struct inner' changed:\n    type size changed from 128 to 96 (in bits)\n  [A] 'struct added'\n  [C] 'struct same' changed:\n    1 data member change:\n",
    );
    expect(v.changed.get("inner")).toEqual({ sizeBits: [128, 96] });
    expect(v.changed.get("same")).toEqual({});
    expect(v.added).toEqual(["added"]);
  });
});

describe("abidiff across versions (test/conform/abidiff)", () => {
  const dir = join(ROOT, "test/conform/abidiff");
  const expectations = JSON.parse(readFileSync(join(dir, "expectations.json"), "utf8")) as Record<
    string,
    { changed: string[]; sizeBits: Record<string, [number, number]>; added?: string[] }
  >;
  it.each(Object.entries(expectations))("%s: abidiff and the engine agree", async (name, want) => {
    for (const abi of ["x86_64", "m68k"]) {
      const r = await compareVersions(
        [join(dir, name, "old.ts")],
        [join(dir, name, "new.ts")],
        abi,
        pool,
        ROOT,
      );
      expect(r.findings.map(describeFinding)).toEqual([]);
      expect(r.engineChanged).toEqual(want.changed);
      expect([...r.verdict.changed.keys()]).toEqual(want.changed);
      expect(r.verdict.code === 0).toBe(want.changed.length === 0 && !want.added);
      if (abi === "x86_64")
        for (const [s, bits] of Object.entries(want.sizeBits))
          expect(r.verdict.changed.get(s)?.sizeBits).toEqual(bits);
      expect([...r.verdict.added]).toEqual(want.added ?? []);
    }
  });
});

void SHIPPED;
