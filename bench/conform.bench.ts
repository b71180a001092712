// The conformance budget: `uapi-gen conform` on the shipped definitions, every ABI and check
// (default fuzz count), cold as a user runs it, within 20 s wall on 2 cores (--jobs 2). Also
// reports the 10,000-definition fuzz rate from a shorter sample, for long-run planning.
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";

const BUDGET_MS = 20_000;

function run(args: string[]): { ms: number; status: number | null; tail: string } {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ["bin/uapi-gen.js", "conform", "--progress", "none", "--jobs", "2", ...args],
    { encoding: "utf8" },
  );
  return {
    ms: performance.now() - t0,
    status: r.status,
    tail: r.stdout.trim().split("\n").at(-1) ?? r.stderr,
  };
}

const runs = [run([]), run([]), run([])];
const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
const median = ms[1]!;
console.log(
  `conform (default run, ${availableParallelism()} cores available, --jobs 2): median ${(median / 1000).toFixed(2)} s, runs ${ms.map((m) => (m / 1000).toFixed(2)).join(" / ")} s`,
);
console.log(`  ${runs[0]!.tail}`);
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
if (median > BUDGET_MS) console.log(`FAIL: over the ${BUDGET_MS / 1000} s budget`);
process.exitCode = failed || median > BUDGET_MS ? 1 : 0;
