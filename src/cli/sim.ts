/**
 * `uapi-gen sim run FILE...` runs conformance scenarios (../shared/spec/scenario-format.md)
 * on the simulated kernel, SMMUv3 and VMM; `uapi-gen sim compare` runs the error-reporting
 * designs against the invalidation contract and prints the table.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { loadAll, formatText, runScenarios, ScenarioFormatError } from "../sim/scenario/runner.js";
import { compareDesigns, formatComparison } from "../sim/variants/compare.js";
import { EXIT, UsageError, type Io } from "./usage.js";

export const SIM_HELP = `usage: uapi-gen sim run FILE... [--format text|json]
       uapi-gen sim compare [--format text|json]

run      runs every scenario of every file (JSON or YAML) in order, each on a fresh
         simulated system; prints one line per failed step and "N passed, N failed".
         Exit 0 when every step matched, 1 when any did not, 2 when a file cannot be
         read or does not follow the scenario format.
compare  runs the error-reporting designs of IOMMU_HWPT_INVALIDATE (merged errno +
         entry_num, out_array_index + out_error_code, packed code, ring, per-entry
         hw_error) on the same cases and prints which keep the contract.

options:
  --format text|json   output format (default text)
`;

/** JSON with 64-bit values: numbers when exact, "0x..." strings otherwise. */
function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      typeof v === "bigint"
        ? v <= BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(v)
          : `0x${v.toString(16)}`
        : v,
    2,
  );
}

function format(v: string | undefined): "text" | "json" {
  const f = v ?? "text";
  if (f !== "text" && f !== "json")
    throw new UsageError(`--format must be text or json, not '${f}'`);
  return f;
}

function runSub(files: readonly string[], fmt: "text" | "json", io: Io): number {
  if (files.length === 0) throw new UsageError("sim run needs at least one scenario file");
  let scenarios;
  try {
    // Messages name each file as it was given; it is read relative to the working folder.
    scenarios = loadAll(files.map((f) => ({ path: resolve(io.cwd, f), shownAs: f })));
  } catch (e) {
    if (e instanceof ScenarioFormatError) {
      io.err(`uapi-gen sim run: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
  let result;
  try {
    result = runScenarios(scenarios);
  } catch (e) {
    if (e instanceof ScenarioFormatError) {
      io.err(`uapi-gen sim run: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
  io.out(fmt === "json" ? toJson(result) : formatText(result));
  return result.failed === 0 ? EXIT.ok : EXIT.findings;
}

function compareSub(fmt: "text" | "json", io: Io): number {
  const c = compareDesigns();
  if (fmt === "json") {
    const runs = c.runs.map((r) => ({
      design: r.design,
      case: r.case,
      report: r.report,
      verdict: r.verdict,
    }));
    io.out(toJson({ rows: c.rows, findings: [c.smmuv3Finding, c.hostFinding], runs }));
  } else io.out(formatComparison(c));
  return EXIT.ok;
}

export async function simCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { format: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const [sub, ...rest] = positionals;
  if (values.help || sub === "help") {
    io.out(SIM_HELP);
    return EXIT.ok;
  }
  const fmt = format(values.format);
  if (sub === "run") return runSub(rest, fmt, io);
  if (sub === "compare") {
    if (rest.length)
      throw new UsageError(`sim compare takes no arguments, got '${rest.join(" ")}'`);
    return compareSub(fmt, io);
  }
  throw new UsageError(
    sub
      ? `unknown sim subcommand '${sub}' (expected run or compare)`
      : "expected a subcommand: run or compare",
  );
}
