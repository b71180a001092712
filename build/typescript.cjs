"use strict";
/**
 * What dist/uapi-gen.cjs gets for `import { ts } from "ts-morph"`. The sources only use
 * ts-morph's bundled TypeScript (the parser and the `ts` namespace), so the bundle loads that
 * one file, through the code cache, instead of ts-morph's 3 MB project layer on top of it.
 */
const { createRequire } = require("node:module");
const { requireWithCodeCache } = require("./code-cache.cjs");

const fromTsMorph = createRequire(require.resolve("ts-morph"));
module.exports = {
  ts: requireWithCodeCache(fromTsMorph.resolve("@ts-morph/common/dist/typescript.js")),
};
