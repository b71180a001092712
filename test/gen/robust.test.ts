// Generation cases of issue 15: text that goes into C cannot break out of its comment or
// literal (the headers compile with -Wall -Werror), a file named twice is one module, an
// output folder that cannot be made is an error at once, and generation stays linear in a
// struct's fields and an enum's members (10,000 fields took 591 s, 20,000 members 30 s).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderLayoutCheck } from "../../generators/c-layout-check/index.js";
import { PRETTIER_OPTIONS, renderTs } from "../../generators/ts/index.js";
import { main } from "../../src/cli/main.js";
import { Layouts } from "../../src/layout/layouts.js";
import { loadDefinitions } from "../../src/load/load.js";

const tmp = mkdtempSync(join(tmpdir(), "uapi-gen-robust-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DSL = `import { struct, enumeration, constant, char, header } from "uapi-gen/dsl";\n`;

async function cli(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await main(args, {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    cwd,
  });
  return { exit, out: out.join("\n"), err: err.join("\n") };
}

function compiles(include: string, header: string): void {
  const src = join(tmp, `${header}.c`);
  writeFileSync(src, `#include <linux/${header}.h>\n#include <linux/${header}.h>\nint anchor;\n`);
  for (const mode of [["-std=c90"], ["-x", "c++", "-std=c++98"]]) {
    const r = spawnSync(
      "clang-19",
      [...mode, "-Wall", "-Werror", "-fsyntax-only", "-I", include, src],
      {
        encoding: "utf8",
      },
    );
    expect(r.stderr, mode.join(" ")).toBe("");
    expect(r.status).toBe(0);
  }
}

describe("text into C", () => {
  it("escapes */ in docs and file names, and control characters in char constants", async () => {
    const dir = join(tmp, "evil*");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "evil.ts"),
      DSL +
        'export const h = header({ name: "evil", doc: "Ends here */ #include </etc/passwd> /* and resumes." });\n' +
        'export const NL = constant({ doc: "A newline: */ int x; /*", value: char("\\n") });\n' +
        'export const s = struct({ doc: "*/", fields: { a: { type: "__u8", doc: "/* nested */" } } });\n',
    );
    const r = await cli(["generate", "evil*/evil.ts", "--out", "out", "evil*/evil.ts"], tmp);
    expect(r.err).toBe("");
    expect(r.exit).toBe(0);
    const header = readFileSync(join(tmp, "out/c/linux/evil.h"), "utf8");
    expect(header).toContain("Ends here *\\/ #include </etc/passwd> /\\* and resumes.");
    expect(header).toContain("#define NL ('\\012')");
    compiles(join(tmp, "out/c"), "evil");
  });

  it("fails at once, changing nothing, on an output folder that cannot be made", async () => {
    writeFileSync(
      join(tmp, "small.ts"),
      DSL + 'export const s = struct({ fields: { a: { type: "__u8" } } });\n',
    );
    const r = await cli(["generate", "small.ts", "--out", "/proc/self/x"], tmp);
    expect(r.exit).toBe(2);
    expect(r.err).toMatch(/cannot write \/proc\/self\/x/);
  });
});

describe("generation stays linear", () => {
  function load(text: string) {
    const file = join(tmp, `scale_${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, DSL + text);
    const loaded = loadDefinitions([file]);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    return {
      module: loaded.primary[0]!,
      ctx: { model: loaded.model, layouts: new Layouts(loaded.model), root: tmp },
    };
  }

  // 5,000 fields: quadratic, as it was, this would run past the suite's time limit.
  it("writes the layout check of a struct of 5,000 fields (it looked each field up in every other)", () => {
    const fields = Array.from({ length: 5_000 }, (_, i) => `f${i}: { type: "__u32" }`).join(", ");
    const { module, ctx } = load(`export const wide = struct({ fields: { ${fields} } });\n`);
    expect(renderLayoutCheck(module, ctx)).toContain("offsetof(struct wide, f4999) == 19996");
  });

  it("writes the TypeScript of a big enum, prettier told it reads TypeScript (20,000 members took 30 s)", async () => {
    expect(PRETTIER_OPTIONS.filepath).toMatch(/\.m?ts$/);
    const members = Array.from({ length: 5_000 }, (_, i) => `M_${i}: ${i}`).join(", ");
    const { module, ctx } = load(`export const many = enumeration({ members: { ${members} } });\n`);
    expect(await renderTs(module, ctx)).toContain("M_4999: 0x1387,");
  });
});
