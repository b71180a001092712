/**
 * The conformance run's options checked before anything runs: a run with no ABI or no check
 * has nothing to prove, and must not report "ok" (`--abi ""` did).
 */
import type { ConformOptions } from "./run.js";

export function conformOptionsProblem(
  opts: Pick<ConformOptions, "abis" | "checks" | "fuzz">,
): string | undefined {
  if (opts.abis && opts.abis.length === 0)
    return "--abi names no ABI: give at least one (or leave --abi out for all of them)";
  if (opts.checks.length === 0)
    return "--checks names no check: give at least one (or leave --checks out for all of them)";
  if (opts.checks.length === 1 && opts.checks[0] === "fuzz" && opts.fuzz <= 0)
    return "--checks fuzz with --fuzz 0 runs nothing: give --fuzz N";
  return undefined;
}
