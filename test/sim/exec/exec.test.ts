/**
 * `sim exec` end to end with real programs: bad pointers are EFAULT (and nothing crashes),
 * descriptors keep their meaning across dup, fork and exec, a program killed mid-ioctl takes
 * the simulator with it and its fate is the exit status, and --trace writes one decoded line
 * per ioctl.
 */
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import type { SimExecResult } from "../../../src/sim/exec/exec.js";
import { buildProgram, run } from "./helpers.js";

describe("sim exec", () => {
  it("answers bad pointers with EFAULT, as copy_from_user and copy_to_user do", async () => {
    const r = await run(buildProgram("bad-pointers"));
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("bad pointers: all EFAULT");
    expect(r.status).toBe(0);
  });

  it("keeps descriptors' meaning across dup, fork, exec and close-on-exec", async () => {
    const r = await run(buildProgram("files"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("recovers when a process of the program dies in the middle of an ioctl", async () => {
    const r = await run(buildProgram("busy-loop"), ["fork"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("parent went on");
    expect(r.status).toBe(0);
  });

  it("leaves no simulator behind when the program is killed mid-ioctl; 128 + signal is the status", async () => {
    const { started, program, simulator } = await busyLoopAndSimulator();
    process.kill(program, "SIGKILL");
    const r = await started;
    expect(r.status, r.stderr).toBe(128 + 9);
    expect(alive(simulator)).toBe(false);
  });

  it("ends the program with status 125 when the simulator dies under it", async () => {
    const { started, program, simulator } = await busyLoopAndSimulator();
    process.kill(simulator, "SIGKILL");
    const r = await started;
    expect(r.status).toBe(125);
    expect(r.stderr).toContain("the simulator stopped (signal 9)");
    expect(alive(program)).toBe(false);
  });

  it("is not fooled by the simulator leaving first when the program exits", async () => {
    // The simulator ends at EOF, which the program's exit itself causes: whichever of the two
    // is reaped first, a clean exit is the program's status (CI once saw 125 here).
    for (let i = 0; i < 8; i++) expect((await run("true")).status).toBe(0);
  });

  it("runs from the CLI: the program's exit code is uapi-gen's, a time limit is 124", async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => void err.push(t), cwd: process.cwd() };
    expect(await main(["sim", "exec", "--", "sh", "-c", "exit 7"], io)).toBe(7);
    expect(await main(["sim", "exec", "--timeout", "0.3", "--", "sleep", "10"], io)).toBe(124);
    expect(await main(["sim", "exec", "--kernel", "v5", "--", "true"], io)).toBe(2);
    expect(err.join("")).toContain("--kernel must be one of v6.8, v6.13, latest");
  });

  it("writes one JSON line per ioctl with --trace", async () => {
    const trace = join(tmpdir(), `uapi-gen-trace-${process.pid}.jsonl`);
    const r = await run(buildProgram("bad-pointers"), [], { trace });
    expect(r.status).toBe(0);
    const lines = readFileSync(trace, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const inv = lines.find((l) => l.ioctl === "IOMMU_HWPT_INVALIDATE");
    expect(inv).toMatchObject({
      arg: { entry_num: 2, data_type: 0xdeadbeef, entry_len: 12 },
      errno: "EFAULT",
      written: { entry_num: 0 },
    });
    expect(lines[0]).toMatchObject({ ioctl: "IOMMU_DESTROY", arg: null, errno: "EFAULT" });
  });
});

/** Starts busy-loop under sim exec; once it is well into its ioctls, its pid and the simulator's. */
async function busyLoopAndSimulator(): Promise<{
  started: Promise<SimExecResult>;
  program: number;
  simulator: number;
}> {
  const started = run(buildProgram("busy-loop"));
  const launcher = await waitForLauncher();
  let pids: number[] = [];
  while (pids.length !== 2) {
    await new Promise((r) => setTimeout(r, 50));
    pids = childrenOf(launcher);
  }
  const [a, b] = pids as [number, number];
  // The program is the one that is not the simulator (which runs node).
  const program = cmdline(a).includes("busy-loop") ? a : b;
  await new Promise((r) => setTimeout(r, 200)); // well into its loop of ioctls
  return { started, program, simulator: program === a ? b : a };
}

/** The launcher is the newest child of this process running the launcher binary. */
async function waitForLauncher(): Promise<number> {
  for (;;) {
    const mine = childrenOf(process.pid).filter((p) => cmdline(p).includes("uapi-gen-sim-launch"));
    if (mine.length) return Math.max(...mine);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "latin1");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "latin1");
  } catch {
    return "";
  }
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
