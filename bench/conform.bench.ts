// The conformance budget: `uapi-gen conform` on the shipped definitions, every ABI and check
// (default fuzz count), cold as a user runs it, within 20 s wall on 2 cores (--jobs 2). Also
// reports the 10,000-definition fuzz rate from a shorter sample, for long-run planning.
import { timedRun } from "./lib/command.js";
import { availableParallelism } from "node:os";
import { ms, record } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

const BUDGET_MS = 20_000;

function run(args: string[]): { ms: number; status: number | null; tail: string } {
  const r = timedRun(process.execPath, [
    "bin/uapi-gen.js",
    "conform",
    "--progress",
    "none",
    "--jobs",
    "2",
    ...args,
  ]);
  return { ms: r.ms, status: r.status, tail: r.stdout.trim().split("\n").at(-1) ?? r.stderr };
}

const runs = [run([]), run([]), run([])];
const { median } = summarize(runs.map((r) => r.ms));
record({
  figure: "6 conformance",
  what: "uapi-gen conform, shipped definitions, every ABI and check, --jobs 2",
  ours: ms(median),
  versus: `budget ${BUDGET_MS / 1000} s`,
  ratio: median / BUDGET_MS,
  goal: { max: 1 },
  note:
    `median of ${runs.length} cold runs on ${availableParallelism()} cores; ` +
    `runs ${runs.map((r) => ms(r.ms)).join(" / ")}; ${runs[0]!.tail}`,
});
const fuzz = run([
  "--checks",
  "fuzz",
  "--fuzz",
  "1000",
  "--fixtures",
  "/tmp/uapi-gen-bench-fixtures",
]);
console.log(
  `fuzz: 1000 random definitions x 19 ABIs in ${(fuzz.ms / 1000).toFixed(2)} s (${Math.round((1000 * 19) / (fuzz.ms / 1000))} struct-ABI checks/s)`,
);

const failed = runs.some((r) => r.status !== 0) || fuzz.status !== 0;
if (failed) console.log("FAIL: a conform run did not pass");
process.exitCode = failed ? 1 : 0;
