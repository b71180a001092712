/** Part 2: differential layout fuzzing against every ABI's compiler, and its minimiser. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ABIS, getAbi, type Abi } from "../../src/abi/abis.js";
import { Pool } from "../../src/conform/exec.js";
import { fuzzAbi } from "../../src/conform/fuzz/fuzz.js";
import { loadFixtures, saveFixture } from "../../src/conform/fuzz/fixtures.js";
import { randomGroups } from "../../src/conform/fuzz/random-model.js";
import { renderStructs } from "../../src/conform/fuzz/render.js";
import { modelOf } from "../../src/conform/fuzz/random-model.js";
import type { Workspace } from "../../src/conform/workspace.js";
import { ROOT, SHIPPED, workspaceOf } from "./helpers.js";

const pool = new Pool();
const SEED = 20240611n;
const COUNT = 220;
let ws: Workspace;

beforeAll(async () => {
  ws = await workspaceOf(SHIPPED); // for its prelude
});
afterAll(() => ws?.dispose());

describe("random definitions", () => {
  it("are deterministic per seed and cover every field kind", () => {
    const a = randomGroups(SEED, COUNT);
    expect(JSON.stringify(a)).toBe(JSON.stringify(randomGroups(SEED, COUNT)));
    expect(JSON.stringify(randomGroups(SEED + 1n, COUNT))).not.toBe(JSON.stringify(a));
    const text = renderStructs(a.flat(), modelOf(a));
    for (const needle of [
      "union {",
      "\tunion ",
      "\tstruct ",
      "][",
      "__aligned_u64",
      "__aligned_be64",
      "__le16",
      "__be32",
      "void *",
      "_Bool",
      "size_t",
      "unsigned long",
    ]) {
      expect(text, needle).toContain(needle);
    }
    expect(a.flat().some((i) => i.kind === "union")).toBe(true);
  });
});

describe(`differential fuzzing, ${COUNT} random structs (seed ${SEED})`, () => {
  it.each(ABIS.map((a) => [a.name, a] as const))(
    "engine and compiler agree on %s",
    async (_n, abi) => {
      const r = await fuzzAbi({ dir: ws.dir, pool }, abi, randomGroups(SEED, COUNT));
      expect(r.step.findings ?? []).toEqual([]);
      expect(r.step.status).toBe("pass");
      expect(r.step.detail).toMatch(new RegExp(`^${COUNT} random definitions \\(\\d+ structs`));
    },
  );

  it("catches, minimises and saves a wrong layout rule", async () => {
    // m68k as clang wrongly sees it: u32 and u64 naturally aligned. gcc says 2.
    const m68k = getAbi("m68k");
    const wrong: Abi = { ...m68k, align: { ...m68k.align, i32: 4, i64: 8 } };
    const r = await fuzzAbi({ dir: ws.dir, pool }, wrong, randomGroups(SEED, 40), 1);
    expect(r.step.status).toBe("fail");
    expect(r.minimised).toHaveLength(1);
    const m = r.minimised[0]!;
    // Minimal: no group needs more than two fields to show a 4-versus-2 alignment difference.
    expect(m.group.reduce((n, i) => n + i.fields.length, 0)).toBeLessThanOrEqual(3);
    expect(m.findings[0]).toMatchObject({ abi: "m68k", check: "fuzz" });
    expect(m.findings.some((f) => f.expected !== f.actual && f.struct)).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-fixtures-"));
    try {
      saveFixture(dir, "m68k", SEED, m);
      const [loaded] = loadFixtures(dir);
      expect(loaded!.fixture.c).toContain(`struct ${m.group.at(-1)!.name}`);
      // With the real table the saved fixture agrees: it is a regression fixture now.
      const again = await fuzzAbi({ dir: ws.dir, pool }, m68k, [loaded!.group]);
      expect(again.step.status).toBe("pass");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("regression fixtures in test/conform/fixtures", () => {
  const fixtures = loadFixtures(join(ROOT, "test/conform/fixtures"));
  it("exist", () => expect(fixtures.length).toBeGreaterThan(0));
  it.each(ABIS.map((a) => [a.name, a] as const))("agree on %s", async (_n, abi) => {
    const r = await fuzzAbi(
      { dir: ws.dir, pool },
      abi,
      fixtures.map((f) => f.group),
    );
    expect(r.step.findings ?? []).toEqual([]);
  });
});
