// Figure 12a: the whole uAPI tree, Linux 6.12 → 7.2, in the corpus's two-commit kernel
// repository (scripts/corpus.sh trees), side by side in one run: the kernel's own
// scripts/check-uapi.sh (make headers_install of both revisions, gcc -g and abidiff per header)
// for one architecture (x86, the host's), and `uapi-gen lint --against v6.12 include/uapi
// arch/*/include/uapi`, which covers every ABI of the table. Goal: at least 10× faster.
// Needs the kernel repository and an abidiff >= 2.4 (scripts/abidiff.sh installs one).
import { ABIS } from "../src/abi/abis.js";
import { hasKernelGit, runCheckUapi, runUapiGen } from "./lib/check-uapi.js";
import { writeKeptSection } from "./lib/kept.js";
import { ms, record } from "./lib/report.js";
import { writeSideBySide } from "./lib/side-by-side.js";

if (!hasKernelGit()) {
  console.log("no kernel repository: run scripts/corpus.sh trees first");
  process.exit(0);
}

const ours = runUapiGen("v6.12", "v7.2");
const theirs = runCheckUapi("v6.12", "v7.2", "x86");
const errors = ours.json.diagnostics.filter((d) => d.severity === "error").length;
const row = record({
  figure: "12 whole tree",
  what: `Linux 6.12 → 7.2, whole uAPI tree: check-uapi.sh (x86 only) vs uapi-gen lint --against (${ABIS.length} ABIs)`,
  ours: ms(ours.ms),
  versus: `check-uapi.sh ${ms(theirs.ms)}`,
  ratio: theirs.ms / ours.ms,
  goal: { min: 10 },
  note:
    `one run each, same machine, same repository; check-uapi.sh flagged ${theirs.headers.size} ` +
    `headers, uapi-gen reported ${errors} errors in ${ours.headers.size} headers (docs/check-uapi.md compares them, from this run)`,
});
// The table of what each reported comes from this same run.
writeSideBySide(ours, theirs, ABIS.length);
writeKeptSection(
  "Figure 12: the whole uAPI tree beside check-uapi.sh",
  "npm run bench check-uapi",
  [row],
);
