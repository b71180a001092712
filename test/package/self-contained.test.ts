// Users have the repository and the package, nothing beside them: no file may send them to a
// `shared/` folder of the developers. A relative path into a `shared/` folder of the repository
// itself (generators/shared/, the generators' printer) is fine: it resolves inside it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const OUTSIDE = /\/work\/shared\b|\bshared\/(spec|reference|guide|hooks)\//;
const RELATIVE = /(?:\.\.\/)+shared\/[\w./-]*/g;

/** True when `ref`, relative to `file`, names a file of the repository (`.js` imports: `.ts`). */
function resolvesInside(file: string, ref: string): boolean {
  const target = join(dirname(file), ref);
  if (relative(".", target).startsWith("..")) return false;
  return [target, target.replace(/\.js$/, ".ts")].some((p) => existsSync(p));
}

describe("the repository", () => {
  it("points nowhere outside itself for documentation", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" })
      .split("\0")
      .filter((f) => /\.(md|ts|js|cjs|json|ya?ml|sh|c|h)$/.test(f));
    const found = files.flatMap((f) => {
      let text: string;
      try {
        text = readFileSync(f, "utf8");
      } catch {
        return []; // listed by git but deleted in the work tree
      }
      return text
        .split("\n")
        .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
        .filter(
          ({ line }) =>
            OUTSIDE.test(line) ||
            [...line.matchAll(RELATIVE)].some((m) => !resolvesInside(f, m[0])),
        )
        .map(({ at, line }) => `${at}: ${line.trim()}`);
    });
    expect(found).toEqual([]);
  });

  it("would catch a pointer at the developers' folder", () => {
    const up = "../" + "shared"; // spelled in two parts, or this test would flag itself
    expect(OUTSIDE.test(`see \`${up}/reference/toolchain.md\``)).toBe(true);
    expect(resolvesInside("docs/sim.md", `${up}/spec/scenario-format.md`)).toBe(false);
    expect(resolvesInside("generators/c-header/items.ts", `${up}/printer.js`)).toBe(true);
  });
});
