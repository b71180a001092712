/**
 * Child processes for the C front end: an async spawn whose failure is data (exit status,
 * stderr), never an exception, with a time limit on every run, and a pool that keeps at most
 * `jobs` of them running at once (the machine budget is 2 cores).
 */
import { spawn } from "node:child_process";

export interface RunResult {
  /** Exit status; 124 when the time limit killed it, 127 when it could not start. */
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the program could not be started (not installed: ENOENT). */
  readonly spawnError?: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly input?: string | Uint8Array;
  /** Killed (SIGKILL) after this many milliseconds; every run has a limit. */
  readonly timeoutMs: number;
}

/** Default limit of one compiler run, overridable for slow machines. */
export const DEFAULT_TOOL_TIMEOUT_MS = Number(process.env.UAPI_GEN_TOOL_TIMEOUT_MS ?? 60_000);

export function run(cmd: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const profile = process.env.UAPI_GEN_PROFILE
    ? (r: RunResult) => {
        const inputs = args.filter((a) => /\.(c|h)$/.test(a)).length;
        const action = args.find((a) => /^-(E|emit-obj|ast-dump|c)$|^-ast-dump/.test(a)) ?? "";
        process.stderr.write(
          `[run] ${(performance.now() - started).toFixed(0)} ms ${cmd.split("/").pop()} ${action} ${inputs} inputs code ${r.code}\n`,
        );
        return r;
      }
    : (r: RunResult) => r;
  return new Promise<RunResult>((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdin.on("error", () => undefined); // a program that exits early closes its stdin
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        code: 127,
        stdout: Buffer.alloc(0),
        stderr: e.message,
        timedOut: false,
        spawnError: e.code ?? e.message,
      });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code: timedOut ? 124 : (code ?? 128),
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString("utf8"),
        timedOut,
      });
    });
    child.stdin.end(opts.input === undefined ? undefined : Buffer.from(opts.input));
  }).then(profile);
}

/** Runs tasks with at most `jobs` of them in flight; results keep the tasks' order. */
export class Pool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly jobs: number = defaultJobs()) {}

  async add<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.jobs) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  all<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
    return Promise.all(tasks.map((t) => this.add(t)));
  }
}

/** `UAPI_GEN_JOBS`, else 2: the cores the project may use. */
export function defaultJobs(): number {
  const n = Number(process.env.UAPI_GEN_JOBS ?? 2);
  return Number.isInteger(n) && n > 0 ? n : 2;
}
