// Users have the repository and the package, nothing beside them: no file may send them to a
// `shared/` folder of the developers.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

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
      return (
        text
          .split("\n")
          .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
          // generators/shared/ is the generators' own printer, not the developers' folder.
          .filter(({ line }) =>
            /(\/work\/|\.\.\/)shared\/(?!(printer|generated-file|c-types)\b)|\bshared\/(spec|reference)\//.test(
              line,
            ),
          )
          .map(({ at, line }) => `${at}: ${line.trim()}`)
      );
    });
    expect(found).toEqual([]);
  });
});
