// `npm run bench [name...]`: runs every bench/*.bench.ts (or those whose names contain one of
// the arguments) in its own process, one after the other, so that no benchmark shares the
// machine with another. Each records its rows (bench/lib/report.ts); this prints them as one
// table and, for a full run, writes bench/results.md with the machine they were measured on.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { describeMachine } from "./lib/machine.js";
import { mergeFigures } from "./lib/merge-results.js";
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

const tableRows = rows.map(
  (r) =>
    `| ${r.figure} | ${r.what} | ${r.ours} | ${r.versus} | ${r.ratio.toFixed(2)}× | ` +
    `${goalText(r.goal)} | ${r.met ? "yes" : "**no**"} |`,
);
const table = [
  "| figure | measured | uapi-gen | compared with | ratio | goal | met |",
  "|---|---|---|---|---|---|---|",
  ...tableRows,
];
console.log(`\n${table.join("\n")}`);
const missed = rows.filter((r) => !r.met).length;
console.log(`\n${rows.length - missed} of ${rows.length} goals met`);
if (failed.length) console.log(`benchmarks that failed to run: ${failed.join(", ")}`);

const notes = rows.filter((r) => r.note).map((r) => `- **${r.figure}, ${r.what}:** ${r.note}`);
if (only.length && !failed.length && rows.length) {
  const machine = describeMachine();
  const figures = [...new Set(rows.map((r) => r.figure))].join(", ");
  const provenance =
    `figure ${figures} on ${new Date().toISOString().slice(0, 10)}, ` +
    `${machine.at(-1)!.replace(/^uapi-gen /, "")}, load average ${loadavg()[0]!.toFixed(1)} ` +
    `on ${availableParallelism()} cores (\`npm run bench ${only.join(" ")}\`)`;
  const old = readFileSync(join(dir, "results.md"), "utf8");
  writeFileSync(join(dir, "results.md"), mergeFigures(old, { tableRows, notes, provenance }));
  console.log(`wrote figure ${figures} into bench/results.md`);
}
if (!only.length && !failed.length) {
  const text = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. Every figure is a median",
    "over repeated runs, measured side by side with what it is compared with in the same run.",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} on:`,
    "",
    ...describeMachine().map((l) => `- ${l}`),
    "",
    ...table,
    "",
    "## How each row was measured",
    "",
    ...notes,
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
