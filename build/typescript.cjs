"use strict";
/**
 * What dist/uapi-gen.cjs gets for `import { ts } from "ts-morph"`. The sources only use
 * TypeScript's parser (createSourceFile, node tests, positions): the bundle loads the parser
 * cut out of TypeScript at build time (build/typescript-parser.js) when there is one, else
 * ts-morph's bundled TypeScript itself; either through the code cache, and never ts-morph's
 * project layer on top.
 */
const { existsSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const { requireWithCodeCache } = require("./code-cache.cjs");

function typescript() {
  const cut = join(__dirname, "..", "dist", "typescript-parser.cjs");
  if (existsSync(cut) && !process.env.UAPI_GEN_FULL_TYPESCRIPT) return requireWithCodeCache(cut);
  const fromTsMorph = createRequire(require.resolve("ts-morph"));
  return requireWithCodeCache(fromTsMorph.resolve("@ts-morph/common/dist/typescript.js"));
}

module.exports = { ts: typescript() };
