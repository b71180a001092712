#!/usr/bin/env node
// The uapi-gen command: src/cli/main.ts, run from the bundle build/bundle.js keeps fresh
// (start-up time is a benchmarked figure). Should the bundle not build, say because src/ has
// a syntax error being edited, the sources run through tsx instead, which reports it as before.
import { loadMainFromBundle } from "../build/bundle.js";

async function loadMain() {
  try {
    return await loadMainFromBundle();
  } catch (e) {
    if (process.env.UAPI_GEN_DEBUG) console.error("uapi-gen: running from source:", e);
    const { register } = await import("tsx/esm/api");
    register();
    return (await import("../src/cli/main.ts")).main;
  }
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
