/**
 * The kernel's IOMMUFD selftest under `sim exec`: one run of the tests asked for, and the
 * classification for docs/sim.md: a test passes, is skipped by the harness itself, fails,
 * or is out of scope — it failed after reaching a path the simulator does not model (its
 * trace, from a run of that test alone, names the path).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simExec } from "../exec.js";
import type { SimExecOptions } from "../options.js";
import { parseList, parseTap, type Verdict } from "./tap.js";

/** Generous for the whole suite (it takes seconds); the harness has its own per-test limit. */
const SELFTEST_TIMEOUT_MS = 300_000;

/** The harness prints the list on stderr and exits with a non-zero status after it. */
export function listSelftests(bin: string): string[] {
  const r = spawnSync(bin, ["-l"], { encoding: "utf8", timeout: 10_000 });
  const tests = parseList(r.stderr + r.stdout);
  if (r.error || !tests.length)
    throw new Error(`${bin} -l listed no tests: ${r.error?.message ?? r.stderr}`);
  return tests;
}

function options(bin: string, tests: readonly string[], trace?: string): SimExecOptions {
  return {
    program: bin,
    args: tests.flatMap((t) => ["-r", t]),
    kernel: "latest",
    trace,
    timeoutMs: SELFTEST_TIMEOUT_MS,
    stdio: "pipe",
  };
}

export interface SelftestRun {
  readonly status: number;
  readonly verdicts: Map<string, Verdict>;
  readonly output: string;
}

/** Runs the tests named (all of them when none is) in one `sim exec`. */
export async function runSelftests(
  bin: string,
  tests: readonly string[] = [],
): Promise<SelftestRun> {
  const r = await simExec(options(bin, tests));
  return { status: r.status, verdicts: parseTap(r.stdout), output: r.stdout + r.stderr };
}

/** The unmodelled paths one test reached, from its trace. */
export async function notModelledIn(bin: string, test: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-selftest-"));
  try {
    const trace = join(dir, "trace.jsonl");
    await simExec(options(bin, [test], trace));
    const paths = new Set<string>();
    for (const line of readFileSync(trace, "utf8").split("\n"))
      if (line) {
        const what = (JSON.parse(line) as { not_modelled?: string }).not_modelled;
        if (what) paths.add(what);
      }
    return [...paths];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Status = Verdict | "out of scope";

export interface Classified {
  readonly test: string;
  readonly status: Status;
  /** For out of scope: the unmodelled paths reached. */
  readonly why: readonly string[];
}

/** Every test of the selftest, classified (one run of all, one run of each failure). */
export async function classifySelftests(bin: string): Promise<Classified[]> {
  const tests = listSelftests(bin);
  const all = await runSelftests(bin);
  const out: Classified[] = [];
  for (const test of tests) {
    const verdict = all.verdicts.get(test) ?? "fail";
    if (verdict !== "fail") {
      out.push({ test, status: verdict, why: [] });
      continue;
    }
    const why = await notModelledIn(bin, test);
    out.push({ test, status: why.length ? "out of scope" : "fail", why });
  }
  return out;
}
