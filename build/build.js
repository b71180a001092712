/**
 * `npm run build` (and prepack): the package's compiled form in dist/.
 * - dist/src, dist/generators, dist/out: JavaScript and declaration files from `tsc -p
 *   tsconfig.build.json` (the `uapi-gen/dsl` and `uapi-gen/runtime` exports point there);
 * - dist/uapi-gen.cjs: the CLI bundle that bin/uapi-gen.js runs (build/bundle.js).
 * dist/ is removed first, so nothing stale from an older build is packed.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildBundle } from "./bundle.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
rmSync(join(root, "dist"), { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve("typescript/package.json");
const r = spawnSync(
  process.execPath,
  [join(dirname(tsc), "bin", "tsc"), "-p", join(root, "tsconfig.build.json")],
  { cwd: root, stdio: "inherit", timeout: 300_000 },
);
if (r.status !== 0) {
  console.error(`build: tsc failed (${r.error?.message ?? `status ${r.status}`})`);
  process.exit(1);
}
await buildBundle(root);
console.log("build: dist/ written (JavaScript, declarations, dist/uapi-gen.cjs)");
