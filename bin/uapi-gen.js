#!/usr/bin/env node
"use strict";
// The uapi-gen command: runs dist/uapi-gen.cjs, the CLI compiled into one CommonJS file
// (start-up time is a benchmarked figure), through a V8 code cache. An installed package ships
// it built (`npm run build`, which prepack runs) and never builds anything. In a checkout,
// where src/ is, build/fresh.cjs checks it against the sources and build/bundle.js rebuilds it
// when one changed, so edits take effect at once.
// CommonJS (bin/package.json), not ESM like the rest of the package: Node's ESM loader for the
// entry file alone cost ~5 ms of every start.
// V8 hands a function to its optimising compiler after a budget of bytecode ran; at the
// default (66 KB on Node 20), a cold `uapi-gen lint` spent a quarter of its instructions
// optimising functions it was about to stop calling (the parser, the loader). At eight times
// the budget a short command runs on baseline code, and a long one (lsp, sim, a large lint)
// reaches optimised code a little later.
require("node:v8").setFlagsFromString("--interrupt-budget=524288");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");

async function freshBundle() {
  const bundle = join(root, "dist", "uapi-gen.cjs");
  if (!existsSync(join(root, "src", "cli", "main.ts"))) return bundle;
  if (require("../build/fresh.cjs").bundleIsFresh(root)) return bundle;
  try {
    return await (await import("../build/bundle.js")).ensureFreshBundle();
  } catch (e) {
    // esbuild's message names the file, line and column of what does not compile.
    console.error(`uapi-gen: cannot build ${bundle} from the sources:\n${e?.message ?? e}`);
    process.exit(70);
  }
}

// Through the V8 code cache, as TypeScript's parser (the bundle holds no dynamic import()).
freshBundle()
  .then((bundle) => require("../build/code-cache.cjs").requireWithCodeCache(bundle))
  .then(({ main }) => main(process.argv.slice(2)))
  .then((status) => {
    process.exitCode = status;
  });
