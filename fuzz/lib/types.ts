/** What the fuzz run passes around: cases, what running one showed, and findings. */

export const FAMILIES = ["defs", "headers", "scenarios", "lsp"] as const;
export type Family = (typeof FAMILIES)[number];

export interface FuzzCase {
  readonly family: Family;
  /** `defs-17`: the family and the case's number in the run. */
  readonly id: string;
  /** Files of the case by path relative to its folder. */
  readonly files: Readonly<Record<string, string>>;
  /** The file under test. */
  readonly main: string;
  /** A language-server session: the raw byte chunks a client sends, in order. */
  readonly session?: readonly string[];
}

/** One command of the CLI run on a case (in process, through `main`). */
export interface CommandRun {
  readonly argv: readonly string[];
  readonly exit: number;
  readonly out: string;
  readonly err: string;
}

export interface Observation {
  readonly id: string;
  /** The commands run, their output cut to a few kilobytes (findings are judged in full). */
  readonly runs: readonly CommandRun[];
  /** Internal errors and diagnostics without a position, judged where the output was whole. */
  readonly found: readonly Finding[];
  /** An uncaught exception, an unhandled rejection or the worker dying, in words. */
  readonly crash?: string;
  /** Problems the family's own checks saw (a language-server request left unanswered). */
  readonly problems?: readonly string[];
  /** Wall-clock time, which a busy machine stretches. */
  readonly ms: number;
  /** Processor time of the worker and the processes it waited for (clang): the case's work. */
  readonly cpuMs: number;
  /** The most memory the worker and its children held while the case ran. */
  readonly peakRssBytes: number;
  readonly timedOut: boolean;
}

export type FindingKind = "internal" | "timeout" | "memory" | "unpositioned";

export interface Finding {
  readonly kind: FindingKind;
  /** What was seen, one line (used to match the finding while minimising). */
  readonly detail: string;
}

export interface Limits {
  readonly caseMs: number;
  readonly memoryBytes: number;
}

export const DEFAULT_LIMITS: Limits = { caseMs: 10_000, memoryBytes: 1024 ** 3 };
