/**
 * Real headers no one here wrote: Debian's linux-libc-dev under /usr/include/linux, a fixed
 * sample of one in sixteen (by a hash of the name; `npm run corpus:check` reads them all and
 * compares every layout and value with the compilers).
 * 1. Each of them imports and lints without a crash (clang errors of headers that do not
 *    compile on their own are diagnostics, not crashes).
 * 2. Where the hole rule fires on x86_64 or i386, pahole (on objects built with
 *    -g -fno-eliminate-unused-debug-types by gcc and i686-linux-gnu-gcc) shows the same holes,
 *    and where pahole shows holes the rule fires.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import { importHeaders, type ImportResult } from "../../src/import/import.js";
import { Layouts } from "../../src/layout/layouts.js";
import { lint } from "../../src/lint/lint.js";
import { layoutModelled } from "../../src/lint/rule-util.js";
import type { LintDiagnostic } from "../../src/lint/types.js";
import type { StructItem } from "../../src/model/ir.js";
import { paholeStructs, type PaholeStruct } from "./pahole/pahole.js";

const DIR = "/usr/include/linux";
const available = existsSync(DIR) && existsSync("/usr/bin/pahole");

interface Linted {
  readonly input: ImportResult;
  readonly diagnostics: readonly LintDiagnostic[];
}

const linted = new Map<string, Linted>();

describe.skipIf(!available)("the headers of /usr/include/linux", () => {
  beforeAll(async () => {
    const files = readdirSync(DIR, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".h") && hash(f) % 16 === 0)
      .sort();
    // pahole is run for x86_64 and i386 only: those two ABIs are read.
    const abis = [getAbi("x86_64"), getAbi("i386")];
    const inputs = await importHeaders(
      files.map((f) => join(DIR, f)),
      { abis },
    );
    files.forEach((f, i) => {
      const input = inputs[i]!;
      linted.set(f, {
        input,
        diagnostics: lint(input, { sourceText: () => input.text }).diagnostics,
      });
    });
  }, 600_000);

  it("all import and lint without a crash", () => {
    expect(linted.size).toBeGreaterThan(25);
    const internal = [...linted].flatMap(([f, l]) =>
      l.diagnostics.filter((d) => d.code === "lint/internal").map((d) => `${f}: ${d.message}`),
    );
    expect(internal).toEqual([]);
    // Most compile on their own; those that do not say so with a position.
    const clangErrors = [...linted].filter(([, l]) =>
      l.input.diagnostics.some((d) => d.code === "import/clang"),
    );
    expect(clangErrors.length).toBeLessThan(linted.size / 20);
    for (const [, l] of clangErrors)
      expect(l.input.diagnostics.find((d) => d.code === "import/clang")!.loc).toBeDefined();
    expect(
      [...linted.values()].some((l) => l.diagnostics.some((d) => d.code === "no-implicit-hole")),
    ).toBe(true);
  });

  for (const abi of ["x86_64", "i386"] as const) {
    it(`agrees with pahole on holes and padding (${abi})`, () => {
      let compared = 0;
      let withHoles = 0;
      const disagree: string[] = [];
      for (const [f, l] of [...linted].filter(([f]) => !f.includes("/"))) {
        if (l.input.diagnostics.some((d) => d.code === "import/clang")) continue;
        const structs = comparable(l.input);
        const reported = new Set(
          l.diagnostics
            .filter((d) => d.code === "no-implicit-hole")
            .map((d) => d.path!.split(".")[0]),
        );
        const ref = paholeStructs(join(DIR, f), abi);
        expect(ref, `${f} compiles for ${abi}`).toBeDefined();
        const layouts = new Layouts(l.input.model);
        for (const s of structs) {
          const p = ref!.get(s.name);
          if (!p || p.bitHoles) continue;
          compared++;
          const ours = summary(layouts, s, abi);
          if (ours.holes) withHoles++;
          const theirs = { size: p.size, holes: p.holes, sumHoles: p.sumHoles, padding: p.padding };
          if (JSON.stringify(ours) !== JSON.stringify(theirs))
            disagree.push(
              `${f} ${s.name}: ours ${JSON.stringify(ours)}, pahole ${JSON.stringify(theirs)}`,
            );
          // The rule fires exactly where some ABI has a hole; x86_64 and i386 are among them.
          if (theirs.holes > 0)
            expect(
              reported.has(s.name),
              `${f} ${s.name}: pahole shows a hole on ${abi}, the rule must fire`,
            ).toBe(true);
        }
      }
      expect(compared).toBeGreaterThan(100);
      expect(withHoles).toBeGreaterThan(4);
      // Each ABI's declarations are its own (asm/posix_types_32.h's __kernel_mode_t on i386).
      expect(disagree).toEqual([]);
    }, 600_000);
  }
});

/** Named top-level structs whose layout is modelled and that have no bitfields. */
function comparable(input: ImportResult): StructItem[] {
  return (input.primary[0]?.items ?? []).filter(
    (s): s is StructItem =>
      s.kind === "struct" &&
      !s.name.includes("(") &&
      layoutModelled(s, (n) => input.model.items.get(n)) &&
      !s.fields.some((f) => f.bitWidth !== undefined),
  );
}

function summary(layouts: Layouts, s: StructItem, abi: string): Omit<PaholeStruct, "bitHoles"> {
  const l = layouts.of(s, abi);
  return {
    size: l.size,
    holes: l.holes.length,
    sumHoles: l.holes.reduce((a, h) => a + h.size, 0),
    padding: l.tailPadding,
  };
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
