/**
 * Worker processes that run fuzz cases, one case at a time each. A case gets a time limit
 * (the worker is killed, with everything it started, when it runs past it) and a memory
 * measurement (sampled from /proc for the worker and its children, and the worker's own
 * high-water mark). A worker is replaced after it dies and after a number of cases, so no
 * case pays for another's leftovers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { sampleMemory, treeRss } from "./memory.js";
import type { FuzzCase, Limits, Observation } from "./types.js";
import type { WorkerReply } from "./worker.js";

const WORKER = join(import.meta.dirname, "worker.ts");
/** Cases per worker before it is replaced. */
const CASES_PER_WORKER = 250;
/**
 * A worker holding more than this after a case is replaced too: what the cases before left
 * behind (a language server per session runs in the worker) must not count as the next
 * case's memory.
 */
const RECYCLE_BYTES = 512 * 1024 ** 2;
/**
 * A case is judged by its processor time (a busy machine stretches wall-clock time, not
 * work); a worker is killed only when the wall clock passes this many times the limit, or
 * right away on a case that holds neither processor nor progress: a hang.
 */
const WALL_FACTOR = 3;

interface Slot {
  child: ChildProcess;
  cases: number;
  stderr: string;
  /** Resolves once the worker has loaded: its start-up is no case's time. */
  ready: Promise<void>;
}

export class Pool {
  private readonly idle: Slot[] = [];
  private readonly waiting: ((s: Slot) => void)[] = [];
  private live = 0;

  constructor(
    private readonly size: number,
    private readonly limits: Limits,
  ) {}

  private start(): Slot {
    const child = spawn(
      process.execPath,
      ["--conditions=uapi-gen-source", "--expose-gc", "--import", "tsx", WORKER],
      // Its own process group: a kill reaches the compilers it started too.
      { stdio: ["ignore", "ignore", "pipe", "ipc"], detached: true },
    );
    const ready = new Promise<void>((resolve) => {
      const onReady = (m: { ready?: boolean }) => {
        if (!m?.ready) return;
        child.off("message", onReady);
        resolve();
      };
      child.on("message", onReady);
      // A worker that dies loading resolves too: its first case then reports the death.
      child.once("exit", () => resolve());
    });
    const slot: Slot = { child, cases: 0, stderr: "", ready };
    child.stderr!.on("data", (d: Buffer) => (slot.stderr = (slot.stderr + d).slice(-4000)));
    return slot;
  }

  private async acquire(): Promise<Slot> {
    const free = this.idle.pop();
    if (free) return free;
    if (this.live < this.size) {
      this.live++;
      return this.start();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot | undefined): void {
    if (!slot) {
      this.live--;
      const next = this.waiting.shift();
      if (next) {
        this.live++;
        next(this.start());
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  private kill(slot: Slot): void {
    try {
      process.kill(-slot.child.pid!, "SIGKILL");
    } catch {
      slot.child.kill("SIGKILL");
    }
  }

  async run(c: FuzzCase): Promise<Observation> {
    const slot = await this.acquire();
    await slot.ready;
    const t0 = performance.now();
    const stop = sampleMemory(slot.child.pid!);
    const reply = await new Promise<WorkerReply | { died: string } | "timeout">((resolve) => {
      const timer = setTimeout(() => resolve("timeout"), this.limits.caseMs * WALL_FACTOR);
      const done = (r: WorkerReply | { died: string }) => {
        clearTimeout(timer);
        slot.child.off("message", onMessage);
        slot.child.off("exit", onExit);
        resolve(r);
      };
      const onMessage = (m: WorkerReply) => m.id === c.id && done(m);
      const onExit = (code: number | null, signal: string | null) =>
        done({ died: `the worker died (${signal ?? `exit ${code}`}): ${slot.stderr.trim()}` });
      slot.child.on("message", onMessage);
      slot.child.on("exit", onExit);
      if (slot.child.exitCode !== null || slot.child.signalCode !== null)
        return onExit(slot.child.exitCode, slot.child.signalCode);
      slot.child.send(c);
    });
    const sampled = stop();
    const ms = performance.now() - t0;
    if (reply === "timeout" || "died" in reply) {
      this.kill(slot);
      this.release(undefined);
      return {
        id: c.id,
        runs: [],
        found:
          reply === "timeout" ? [] : [{ kind: "internal", detail: reply.died.split("\n")[0]! }],
        ...(reply === "timeout" ? {} : { crash: reply.died }),
        ms,
        cpuMs: ms,
        peakRssBytes: sampled,
        timedOut: reply === "timeout",
      };
    }
    slot.cases++;
    if (slot.cases >= CASES_PER_WORKER || treeRss(slot.child.pid!) > RECYCLE_BYTES) {
      this.kill(slot);
      this.release(undefined);
    } else this.release(slot);
    return {
      ...reply.observation,
      peakRssBytes: Math.max(sampled, reply.observation.peakRssBytes),
    };
  }

  close(): void {
    for (const s of this.idle.splice(0)) this.kill(s);
  }
}
