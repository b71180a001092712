"use strict";
/**
 * Whether dist/uapi-gen.cjs was built from the sources as they are now: every file esbuild
 * read (dist/uapi-gen.inputs.json, written by build/bundle.js) has the size and time it had
 * then. CommonJS and nothing else loaded, because bin/uapi-gen.js asks this on every start in
 * a checkout; build/bundle.js (esbuild and all) is loaded only when the answer is no.
 */
const { readFileSync, statSync } = require("node:fs");
const { join } = require("node:path");

const bundleOf = (root) => join(root, "dist", "uapi-gen.cjs");
const inputsOf = (root) => join(root, "dist", "uapi-gen.inputs.json");

function bundleIsFresh(root) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(inputsOf(root), "utf8"));
    statSync(bundleOf(root));
  } catch {
    return false;
  }
  return recorded.every(([file, size, mtimeMs]) => {
    const s = statSync(join(root, file), { throwIfNoEntry: false });
    return s !== undefined && s.size === size && s.mtimeMs === mtimeMs;
  });
}

module.exports = { bundleIsFresh, bundleOf, inputsOf };
