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
import { parseList, parseSkips, parseTap, type Verdict } from "./tap.js";

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
  /** The harness's reason for each skipped test. */
  readonly skips: Map<string, string>;
  readonly output: string;
}

/** Runs the tests named (all of them when none is) in one `sim exec`. */
export async function runSelftests(
  bin: string,
  tests: readonly string[] = [],
): Promise<SelftestRun> {
  const r = await simExec(options(bin, tests));
  return {
    status: r.status,
    verdicts: parseTap(r.stdout),
    skips: parseSkips(r.stdout),
    output: r.stdout + r.stderr,
  };
}

/** The first thing the harness says went wrong in a test's output. */
function firstFailure(output: string): string {
  const line = output
    .split("\n")
    .find((l) => /^# \S+\.c:\d+:/.test(l) || /Assertion .* failed/.test(l));
  return line ? line.replace(/^# /, "").trim() : "";
}

/** One test alone, traced: the unmodelled paths it reached, and its first failure. */
export async function traceOne(
  bin: string,
  test: string,
): Promise<{ paths: string[]; failure: string }> {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-selftest-"));
  try {
    const trace = join(dir, "trace.jsonl");
    const r = await simExec(options(bin, [test], trace));
    const paths = new Set<string>();
    for (const line of readFileSync(trace, "utf8").split("\n"))
      if (line) {
        const what = (JSON.parse(line) as { not_modelled?: string }).not_modelled;
        if (what) paths.add(what);
      }
    return { paths: [...paths], failure: firstFailure(r.stdout + r.stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Status = Verdict | "out of scope";

export interface Classified {
  readonly test: string;
  readonly status: Status;
  /** Out of scope: the unmodelled paths reached; fail: the first failure; skip: the reason. */
  readonly why: string;
}

/** Every test of the selftest, classified (one run of all, one run of each failure). */
export async function classifySelftests(bin: string): Promise<Classified[]> {
  const tests = listSelftests(bin);
  const all = await runSelftests(bin);
  const out: Classified[] = [];
  for (const test of tests) {
    const verdict = all.verdicts.get(test) ?? "fail";
    if (verdict !== "fail") {
      out.push({
        test,
        status: verdict,
        why: verdict === "skip" ? (all.skips.get(test) ?? "") : "",
      });
      continue;
    }
    const one = await traceOne(bin, test);
    out.push(
      one.paths.length
        ? { test, status: "out of scope", why: `not modelled: ${one.paths.join("; ")}` }
        : { test, status: "fail", why: one.failure },
    );
  }
  return out;
}
