// Figure 14: ioctl round trips per second through `uapi-gen sim exec`. An unmodified C program
// (bench/programs/invalidate-loop.c) sets up a mock vIOMMU with one vDEVICE, then calls
// IOMMU_HWPT_INVALIDATE with 64 entries in a loop; each call goes to the simulator process
// (the argument struct and the entry array sent along, the handled count written back), which
// runs the mock driver on them. Compared with the same loop of a native ioctl that does
// nothing (the same call on /dev/null, ENOTTY), which is what the program would cost without
// the simulator. The program times its loop itself, so the simulator's start-up is not counted.
// Run: npx tsx bench/sim-exec.bench.ts (SIM_EXEC_BENCH_CALLS, SIM_EXEC_BENCH_RUNS change the size).
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { simExec } from "../src/sim/exec/exec.js";
import { corpusIncludes } from "../src/sim/exec/host.js";
import { corpusHeaders, corpusSource } from "../src/util/corpus.js";
import { record } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

const CALLS = Number(process.env.SIM_EXEC_BENCH_CALLS ?? 60_000);
const NATIVE_CALLS = CALLS * 20;
const RUNS = Number(process.env.SIM_EXEC_BENCH_RUNS ?? 7);
const GOAL_PER_SECOND = 20_000;

function build(): string {
  const h = corpusHeaders("7.2");
  const bin = join(mkdtempSync(join(tmpdir(), "uapi-gen-bench-")), "invalidate-loop");
  const src = join(import.meta.dirname, "programs", "invalidate-loop.c");
  const args = [
    "-O2",
    ...corpusIncludes(h),
    "-I",
    join(corpusSource("7.2"), "drivers/iommu/iommufd"),
    "-o",
    bin,
    src,
  ];
  const r = spawnSync("gcc", args, { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`bench: gcc failed: ${r.stderr}`);
  return bin;
}

const bin = build();

function native(): number {
  const r = spawnSync(bin, ["native", String(NATIVE_CALLS)], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`bench: native loop failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

async function simulated(): Promise<number> {
  const r = await simExec({
    program: bin,
    args: ["sim", String(CALLS)],
    kernel: "latest",
    timeoutMs: 300_000,
    stdio: "pipe",
  });
  if (r.status !== 0) throw new Error(`bench: the loop under sim exec failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

// Side by side: a native run, then a simulated one, RUNS times (plus one warm-up each).
await simulated();
native();
const sim: number[] = [];
const nat: number[] = [];
for (let i = 0; i < RUNS; i++) {
  nat.push(native());
  sim.push(await simulated());
}
// Rates: the median of the rates (summarize works on any samples).
const s = summarize(sim).median;
const n = summarize(nat).median;
const [load] = loadavg();
const k = (x: number): string => `${(x / 1000).toFixed(1)} k ioctls/s`;
const note =
  `${CALLS} invalidations of 64 entries per simulated run (${NATIVE_CALLS} native calls), ` +
  `median of ${RUNS} runs side by side (simulated ${sim.map((x) => (x / 1000).toFixed(1)).join(", ")} k/s; ` +
  `native ${nat.map((x) => (x / 1e6).toFixed(2)).join(", ")} M/s); load average ${load!.toFixed(1)} ` +
  `on ${availableParallelism()} cores at the end`;
record({
  figure: "14 sim exec",
  what: "IOMMU_HWPT_INVALIDATE (64 entries) round trips through sim exec",
  ours: k(s),
  versus: `goal ${k(GOAL_PER_SECOND)}`,
  ratio: s / GOAL_PER_SECOND,
  goal: { min: 1 },
  note,
});
record({
  figure: "14 sim exec",
  what: "simulated invalidations / native no-op ioctls, same loop",
  ours: k(s),
  versus: `native no-op ioctl ${(n / 1e6).toFixed(2)} M ioctls/s`,
  ratio: s / n,
  goal: {},
  note,
});
