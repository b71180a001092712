// `npm run bench [name...]`: runs every bench/*.bench.ts (or those whose names contain one of
// the arguments) in its own process, one after the other, so that no benchmark shares the
// machine with another. Each records its rows (bench/lib/report.ts); this prints them as one
// table and replaces those benchmarks' rows in bench/results.json and results.md
// (bench/lib/results-store.ts), each row stamped with its run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { describeMachine } from "./lib/machine.js";
import type { RecordedRow } from "./lib/report.js";
import {
  mergeRuns,
  parseStore,
  renderResults,
  resultsTable,
  type BenchRun,
} from "./lib/results-store.js";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const scratch = mkdtempSync(join(tmpdir(), "uapi-gen-bench-"));
const machine = describeMachine();
// "uapi-gen commit abc1234", with " (with uncommitted changes)" when the tree was edited.
const commit = (machine.at(-1) ?? "?")
  .replace("uapi-gen commit ", "")
  .replace(" (with uncommitted changes)", "+edits");
const failed: string[] = [];
const runs: Record<string, BenchRun> = {};
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  console.log(`\n== ${file}`);
  const sink = join(scratch, `${file}.jsonl`);
  writeFileSync(sink, "");
  const at = new Date().toISOString();
  const load = loadavg()[0] ?? 0;
  const r = spawnSync(
    process.execPath,
    ["--conditions=uapi-gen-source", "--import", "tsx", join(dir, file)],
    {
      stdio: "inherit",
      env: { ...process.env, BENCH_RESULTS: sink },
    },
  );
  const rows = readFileSync(sink, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RecordedRow);
  // A benchmark that failed keeps its earlier rows: a half run is no measurement.
  if (r.status !== 0) failed.push(file);
  else runs[file] = { at, commit, load, machine, rows };
}
rmSync(scratch, { recursive: true, force: true });

const ran = resultsTable({ benches: runs });
console.log(`\n${ran.join("\n")}`);
const rows = Object.values(runs).flatMap((run) => run.rows);
const missed = rows.filter((r) => !r.met).length;
console.log(`\n${rows.length - missed} of ${rows.length} goals met`);
if (failed.length) console.log(`benchmarks that failed to run: ${failed.join(", ")}`);

if (Object.keys(runs).length) {
  const storeFile = join(dir, "results.json");
  const store = mergeRuns(parseStore(readIfThere(storeFile)), runs);
  writeFileSync(storeFile, `${JSON.stringify(store, null, 1)}\n`);
  writeFileSync(join(dir, "results.md"), renderResults(store) + keptSections());
  console.log("wrote bench/results.json and bench/results.md");
}
process.exitCode = failed.length ? 1 : 0;

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

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
