// The conformance budget: `uapi-gen conform` on the shipped definitions, every ABI and check
// (default fuzz count; round trips on the 18 ABIs qemu-user runs; the iommufd header against
// the kernel's), cold as a user runs it, within 20 s wall on 2 cores (--jobs 2). Also the
// processor time of each run (the wall time depends on what else the machine runs), and the
// 10,000-definition fuzz rate from a shorter sample, for long-run planning.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { timedRun } from "./lib/command.js";
import { ms, record } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

const BUDGET_MS = 20_000;
const ROUNDTRIP_ABIS = 18;

interface Report {
  readonly cells: readonly { abi: string; check: string; status: string }[];
}

/** Processor time of this process's finished children, in ms (Linux: /proc/self/stat). */
function childrenCpuMs(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // cutime and cstime are fields 16 and 17 of stat(5), in clock ticks (100 per second).
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function run(args: string[]) {
  const cpu0 = childrenCpuMs();
  const r = timedRun(process.execPath, [
    "bin/uapi-gen.js",
    "conform",
    "--progress",
    "none",
    "--jobs",
    "2",
    ...args,
  ]);
  return { ms: r.ms, cpuMs: childrenCpuMs() - cpu0, status: r.status, stdout: r.stdout };
}

/** How many ABIs pass `check` in a run's JSON report (0 without a report). */
function passes(stdout: string, check: string): number {
  try {
    const report = JSON.parse(stdout) as Report;
    return report.cells.filter((c) => c.check === check && c.status === "pass").length;
  } catch {
    return 0;
  }
}

const summary = (stdout: string) =>
  ["compile", "reference", "roundtrip"].map((c) => `${c} pass on ${passes(stdout, c)}`).join(", ");

const runs = [run(["--format", "json"]), run(["--format", "json"]), run(["--format", "json"])];
const { median } = summarize(runs.map((r) => r.ms));
record({
  figure: "6 conformance",
  what: `uapi-gen conform, shipped definitions, every ABI and check (round trips on ${ROUNDTRIP_ABIS} ABIs, iommufd against the kernel's header), --jobs 2`,
  ours: ms(median),
  versus: `budget ${BUDGET_MS / 1000} s`,
  ratio: median / BUDGET_MS,
  goal: { max: 1 },
  note:
    `median of ${runs.length} cold runs on ${availableParallelism()} cores; ` +
    `runs ${runs.map((r) => ms(r.ms)).join(" / ")}; processor time ${runs.map((r) => ms(r.cpuMs)).join(" / ")}; ` +
    summary(runs[0]!.stdout),
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

const failed =
  runs.some((r) => r.status !== 0 || passes(r.stdout, "roundtrip") !== ROUNDTRIP_ABIS) ||
  fuzz.status !== 0;
if (failed) console.log(`FAIL: a conform run did not pass, or not on ${ROUNDTRIP_ABIS} ABIs`);
process.exitCode = failed ? 1 : 0;
