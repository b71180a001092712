#!/usr/bin/env node
// The uapi-gen command: runs dist/uapi-gen.cjs, the CLI compiled into one CommonJS file
// (start-up time is a benchmarked figure), through a V8 code cache. An installed package ships it built (`npm run
// build`, which prepack runs) and never builds anything. In a checkout, where src/ is,
// build/bundle.js first rebuilds it whenever a source changed, so edits take effect at once.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const checkout = existsSync(new URL("../src/cli/main.ts", import.meta.url));
let bundle = fileURLToPath(new URL("../dist/uapi-gen.cjs", import.meta.url));
if (checkout) {
  try {
    bundle = await (await import("../build/bundle.js")).ensureFreshBundle();
  } catch (e) {
    // esbuild's message names the file, line and column of what does not compile.
    console.error(`uapi-gen: cannot build ${bundle} from the sources:\n${e?.message ?? e}`);
    process.exit(70);
  }
}
// Through the V8 code cache, as TypeScript's parser (the bundle holds no dynamic import()).
const { requireWithCodeCache } = createRequire(import.meta.url)("../build/code-cache.cjs");
const { main } = requireWithCodeCache(bundle);
process.exitCode = await main(process.argv.slice(2));
