/**
 * `uapi-gen conform [defs...]`: the executable ABI conformance run (docs/conform.md).
 * Exit status 0 when every cell passes (or is skipped because it does not apply), 1 on any
 * failure or missing toolchain (unless --allow-missing), 2 on usage or definitions errors.
 */
import type { Argv } from "yargs";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ABI_NAMES, findAbi, type Abi } from "../abi/abis.js";
import { DEFAULT_FUZZ } from "../conform/defaults.js";
import { conformOptionsProblem } from "../conform/options-check.js";
import { createProgress, type ProgressMode } from "../conform/progress.js";
import { renderJson, renderText } from "../conform/report.js";
import { runConform } from "../conform/run.js";
import { CHECKS, type CheckName } from "../conform/types.js";
import { formatDiagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { loadDefinitions } from "../load/load.js";
import { definitionFiles } from "./defs-files.js";
import { defineCommand, type ArgsOf } from "./command.js";
import { EXIT, UsageError, type Io } from "./usage.js";

const DESCRIPTION = `usage: $0 conform [defs..] [options]

Proves, with real compilers and emulators, that the generated C and TypeScript agree with
the layouts the definitions give, on every ABI of the table (default: every uapi-defs/*.ts).

checks (ABI x check table at the end; all by default):
  compile    the header and its layout self-check compiled with the ABI's compiler (clang-19
             or the Debian cross gcc); every sizeof, alignment and offset, enumerator, flag,
             constant and ioctl number compared by value
  reference  the generated header and its reference (--reference; by default the kernel's
             header of the same name in the corpus) compiled side by side; every layout,
             enumerator and macro value compared, missing items named
  fuzz       ${DEFAULT_FUZZ} seeded random definitions (--fuzz N) compared the same way
  roundtrip  TypeScript encodes and C prints; C fills and TypeScript decodes, under qemu-user
             on 18 ABIs (all but x32: static, dynamic or freestanding binaries)
  sanitize   the native round trip again with -fsanitize=address,undefined
  pahole     pahole's sizes, holes and padding against the engine's
  abidiff    abidiff's verdict against x86_64 against the engine's layout differences`;

const PROGRESS = ["auto", "plain", "tty", "none"] as const;

const builder = (y: Argv) =>
  y
    .usage(DESCRIPTION)
    .positional("defs", {
      describe: "definitions modules or folders of them",
      type: "string",
      array: true,
    })
    .option("abi", {
      describe: `only these ABIs (comma-separated; default: all ${ABI_NAMES.length})`,
      type: "string",
    })
    .option("checks", {
      describe: `only these checks (comma-separated: ${CHECKS.join(",")})`,
      type: "string",
    })
    .option("fuzz", {
      describe: `random definitions for the fuzz check (default ${DEFAULT_FUZZ}; 0 skips it)`,
      type: "string",
    })
    .option("seed", {
      describe: "seed of the fuzz definitions and round-trip values (default 1)",
      type: "string",
    })
    .option("fixtures", {
      describe: "save minimised fuzz mismatches here (default test/conform/fixtures)",
      type: "string",
    })
    .option("format", {
      describe: "text, or json (the report on stdout; progress stays on stderr)",
      choices: ["text", "json"] as const,
      default: "text" as "text" | "json",
    })
    .option("progress", {
      describe: "progress lines on stderr",
      choices: PROGRESS,
      default: "auto" as (typeof PROGRESS)[number],
    })
    .option("jobs", {
      describe: "parallel compiler and emulator runs (default: the number of cores)",
      type: "string",
    })
    .option("reference", {
      describe:
        "compare the generated headers with these C headers (default: each module's kernel " +
        "namesake in the corpus, e.g. linux/iommufd.h of linux-libc-dev 7.2)",
      type: "string",
      array: true,
    })
    .option("keep", {
      describe: "keep the generated C, objects and binaries in DIR",
      type: "string",
    })
    .option("allow-missing", {
      describe: "missing toolchains are reported but do not fail the run",
      type: "boolean",
      default: false,
    })
    .epilog(
      "Exit status: 0 every cell passes or does not apply, 1 a failure or a missing " +
        "toolchain (unless --allow-missing), 2 usage or definitions errors.",
    );

export const command = defineCommand({ builder, run: conformCommand });

function list(
  value: string | undefined,
  known: readonly string[],
  what: string,
): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items)
    if (!known.includes(i))
      throw new UsageError(`unknown ${what} '${i}'; known: ${known.join(", ")}`);
  return items;
}

function integer(value: string | undefined, name: string, fallback: bigint): bigint {
  if (value === undefined) return fallback;
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(value))
    throw new UsageError(`--${name} needs a non-negative integer, got '${value}'`);
  return BigInt(value);
}

async function conformCommand(values: ArgsOf<typeof builder>, io: Io): Promise<number> {
  const abis = list(values.abi, ABI_NAMES, "ABI")?.map((n) => findAbi(n) as Abi);
  const checks = (list(values.checks, CHECKS, "check") ?? [...CHECKS]) as CheckName[];
  const fuzz = Number(integer(values.fuzz, "fuzz", BigInt(DEFAULT_FUZZ)));
  const seed = integer(values.seed, "seed", 1n);
  const jobs =
    values.jobs === undefined ? undefined : Number(integer(values.jobs, "jobs", 2n)) || 1;
  const problem = conformOptionsProblem({ ...(abis ? { abis } : {}), checks, fuzz });
  if (problem) throw new UsageError(problem);

  const reference = values.reference?.map((h) => {
    const path = resolve(io.cwd, h);
    if (!existsSync(path)) throw new UsageError(`--reference ${h}: no such file`);
    return path;
  });

  const files = definitionFiles(values.defs ?? [], io.cwd);
  const loaded = loadDefinitions(files);
  for (const d of loaded.diagnostics) io.err(formatDiagnostic(d, io.cwd));
  if (hasErrors(loaded.diagnostics)) {
    io.err(
      "uapi-gen conform: the definitions have errors; fix them first (uapi-gen generate shows the same)",
    );
    return EXIT.usage;
  }
  const mode: ProgressMode =
    values.progress === "auto"
      ? process.stderr.isTTY
        ? "tty"
        : "plain"
      : (values.progress as ProgressMode);
  const report = await runConform(loaded.model, loaded.primary, io.cwd, {
    ...(abis ? { abis } : {}),
    checks,
    fuzz,
    seed,
    ...(jobs ? { jobs } : {}),
    ...(values.keep ? { keep: resolve(io.cwd, values.keep) } : {}),
    ...(reference ? { reference } : {}),
    cwd: io.cwd,
    fixturesDir: resolve(io.cwd, values.fixtures ?? "test/conform/fixtures"),
    allowMissing: values.allowMissing,
    progress: createProgress(mode, (t) =>
      mode === "tty" ? process.stderr.write(t) : io.err(t.replace(/\n$/, "")),
    ),
  });
  io.out(values.format === "json" ? renderJson(report) : renderText(report));
  return report.ok ? EXIT.ok : EXIT.findings;
}
