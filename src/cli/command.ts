/**
 * The shape of one `uapi-gen` subcommand. Each subcommand is one file in src/cli/ that exports
 * `command: CliCommand<...>`: a yargs builder that declares its options (so the option types
 * flow into `run`), and `run`, which turns the parsed options into the stage's typed options
 * object and returns the exit status. main.ts lists the subcommands by name and loads a file
 * only when its subcommand runs. docs/cli.md says how to add an option or a subcommand.
 */
import type { ArgumentsCamelCase, Argv } from "yargs";
import type { Io } from "./usage.js";

/** The parsed arguments a subcommand's `run` receives. */
export type Args<A> = ArgumentsCamelCase<A>;

/** The parsed arguments of a builder: `run(args: ArgsOf<typeof builder>, io)`. */
export type ArgsOf<B> = B extends (...a: never[]) => Argv<infer A> ? Args<A> : never;

/** What a builder may use besides yargs: to declare sub-subcommands (`sim run`). */
export interface CommandContext {
  readonly io: Io;
  /** Wraps a sub-subcommand's `run` as a yargs handler whose result is the exit status. */
  readonly handler: <A>(
    run: (args: Args<A>, io: Io) => Promise<number> | number,
  ) => (args: Args<A>) => Promise<void>;
}

export interface CliCommand<A> {
  /** Declares the options (and the usage text); positionals are named in main.ts's table. */
  builder(yargs: Argv, context: CommandContext): Argv<A>;
  /** Runs the subcommand; absent when the builder only declares sub-subcommands. */
  run?(args: Args<A>, io: Io): Promise<number> | number;
}

/** Identity with the types checked: `export const command = defineCommand({ ... })`. */
export function defineCommand<A>(command: CliCommand<A>): CliCommand<A> {
  return command;
}

/** An entry of main.ts's table: what the top-level help shows, and how to load the file. */
export interface CommandEntry {
  /** yargs command string: the name and the positionals, e.g. `lint [files..]`. */
  readonly usage: string;
  readonly describe: string;
  readonly load: () => Promise<{ command: CliCommand<unknown> }>;
}

/** The subcommand's name: the first word of its usage. */
export function commandName(entry: CommandEntry): string {
  return entry.usage.split(" ")[0]!;
}
