/**
 * A fuzz worker: runs the cases the pool sends, one at a time, in this process, and replies
 * with what happened. Internal errors print their stacks (UAPI_GEN_DEBUG), and anything
 * thrown outside a command (an uncaught exception, an unhandled rejection, a call to
 * process.exit) is recorded as a crash of the case that was running.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { RUNNERS } from "../families/runners.js";
import { exitCalls, guardExit } from "./exit-guard.js";
import type { FuzzCase, Observation } from "./types.js";
import { contentFindings } from "./verdict.js";

export interface WorkerReply {
  readonly id: string;
  readonly observation: Observation;
}

process.env.UAPI_GEN_DEBUG = "1";
let crash: string | undefined;
const record = (what: string) => (e: unknown) => {
  crash ??= `${what}: ${(e as Error)?.stack ?? String(e)}`;
};
process.on("uncaughtException", record("uncaught exception"));
process.on("unhandledRejection", record("unhandled rejection"));
guardExit();
// The pool went away: so does the worker.
process.on("disconnect", () => process.kill(process.pid, "SIGKILL"));

/** Processor time of this process and of the children it has waited for, in ms. */
function cpuMs(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat after the command name: state is field 3, cutime and cstime 16 and 17,
    // in clock ticks (100 a second on Linux).
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    // No /proc: the worker's own time still counts.
  }
  return (own.user + own.system) / 1000 + children;
}

const cut = (text: string) => (text.length > 8000 ? `${text.slice(0, 8000)}\n[...]` : text);

/** Lets timers and promises the case started run, so what they throw is seen. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  // What the case left is garbage now; collected, it does not weigh on the next case.
  (globalThis as { gc?: () => void }).gc?.();
}

async function runCase(c: FuzzCase): Promise<Observation> {
  crash = undefined;
  const dir = mkdtempSync(join(tmpdir(), `uapi-gen-fuzz-${c.id}-`));
  for (const [path, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  exitCalls.length = 0;
  const before = process.resourceUsage().maxRSS * 1024;
  const cpu0 = cpuMs();
  const t0 = performance.now();
  let result: Awaited<ReturnType<(typeof RUNNERS)[keyof typeof RUNNERS]>> = { runs: [] };
  try {
    result = await RUNNERS[c.family](c, dir);
  } catch (e) {
    record("the case's runner threw")(e);
  }
  await settle();
  // The session of the language-server family ends with `exit`, and says when it was sent.
  const allowed = result.exitsExpected ?? 0;
  if (exitCalls.length > allowed)
    record("process.exit was called")(new Error(`process.exit(${exitCalls.at(-1)})`));
  const ms = performance.now() - t0;
  const cpu = cpuMs() - cpu0;
  const after = process.resourceUsage().maxRSS * 1024;
  rmSync(dir, { recursive: true, force: true });
  const seen = { runs: result.runs, ...(crash ? { crash } : {}), problems: result.problems };
  return {
    id: c.id,
    runs: result.runs.map((r) => ({ ...r, out: cut(r.out), err: cut(r.err) })),
    found: contentFindings(seen),
    ...(crash ? { crash: cut(crash) } : {}),
    ...(result.problems?.length ? { problems: result.problems } : {}),
    ms,
    cpuMs: cpu,
    // The high-water mark is this case's only when the case raised it.
    peakRssBytes: after > before ? after : 0,
    timedOut: false,
  };
}

process.on("message", (c: FuzzCase) => {
  void runCase(c).then((observation) => process.send!({ id: c.id, observation }));
});
// Loaded: cases may come (the pool starts a case's clock only now).
process.send!({ ready: true });
