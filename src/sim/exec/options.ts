/** The options of `uapi-gen sim exec`, checked: the CLI builds them, tests pass them directly. */
import { KERNEL_LEVELS, type KernelLevel } from "../kernel/kernel.js";

/**
 * The program's time limit by default: generous for a VMM's whole test suite (the kernel's
 * selftest takes a few seconds), bounded so a hung program cannot hold a CI job forever.
 */
export const DEFAULT_TIMEOUT_S = 600;

export interface SimExecOptions {
  readonly program: string;
  readonly args: readonly string[];
  /** The kernel release whose behaviour the simulator gives (default "latest", 7.2). */
  readonly kernel: KernelLevel;
  /** A file that receives one JSON line per ioctl. */
  readonly trace?: string;
  /** The program's time limit; it is killed after it (exit status 124). */
  readonly timeoutMs: number;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** "inherit" for the CLI; "pipe" captures the program's output (tests). */
  readonly stdio: "inherit" | "pipe";
}

export class SimExecUsageError extends Error {}

export interface RawSimExecOptions {
  readonly command: readonly string[];
  readonly kernel?: string;
  readonly trace?: string;
  readonly timeout?: string | number;
}

/** The options from what a user typed; a SimExecUsageError says what is wrong. */
export function simExecOptions(raw: RawSimExecOptions): SimExecOptions {
  const [program, ...args] = raw.command;
  if (!program)
    throw new SimExecUsageError(
      "sim exec needs a program to run: uapi-gen sim exec -- PROGRAM [ARGS...]",
    );
  const kernel = raw.kernel ?? "latest";
  if (!(KERNEL_LEVELS as readonly string[]).includes(kernel))
    throw new SimExecUsageError(
      `--kernel must be one of ${KERNEL_LEVELS.join(", ")}, not '${kernel}'`,
    );
  const seconds = raw.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(raw.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 7 * 24 * 3600)
    throw new SimExecUsageError(
      `--timeout must be a number of seconds above 0, not '${raw.timeout}'`,
    );
  return {
    program,
    args,
    kernel: kernel as KernelLevel,
    trace: raw.trace,
    timeoutMs: Math.round(seconds * 1000),
    stdio: "inherit",
  };
}
