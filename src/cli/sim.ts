/**
 * `uapi-gen sim run FILE...` runs conformance scenarios (docs/scenario-format.md)
 * on the simulated kernel, SMMUv3 and VMM; `uapi-gen sim compare` runs the error-reporting
 * designs against the invalidation contract and prints the table.
 */
import { resolve } from "node:path";
import type { Argv } from "yargs";
import { loadAll, formatText, runScenarios, ScenarioFormatError } from "../sim/scenario/runner.js";
import { compareDesigns, formatComparison } from "../sim/variants/compare.js";
import { KERNEL_LEVELS, type KernelLevel } from "../sim/kernel/kernel.js";
import { DEFAULT_TIMEOUT_S, simExecOptions, SimExecUsageError } from "../sim/exec/options.js";
import { defineCommand, type ArgsOf } from "./command.js";
import { EXIT, UsageError, type Io } from "./usage.js";

const DESCRIPTION = `usage: $0 sim run FILE... [--format text|json]
       $0 sim compare [--format text|json]
       $0 sim exec [--kernel v6.8|v6.13|latest] [--trace FILE] [--timeout S] -- PROGRAM [ARGS...]`;

const FORMAT = {
  describe: "output format",
  choices: ["text", "json"] as const,
  default: "text" as "text" | "json",
};

const runBuilder = (y: Argv) =>
  y
    .usage(
      "usage: $0 sim run FILE... [--format text|json]\n\n" +
        "Runs every scenario of every file (JSON or YAML; docs/scenario-format.md) in order, " +
        'each on a fresh simulated system; prints one line per failed step and "N passed, ' +
        'N failed". Exit 0 when every step matched, 1 when any did not, 2 when a file cannot ' +
        "be read or does not follow the scenario format.",
    )
    .positional("files", { describe: "scenario files", type: "string", array: true })
    .option("format", FORMAT);

const compareBuilder = (y: Argv) =>
  y
    .usage(
      "usage: $0 sim compare [--format text|json]\n\n" +
        "Runs the error-reporting designs of IOMMU_HWPT_INVALIDATE (merged errno + " +
        "entry_num, out_array_index + out_error_code, packed code, ring, per-entry " +
        "hw_error) on the same cases and prints which keep the contract.",
    )
    .option("format", FORMAT);

const execBuilder = (y: Argv) =>
  y
    .usage(
      "usage: $0 sim exec [--kernel v6.8|v6.13|latest] [--trace FILE] [--timeout S] -- PROGRAM [ARGS...]\n\n" +
        "Runs an unmodified, dynamically linked program against a simulated /dev/iommu (the " +
        "iommufd ioctls, the selftest mock driver's IOMMU_TEST_CMD, its event queues). The exit " +
        "status is the program's: its exit code, 128 + the signal that killed it, 124 when it " +
        "ran out of time, 125 when the simulator failed. docs/sim.md says what is modelled.",
    )
    .positional("command", {
      describe: "the program and its arguments",
      type: "string",
      array: true,
    })
    .option("kernel", {
      describe: "kernel release whose behaviour to simulate",
      choices: KERNEL_LEVELS,
      default: "latest" as KernelLevel,
    })
    .option("trace", { describe: "write one JSON line per ioctl to FILE", type: "string" })
    .option("timeout", {
      describe: `the program's time limit in seconds (default ${DEFAULT_TIMEOUT_S})`,
      type: "string",
    });

export const command = defineCommand({
  builder: (y, { handler }) =>
    y
      .usage(DESCRIPTION)
      .command(
        "run [files..]",
        "run scenario files on the simulated kernel, SMMUv3 and VMM",
        runBuilder,
        handler((args: ArgsOf<typeof runBuilder>, io) => runSub(args.files ?? [], args.format, io)),
      )
      .command(
        "compare",
        "compare the error-reporting designs of IOMMU_HWPT_INVALIDATE",
        compareBuilder,
        handler((args: ArgsOf<typeof compareBuilder>, io) => compareSub(args.format, io)),
      )
      .command(
        "exec [command..]",
        "run a program against a simulated /dev/iommu",
        execBuilder,
        handler((args: ArgsOf<typeof execBuilder>, io) => execSub(args, io)),
      )
      .demandCommand(1, "expected a subcommand: run, compare or exec"),
});

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

async function execSub(args: ArgsOf<typeof execBuilder>, io: Io): Promise<number> {
  let options;
  try {
    options = simExecOptions({
      // After `--` yargs leaves the words in `_`, behind the command's own two (sim exec).
      command: [...(args.command ?? []), ...args._.slice(2)].map(String),
      kernel: args.kernel,
      trace: args.trace,
      timeout: args.timeout,
    });
  } catch (e) {
    if (e instanceof SimExecUsageError) throw new UsageError(e.message);
    throw e;
  }
  // The bulk of the simulator (the kernel model, gcc for the preload) loads only for exec.
  const { simExec } = await import("../sim/exec/exec.js");
  try {
    return (await simExec({ ...options, cwd: io.cwd })).status;
  } catch (e) {
    if (e instanceof SimExecUsageError) throw new UsageError(e.message);
    const { NativeBuildError } = await import("../sim/exec/native-build.js");
    if (e instanceof NativeBuildError) {
      io.err(`uapi-gen sim exec: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}
