#!/usr/bin/env node
// The uapi-gen command. Node 20 cannot load TypeScript by itself, so tsx's loader is
// registered first; the command itself lives in src/cli/main.ts.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
