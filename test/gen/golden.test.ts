// Golden files for every generator: the output for test/gen/inputs/*.ts must equal
// test/golden/<input>/<path>. Regenerate with UAPI_GEN_UPDATE=1 (never by hand).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerators } from "../../src/generate/generators.js";
import { Layouts } from "../../src/layout/layouts.js";
import { loadDefinitions } from "../../src/load/load.js";

const INPUTS = "test/gen/inputs";
const GOLDEN = "test/golden";
const update = process.env.UAPI_GEN_UPDATE === "1";

describe("generator golden files", () => {
  for (const input of readdirSync(INPUTS).filter((f) => f.endsWith(".ts"))) {
    const name = input.replace(/\.ts$/, "");
    it(`${input} generates its golden files`, async () => {
      const loaded = loadDefinitions([join(INPUTS, input)]);
      expect(loaded.diagnostics).toEqual([]);
      const files = await runGenerators(loaded.primary, { model: loaded.model, layouts: new Layouts(loaded.model), root: process.cwd() });
      expect(files.map((f) => f.path).sort()).toMatchSnapshot();
      for (const f of files) {
        const golden = join(GOLDEN, name, f.path);
        if (update) {
          mkdirSync(dirname(golden), { recursive: true });
          writeFileSync(golden, f.content);
          continue;
        }
        let expected: string;
        try {
          expected = readFileSync(golden, "utf8");
        } catch {
          throw new Error(`no golden file ${golden}: run UAPI_GEN_UPDATE=1 npx vitest run test/gen/golden.test.ts`);
        }
        expect(f.content, `${golden} differs; if intended, regenerate with UAPI_GEN_UPDATE=1`).toBe(expected);
      }
    });
  }
});
