// A command as a user runs it (a new process), with its wall time: what every cold figure is.
import { spawnSync } from "node:child_process";

export interface TimedRun {
  readonly ms: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function timedRun(
  command: string,
  args: readonly string[],
  options: {
    readonly cwd?: string;
    readonly input?: string;
    readonly env?: NodeJS.ProcessEnv;
  } = {},
): TimedRun {
  const t0 = performance.now();
  const r = spawnSync(command, args, { ...options, encoding: "utf8", maxBuffer: 1 << 30 });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr };
}
