/**
 * Running compilers, emulators and the ABI tools: an async spawn that never throws for a
 * failing program (its exit status is data), a pool that keeps at most `jobs` of them running
 * (the budget is 2 cores), and a cached PATH lookup for toolchain detection.
 */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { cpus } from "node:os";
import { delimiter, join } from "node:path";
import { Pool as TaskPool } from "../util/exec.js";

export interface ExecResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
  /** The command line, for error messages. */
  readonly command: string;
  readonly ms: number;
}

export interface ExecOptions {
  readonly cwd?: string;
  readonly input?: Uint8Array;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export function exec(
  cmd: string,
  args: readonly string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  const command = [cmd, ...args].join(" ");
  const start = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutMs ?? 60_000);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdin.on("error", () => undefined); // a program that exits early closes its stdin
    child.on("error", (e) => {
      clearTimeout(timer);
      resolvePromise({
        code: 127,
        stdout: Buffer.alloc(0),
        stderr: String(e.message),
        command,
        ms: performance.now() - start,
      });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stderr =
        Buffer.concat(err).toString("utf8") +
        (timedOut
          ? `\n(killed after ${opts.timeoutMs ?? 60_000} ms)`
          : signal
            ? `\n(killed by ${signal})`
            : "");
      resolvePromise({
        code: code ?? 128,
        stdout: Buffer.concat(out),
        stderr,
        command,
        ms: performance.now() - start,
      });
    });
    child.stdin.end(opts.input ? Buffer.from(opts.input) : undefined);
  });
}

/** The shared task pool (util/exec.ts), sized for conform's many short compiles, with a
 *  shorthand for a pool-limited process. */
export class Pool extends TaskPool {
  constructor(jobs: number = defaultJobs()) {
    super(jobs);
  }

  exec(cmd: string, args: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
    return this.add(() => exec(cmd, args, opts));
  }
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(cpus().length, 8));
}

const found = new Map<string, string | undefined>();

/** The absolute path of a program on PATH, or undefined. */
export function which(cmd: string): string | undefined {
  if (found.has(cmd)) return found.get(cmd);
  let hit: string | undefined;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      hit = join(dir, cmd);
      break;
    } catch {
      // not in this folder
    }
  }
  found.set(cmd, hit);
  return hit;
}

/** The first lines of a compiler's stderr, for a finding's detail. */
export function firstLines(text: string, n = 6): string {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return (
    lines.slice(0, n).join("\n") + (lines.length > n ? `\n… ${lines.length - n} more lines` : "")
  );
}
