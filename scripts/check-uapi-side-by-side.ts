// `npm run compat:check-uapi`: the kernel's scripts/check-uapi.sh (x86) and `uapi-gen lint
// --against` on the corpus's two-commit kernel repository (scripts/corpus.sh trees), 6.12 → 7.2,
// and docs/check-uapi.md: what each reported, header by header, and how long each took. The
// benchmark (bench/check-uapi.bench.ts) writes the same page from its own run.
import { ABIS } from "../src/abi/abis.js";
import { hasKernelGit, runCheckUapi, runUapiGen } from "../bench/lib/check-uapi.js";
import { writeSideBySide } from "../bench/lib/side-by-side.js";

if (!hasKernelGit()) {
  console.error("no kernel repository: run scripts/corpus.sh trees first");
  process.exit(2);
}
const ours = runUapiGen("v6.12", "v7.2");
console.log(`uapi-gen: ${(ours.ms / 1000).toFixed(1)} s`);
const theirs = runCheckUapi("v6.12", "v7.2", "x86");
console.log(`check-uapi.sh: ${(theirs.ms / 1000).toFixed(1)} s`);
writeSideBySide(ours, theirs, ABIS.length);
console.log("docs/check-uapi.md written");
