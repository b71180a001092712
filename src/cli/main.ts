/**
 * The `uapi-gen` command line, on yargs, and the one place that turns what happened into an
 * exit status (0 success, 1 findings, 2 usage or input error, 70 internal error). A
 * subcommand's file is loaded only when that subcommand runs: `lint` must not pay for
 * prettier, the conform toolchain tables or the language server (start-up is a benchmarked
 * figure, bench/cold-lint.bench.ts). The table is commands.ts; docs/cli.md says how to add
 * to it.
 */
import yargs, { type Argv } from "yargs";
import { attachedShortValues, optionNames, usageMessage } from "./arguments.js";
import { commandName, type CliCommand, type CommandContext } from "./command.js";
import { COMMANDS } from "./commands.js";
import { didYouMean, nearest } from "./suggest.js";
import { EXIT, UsageError, type Io } from "./usage.js";
import { packageVersion } from "./version.js";

const NAMES = COMMANDS.map(commandName);
const COMPLETION_REQUEST = "--get-yargs-completions";

/** A usage error yargs found (unknown option, bad choice, missing argument). */
class ParseFailure extends Error {}

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  let args = argv[0] === "help" ? [...argv.slice(1), "--help"] : [...argv];
  // The subcommand is the first word naming one; a completion request lists the words typed.
  const name = args.find((a) => NAMES.includes(a));
  const first = args.find((a) => !a.startsWith("-"));
  if (name === undefined && first !== undefined && !args.includes(COMPLETION_REQUEST)) {
    io.err(
      `uapi-gen: unknown command '${first}'${didYouMean(nearest(first, NAMES))}\n` +
        "Run 'uapi-gen --help' for the commands.",
    );
    return EXIT.usage;
  }
  const shown = name ? `uapi-gen ${name}` : "uapi-gen";
  const entry = COMMANDS.find((c) => commandName(c) === name);
  let command: CliCommand<unknown> | undefined;
  try {
    command = entry && (await entry.load()).command;
  } catch (e) {
    return internalError(shown, e, io);
  }

  let status: number | undefined;
  const context: CommandContext = {
    io,
    handler: (run) => async (parsed) => {
      status = await guarded(shown, () => run(parsed, io), io);
    },
  };
  // Only words like `-Idir` need the command's options looked at before parsing.
  if (command && args.some((a) => /^-[A-Za-z][^=]/.test(a)))
    args = attachedShortValues(args, command.builder(yargs(), context));
  const parser = program(args.length === 0 || args.some((a) => a === "--help" || a === "-h"));
  // The parser whose options a usage error's suggestions come from (named only on failure).
  let current: Argv = parser;
  for (const e of COMMANDS) {
    const ours = e === entry ? command : undefined;
    const builder = (y: Argv) => {
      if (!ours) return y;
      const built = ours.builder(y, context);
      current = built;
      return built;
    };
    parser.command(e.usage, e.describe, builder, ours?.run ? context.handler(ours.run) : noop);
  }
  parser.fail((message, error) => {
    throw error ?? new ParseFailure(usageMessage(message, args, optionNames(current)));
  });

  try {
    if (args.length === 0) {
      // `uapi-gen` alone: the help, and the status of a usage error.
      await parser.parseAsync(["--help"], {}, (_e, _p, output) => io.out(output));
      return EXIT.usage;
    }
    await parser.parseAsync(args, {}, (err, _parsed, output) => {
      if (!err && output) io.out(output);
    });
  } catch (e) {
    if (e instanceof ParseFailure || e instanceof UsageError) {
      io.err(`${shown}: ${e.message}\nRun '${shown} --help' for usage.`);
      return EXIT.usage;
    }
    return internalError(shown, e, io);
  }
  return status ?? EXIT.ok;
}

/**
 * The top-level options and parser settings every subcommand shares. yargs lays out the help
 * of the command that runs whether or not it is shown; wrapping it to the terminal measures
 * every word (string-width, Intl.Segmenter), a cost each start paid for nothing: the help is
 * wrapped only when it is asked for.
 */
function program(help: boolean): Argv {
  const columns = process.stdout.columns;
  return yargs()
    .scriptName("uapi-gen")
    .usage("usage: $0 <command> [options]")
    .epilog(
      "Run 'uapi-gen <command> --help' for a command's options.\n" +
        "Exit status: 0 success, 1 findings (or stale outputs with --check), " +
        "2 usage or input error, 70 internal error.",
    )
    .strict()
    .version(packageVersion())
    .help("help")
    .alias("help", "h")
    .exitProcess(false)
    .wrap(help ? (columns ? Math.min(100, columns) : 100) : null)
    .parserConfiguration({
      // File names are strings even when they look like numbers; `--a.b` is not an object.
      "dot-notation": false,
      "greedy-arrays": false,
      "parse-numbers": false,
      "parse-positional-numbers": false,
    });
}

function noop(): void {}

async function guarded(
  shown: string,
  run: () => Promise<number> | number,
  io: Io,
): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${shown}: ${e.message}\nRun '${shown} --help' for usage.`);
      return EXIT.usage;
    }
    return internalError(shown, e, io);
  }
}

function internalError(shown: string, e: unknown, io: Io): number {
  io.err(`${shown}: internal error: ${(e as Error)?.message ?? String(e)}`);
  if (process.env.UAPI_GEN_DEBUG) io.err(String((e as Error)?.stack));
  else io.err("Set UAPI_GEN_DEBUG=1 to see where, and please report it.");
  return EXIT.internal;
}

function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
    cwd: process.cwd(),
  };
}
