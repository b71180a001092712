// The sources are formatted with prettier (generated TypeScript is formatted by its generator,
// and .prettierignore lists the position-sensitive fixtures).
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";

it("every source file is formatted with prettier", () => {
  const r = spawnSync(
    process.execPath,
    ["node_modules/prettier/bin/prettier.cjs", "--check", "."],
    { encoding: "utf8" },
  );
  expect(r.stdout + r.stderr, "run `npm run format`").toContain(
    "All matched files use Prettier code style!",
  );
  expect(r.status).toBe(0);
});
