// `npm run bench [name...]`: runs every bench/*.bench.ts (or those whose names contain one of
// the arguments) in its own process, one after the other, so that no benchmark shares the
// machine with another. Each records its rows (bench/lib/report.ts); this prints them as one
// table and, for a full run, writes bench/results.md with the machine they were measured on.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeMachine } from "./lib/machine.js";
import { goalText, type RecordedRow } from "./lib/report.js";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const scratch = mkdtempSync(join(tmpdir(), "uapi-gen-bench-"));
const sink = join(scratch, "rows.jsonl");
writeFileSync(sink, "");
const failed: string[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  console.log(`\n== ${file}`);
  const r = spawnSync(
    process.execPath,
    ["--conditions=uapi-gen-source", "--import", "tsx", join(dir, file)],
    {
      stdio: "inherit",
      env: { ...process.env, BENCH_RESULTS: sink },
    },
  );
  if (r.status !== 0) failed.push(file);
}
const rows = readFileSync(sink, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as RecordedRow)
  .sort((a, b) => a.figure.localeCompare(b.figure, "en", { numeric: true }));
rmSync(scratch, { recursive: true, force: true });

const table = [
  "| figure | measured | uapi-gen | compared with | ratio | goal | met |",
  "|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.figure} | ${r.what} | ${r.ours} | ${r.versus} | ${r.ratio.toFixed(2)}× | ` +
      `${goalText(r.goal)} | ${r.met ? "yes" : "**no**"} |`,
  ),
];
console.log(`\n${table.join("\n")}`);
const missed = rows.filter((r) => !r.met).length;
console.log(`\n${rows.length - missed} of ${rows.length} goals met`);
if (failed.length) console.log(`benchmarks that failed to run: ${failed.join(", ")}`);

if (!failed.length && rows.length) {
  // A run of some benchmarks (`npm run bench -- name`) replaces the rows of the figures it
  // measured and keeps every other row of results.md as it was.
  const partial = only.length > 0;
  const measured = new Set(rows.map((r) => r.figure));
  const kept = partial ? keptRows(measured) : { table: [], notes: [], machine: [] };
  const notes = rows.filter((r) => r.note).map((r) => `- **${r.figure}, ${r.what}:** ${r.note}`);
  const byFigure = (a: string, b: string) =>
    figureOf(a).localeCompare(figureOf(b), "en", { numeric: true });
  const text = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. Every figure is a median",
    "over repeated runs, measured side by side with what it is compared with in the same run.",
    "",
    ...(partial
      ? [
          ...kept.machine,
          `Figure(s) ${[...measured].join(", ")} measured again ${new Date().toISOString().slice(0, 10)} ` +
            `(\`npm run bench -- ${only.join(" ")}\`) on: ${describeMachine().join("; ")}`,
        ]
      : [
          `Measured ${new Date().toISOString().slice(0, 10)} on:`,
          "",
          ...describeMachine().map((l) => `- ${l}`),
        ]),
    "",
    ...table.slice(0, 2),
    ...[...kept.table, ...table.slice(2)].sort(byFigure),
    "",
    "## How each row was measured",
    "",
    ...[...kept.notes, ...notes].sort(byFigure),
    "",
  ].join("\n");
  writeFileSync(join(dir, "results.md"), text + keptSections());
  console.log("wrote bench/results.md");
}
process.exitCode = failed.length ? 1 : 0;

/**
 * Sections of the current results.md that other commands measured (`npm run corpus:check`
 * over the whole kernel tree takes longer than a bench run should): kept as they are, from
 * their `## … (kept)` heading to the end.
 */
function keptSections(): string {
  let old = "";
  try {
    old = readFileSync(join(dir, "results.md"), "utf8");
  } catch {
    return "";
  }
  const at = old.search(/^## .*\(kept\)$/m);
  return at < 0 ? "" : `\n${old.slice(at)}`;
}

/** `| 4 codecs | ...` and `- **4 codecs, ...` both give "4 codecs". */
function figureOf(line: string): string {
  return /^(?:\| |- \*\*)([^|,]+?)(?: \||,)/.exec(line)?.[1] ?? line;
}

/** The rows, notes and machine lines of the current results.md, minus the figures `measured`. */
function keptRows(measured: ReadonlySet<string>): {
  table: string[];
  notes: string[];
  machine: string[];
} {
  let old = "";
  try {
    old = readFileSync(join(dir, "results.md"), "utf8");
  } catch {
    return { table: [], notes: [], machine: [] };
  }
  const body = old.split(/^## .*\(kept\)$/m)[0]!;
  const lines = body.split("\n");
  const keep = (l: string) => !measured.has(figureOf(l));
  const tableStart = lines.findIndex((l) => l.startsWith("| figure |"));
  return {
    table: lines.filter((l) => /^\| \d/.test(l)).filter(keep),
    notes: lines.filter((l) => l.startsWith("- **")).filter(keep),
    machine: lines
      .slice(
        lines.findIndex((l) => l.startsWith("Measured ")),
        tableStart,
      )
      .filter((l) => !(l.startsWith("Figure(s) ") && [...measured].some((f) => l.includes(f))))
      .filter((l, i, all) => l || (i > 0 && all[i - 1] !== "")),
  };
}
