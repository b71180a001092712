/**
 * Headers that do not compile, and headers built to make a front end hang: every one ends
 * quickly, with positioned diagnostics and exit status 2 where it is an error.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import { importHeaders } from "../../src/import/import.js";
import { run } from "../lint/cli-helpers.js";

const ABIS = [getAbi("x86_64"), getAbi("m68k")];

function headers(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-bad-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** 31 macros, each twice the one before: A30 would expand to 2^30 tokens. */
const BOMB = Array.from({ length: 31 }, (_, i) =>
  i ? `#define A${i} (A${i - 1}+A${i - 1})` : "#define A0 1",
).join("\n");

describe("bad input to the C front end", () => {
  it("reports a missing header and other errors with positions, no value, exit 2", async () => {
    const dir = headers({
      "missing.h":
        "#include <linux/types.h>\n#include <no/such/header.h>\nstruct s { __u32 a; };\n",
      "error.h": '#include <linux/types.h>\n#error "not for user space"\nstruct s { __u32 a; };\n',
      "fine.h": "#include <linux/types.h>\nstruct fine { __u32 a; };\n#define FINE_MAX 4\n",
    });
    // In one batch: a fatal error in one header must not hide the others' results.
    const [missing, error, fine] = await importHeaders(
      ["missing.h", "error.h", "fine.h"].map((f) => join(dir, f)),
      { abis: ABIS },
    );
    const where = (d: { loc?: { file: string; range: { start: { line: number } } } }) =>
      d.loc ? `${d.loc.file.replace(`${dir}/`, "")}:${d.loc.range.start.line + 1}` : "?";
    expect(missing!.diagnostics.map((d) => [where(d), d.severity, d.message])).toEqual([
      ["missing.h:2", "error", "'no/such/header.h' file not found"],
    ]);
    expect(error!.diagnostics.map((d) => [where(d), d.message])).toEqual([
      ["error.h:2", '"not for user space"'],
    ]);
    expect(fine!.diagnostics).toEqual([]);
    expect(fine!.primary[0]!.items.map((i) => i.name)).toEqual(["fine", "FINE_MAX"]);

    const r = await run(["lint", "missing.h"], dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      "missing.h:2:10: error: 'no/such/header.h' file not found [import/clang]",
    );
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
  });

  it("places what a header leaves open at its end, where clang places it, not at 1:1", async () => {
    const dir = headers({
      "open.h": "#include <linux/types.h>\nstruct open {\n\t__u32 a;\n#define OPEN_MAX 4\n",
    });
    const [open] = await importHeaders([join(dir, "open.h")], { abis: ABIS });
    const at = open!.diagnostics.map((d) => [
      d.loc?.range.start.line,
      d.loc?.range.start.character,
    ]);
    // Line 4 (0-based 3), after its last character: the wrapper's next line is past the header.
    expect(open!.diagnostics.map((d) => d.message)).toContain("expected '}'");
    expect(at).toContainEqual([3, "#define OPEN_MAX 4".length]);
  });

  it("does not hand a macro that expands to billions of tokens to the compiler", async () => {
    const dir = headers({ "bomb.h": `${BOMB}\n` });
    expect(BOMB.length).toBeLessThan(700);
    const t0 = performance.now();
    const [r] = await importHeaders([join(dir, "bomb.h")], { abis: ABIS });
    expect(performance.now() - t0).toBeLessThan(20_000);
    const items = new Map(r!.primary[0]!.items.map((i) => [i.name, i]));
    // Small ones are evaluated; the huge ones are text, each with a warning at its #define.
    expect(items.get("A3")).toMatchObject({ kind: "constant", value: { kind: "int", value: 8 } });
    expect(items.get("A30")).toMatchObject({ kind: "constant", value: { kind: "text" } });
    const warned = r!.diagnostics.filter((d) => d.code === "import/macro-size");
    expect(warned.length).toBeGreaterThan(10);
    expect(warned.every((d) => d.loc && d.severity === "warning")).toBe(true);
  });
});
