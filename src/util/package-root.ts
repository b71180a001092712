/**
 * The folder of uapi-gen's own package.json, where docs/ and package.json live. Modules
 * cannot count `..` from their own URL: in a checkout this file is src/util/package-root.ts,
 * in the CLI bundle it is dist/uapi-gen.cjs (build/bundle.js), two different depths.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`uapi-gen: no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
