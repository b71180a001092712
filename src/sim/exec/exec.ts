/**
 * `uapi-gen sim exec`: runs an unmodified program against a simulated /dev/iommu. The
 * preload library and launcher are built (or found in the cache), then the launcher starts
 * the simulator (a Node process running server/main.ts) and the program, and returns the
 * program's fate as its exit status (see native/launch.c).
 */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { constants } from "node:os";
import { resolve } from "node:path";
import { hostAbi } from "./host.js";
import { ensureNativeBuild, simExecCacheRoot } from "./native-build.js";
import { serverEntry } from "./server-entry.js";
import { SimExecUsageError, type SimExecOptions } from "./options.js";

export interface SimExecResult {
  /** The program's exit code, 128 + its signal, 124 out of time, 125 simulator failure. */
  readonly status: number;
  /** Its output, when stdio is "pipe". */
  readonly stdout: string;
  readonly stderr: string;
  readonly launcherPid: number | undefined;
}

/** After the program's own limit, the launcher itself gets this long before it is killed. */
const LAUNCHER_GRACE_MS = 30_000;

const osSignals = constants.signals as Record<string, number>;

/** The command that starts the simulator (server-entry.ts), with its arguments. */
export function serverCommand(
  o: SimExecOptions,
  abi: string,
  cacheRoot = simExecCacheRoot(),
): string[] {
  return [
    process.execPath,
    ...serverEntry(cacheRoot),
    "--fd",
    "3",
    "--abi",
    abi,
    "--kernel",
    o.kernel,
    ...(o.trace ? ["--trace", resolve(o.cwd ?? process.cwd(), o.trace)] : []),
  ];
}

/** Fails early with a usage error when the trace file cannot be written. */
function checkTrace(o: SimExecOptions): void {
  if (!o.trace) return;
  try {
    closeSync(openSync(resolve(o.cwd ?? process.cwd(), o.trace), "w"));
  } catch (e) {
    throw new SimExecUsageError(`--trace ${o.trace}: ${(e as Error).message}`);
  }
}

export async function simExec(o: SimExecOptions): Promise<SimExecResult> {
  const abi = hostAbi();
  const build = ensureNativeBuild(abi);
  checkTrace(o);
  const server = serverCommand(o, abi.name);
  const child = spawn(
    build.launcher,
    [build.preload, String(o.timeoutMs), String(server.length), ...server, o.program, ...o.args],
    {
      cwd: o.cwd,
      env: o.env ?? process.env,
      stdio: o.stdio === "pipe" ? ["ignore", "pipe", "pipe"] : "inherit",
      timeout: o.timeoutMs + LAUNCHER_GRACE_MS,
      killSignal: "SIGKILL",
    },
  );
  // ^C reaches the program from the terminal; this process waits for its fate instead of dying.
  const ignore = (): void => {};
  process.on("SIGINT", ignore);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  try {
    const status = await new Promise<number>((done, fail) => {
      child.on("error", fail);
      child.on("close", (code, signal) =>
        done(code ?? 128 + (signal ? (osSignals[signal] ?? 0) : 0)),
      );
    });
    return { status, stdout, stderr, launcherPid: child.pid };
  } finally {
    process.off("SIGINT", ignore);
  }
}
