/**
 * The folder of uapi-gen's own package.json, where docs/ and package.json live. Modules
 * cannot count `..` from their own URL: in a checkout this file is src/util/package-root.ts,
 * in the CLI bundle it is dist/uapi-gen.cjs (build/bundle.js), two different depths.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { nearestFolderWith } from "./find-up.js";

function findPackageRoot(from: string): string {
  const root = nearestFolderWith("package.json", from);
  if (root === undefined) throw new Error(`uapi-gen: no package.json above ${from}`);
  return root;
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
