/**
 * `npm run fuzz [-- options]`: the seeded fuzz run over definitions modules, C headers,
 * scenario files and language-server sessions (docs/fuzz.md). Exit status 0 when nothing
 * was found, 1 with findings (each saved, minimised, under --findings), 2 on a usage error.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadSaved, replay, runFuzz } from "./lib/fuzz.js";
import { recordRun, textTable } from "./lib/report-table.js";
import { FAMILIES, type Family, type Finding } from "./lib/types.js";

const USAGE = `usage: npm run fuzz -- [options]

  --seed S            seed of every case (default 1)
  --defs N            definitions-module mutants (default 1000)
  --headers N         C-header mutants of the 7.2 corpus (default 200)
  --scenarios N       scenario-file mutants (default 200)
  --lsp N             language-server sessions (default 100)
  --only FAMILY       run one family (the others get 0)
  --jobs N            worker processes (default: the number of cores)
  --case-seconds S    a case taking more processor time is a finding (default 10); one
                      still running after 3 times this by the wall clock is killed
  --memory-mib M      a case holding more is a finding (default 1024)
  --budget-minutes M  start no new case after this long (default 60)
  --findings DIR      where minimised reproducers go (default fuzz/findings)
  --minimise N        minimiser trials per finding (default 150; 0 saves unminimised)
  --json FILE         also write the report as JSON
  --record            keep this run's figures in docs/fuzz.md (rows of the families it ran)
  --replay DIR        run one saved reproducer again and print what it shows

The full run: --defs 10000 --headers 2000 --scenarios 1000 --lsp 1000 --budget-minutes 600
`;

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    defs: { type: "string" },
    headers: { type: "string" },
    scenarios: { type: "string" },
    lsp: { type: "string" },
    only: { type: "string" },
    jobs: { type: "string" },
    "case-seconds": { type: "string", default: "10" },
    "memory-mib": { type: "string", default: "1024" },
    "budget-minutes": { type: "string", default: "60" },
    findings: { type: "string", default: join(import.meta.dirname, "findings") },
    minimise: { type: "string", default: "150" },
    json: { type: "string" },
    record: { type: "boolean" },
    replay: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

function count(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) usage(`--${name} needs a non-negative integer, got '${v}'`);
  return Number(v);
}

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const limits = {
  caseMs: count(values["case-seconds"], "case-seconds", 10) * 1000,
  memoryBytes: count(values["memory-mib"], "memory-mib", 1024) * 1024 ** 2,
};

if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (values.replay) {
  const [found] = (await replay([loadSaved(values.replay)], limits)) as [Finding[]];
  for (const f of found) process.stdout.write(`${f.kind}: ${f.detail}\n`);
  process.stdout.write(found.length ? "" : "nothing found: the case passes now\n");
  process.exit(found.length ? 1 : 0);
}
if (values.only && !(FAMILIES as readonly string[]).includes(values.only))
  usage(`--only takes one of ${FAMILIES.join(", ")}`);
const defaults: Record<Family, number> = { defs: 1000, headers: 200, scenarios: 200, lsp: 100 };
const counts = Object.fromEntries(
  FAMILIES.map((f) => [f, values.only && values.only !== f ? 0 : count(values[f], f, defaults[f])]),
) as Record<Family, number>;
const minimiseTrials = count(values.minimise, "minimise", 150);
const report = await runFuzz({
  seed: values.seed,
  counts,
  jobs: count(values.jobs, "jobs", availableParallelism()) || 1,
  limits,
  budgetMs: count(values["budget-minutes"], "budget-minutes", 60) * 60_000,
  findingsDir: resolve(values.findings),
  minimiseTrials,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(
  `\nseed ${report.seed}, ${(report.ms / 1000).toFixed(0)} s\n${textTable(report)}\n`,
);
for (const f of report.families.flatMap((x) => x.findings))
  process.stdout.write(
    `\n${f.kind} (${f.count} case(s)): ${f.detail}${f.saved ? `\n  saved: ${f.saved}` : ""}\n`,
  );
if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 1)}\n`);
if (values.record) {
  const doc = join(import.meta.dirname, "..", "docs", "fuzz.md");
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: import.meta.dirname,
    encoding: "utf8",
    timeout: 10_000,
  }).trim();
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(doc, recordRun(readFileSync(doc, "utf8"), report, commit, date));
}
const incomplete = report.families.some((f) => !f.skipped && f.ran < f.asked);
if (incomplete) process.stdout.write("\nthe time budget ran out before every case ran\n");
process.exit(report.families.some((f) => f.findings.length) ? 1 : 0);
