// Golden files for every generator: the output for test/gen/inputs/*.ts must equal
// test/golden/<input>/<path>, file for file. Regenerate with UAPI_GEN_UPDATE=1 (never by hand).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerators } from "../../src/generate/generators.js";
import { Layouts } from "../../src/layout/layouts.js";
import { loadDefinitions } from "../../src/load/load.js";

const INPUTS = "test/gen/inputs";
const GOLDEN = "test/golden";
const update = process.env.UAPI_GEN_UPDATE === "1";

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
  );
}

describe("generator golden files", () => {
  for (const input of readdirSync(INPUTS).filter((f) => f.endsWith(".ts"))) {
    const name = input.replace(/\.ts$/, "");
    it(`${input} generates its golden files`, async () => {
      const loaded = loadDefinitions([join(INPUTS, input)]);
      expect(loaded.diagnostics).toEqual([]);
      const files = await runGenerators(loaded.primary, {
        model: loaded.model,
        layouts: new Layouts(loaded.model),
        root: process.cwd(),
      });
      const dir = join(GOLDEN, name);
      if (update) {
        rmSync(dir, { recursive: true, force: true });
        for (const f of files) {
          mkdirSync(dirname(join(dir, f.path)), { recursive: true });
          writeFileSync(join(dir, f.path), f.content);
        }
        return;
      }
      const hint =
        "if intended, regenerate with UAPI_GEN_UPDATE=1 npx vitest run test/gen/golden.test.ts";
      expect(
        walk(dir)
          .map((p) => relative(dir, p))
          .sort(),
        `golden files of ${input}; ${hint}`,
      ).toEqual(files.map((f) => f.path).sort());
      for (const f of files)
        expect(f.content, `${join(dir, f.path)} differs; ${hint}`).toBe(
          readFileSync(join(dir, f.path), "utf8"),
        );
    });
  }
});
