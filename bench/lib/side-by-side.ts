// docs/check-uapi.md from one side-by-side run (./check-uapi.ts): what check-uapi.sh and
// `uapi-gen lint --against` each reported on the same two-commit kernel repository, header by
// header, and how long each took. Written by the benchmark (bench/check-uapi.bench.ts) and by
// `npm run compat:check-uapi`, so the table and the timing come from the same run.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ToolRun } from "./check-uapi.js";

const DOCS = join(import.meta.dirname, "..", "..", "docs", "check-uapi.md");
const VERDICT = { abi: "ABI difference", removed: "removed", uncompilable: "does not compile" };

/** uapi-gen's findings in a header, as `E:rule W:rule`, summed per rule and level. */
function summary(s: string | undefined): string {
  if (!s) return "—";
  const counts = new Map<string, number>();
  for (const e of s.split(" ")) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts]
    .map(
      ([e, n]) =>
        `${e.startsWith("E:") ? "error" : "warning"} \`${e.slice(2)}\`${n > 1 ? ` ×${n}` : ""}`,
    )
    .join(", ");
}

export function writeSideBySide(ours: ToolRun, theirs: ToolRun, abis: number): void {
  const headers = [...new Set([...theirs.headers.keys(), ...ours.headers.keys()])].sort();
  const both = headers.filter((h) => theirs.headers.has(h) && ours.headers.has(h)).length;
  const onlyTheirs = headers.filter((h) => theirs.headers.has(h) && !ours.headers.has(h));
  const rows = headers.map((h) => {
    const t = theirs.headers.get(h);
    return `| \`${h}\` | ${t ? VERDICT[t as keyof typeof VERDICT] : "—"} | ${summary(ours.headers.get(h))} |`;
  });
  const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
  const text = [
    "# check-uapi.sh and uapi-gen side by side",
    "",
    "Written by `npm run compat:check-uapi` or `npm run bench check-uapi` (bench/lib/side-by-side.ts);",
    "do not edit by hand. Both tools on the same two-commit repository of the kernel sources",
    "(linux-source 6.12 and 7.2, `scripts/corpus.sh trees`), comparing v6.12 with v7.2, in one run:",
    "",
    "- `ARCH=x86 scripts/check-uapi.sh -b v7.2 -p v6.12 -j 2` (the script of linux-source 7.2,",
    "  with abidiff 2.6 from `scripts/abidiff.sh`): `make headers_install` of both revisions, then",
    "  per installed header gcc `-g` on each version and `abidiff` on the pair; one architecture",
    "  per run;",
    `- \`uapi-gen lint --against v6.12 include/uapi arch/*/include/uapi\` at v7.2: all ${abis} ABIs,`,
    "  with the rules at their default levels.",
    "",
    `| | check-uapi.sh (x86) | uapi-gen (${abis} ABIs) |`,
    `|---|---|---|`,
    `| wall time | ${s(theirs.ms)} | ${s(ours.ms)} |`,
    `| headers flagged | ${theirs.headers.size} | ${ours.headers.size} (errors or warnings) |`,
    `| flagged by both | ${both} | ${both} |`,
    `| flagged by check-uapi.sh only | ${onlyTheirs.length} | |`,
    "",
    "What each can see: check-uapi.sh compares the DWARF of one architecture's build, so it sees",
    "struct layouts and enum values of x86 only, never a `#define` (ioctl numbers, flags,",
    "constants), and reports every struct that grew as a break (or, with `-i`, none); a header",
    "that includes a changed one is flagged too. uapi-gen reads macros and enumerators by value,",
    "every architecture's `asm/` headers and layouts, reports a finding in the header that",
    "declares it, and classes struct growth by the kernel's sizing conventions (docs/compat.md);",
    "its errors are judged one by one in docs/compat-history.md. Per header (x86's `asm/`",
    "headers as `asm/…`, other architectures' as `arch:asm/…`):",
    "",
    "| header | check-uapi.sh | uapi-gen |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  writeFileSync(DOCS, text);
}
