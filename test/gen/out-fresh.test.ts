// out/ is committed: regenerating the shipped definitions must change nothing in it, and it
// holds nothing the generators no longer write.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { definitionFiles } from "../../src/cli/defs-files.js";
import { runGenerators } from "../../src/generate/generators.js";
import { Layouts } from "../../src/layout/layouts.js";
import { loadDefinitions } from "../../src/load/load.js";
import { planWrites } from "../../src/util/atomic-write.js";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

it("regenerating out/ changes nothing", async () => {
  const loaded = loadDefinitions(definitionFiles([], process.cwd()));
  expect(loaded.diagnostics).toEqual([]);
  const files = await runGenerators(loaded.primary, {
    model: loaded.model,
    layouts: new Layouts(loaded.model),
    root: process.cwd(),
  });
  const plan = planWrites("out", files);
  expect(plan.changed, "out/ is stale: run `npx uapi-gen generate` and commit out/").toEqual([]);
  const produced = new Set(files.map((f) => f.path));
  const leftovers = walk("out")
    .map((p) => relative("out", p))
    .filter((p) => !produced.has(p));
  expect(leftovers, "files in out/ that no generator writes").toEqual([]);
});

// In CI the Quick start regenerates out/ before the tests run, so compare with what was
// committed too: a stale commit shows up as a difference from HEAD.
it.runIf(process.env.CI === "true")("out/ as committed equals what the generators write", () => {
  const r = spawnSync("git", ["status", "--porcelain", "--", "out/"], { encoding: "utf8" });
  expect(r.status).toBe(0);
  expect(
    r.stdout,
    "out/ differs from the commit: run `npx uapi-gen generate` and commit out/",
  ).toBe("");
});
