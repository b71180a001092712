/**
 * `uapi-gen generate [defs...] [--out DIR] [--check]`: the arguments of the generate stage
 * (src/generate/run.ts), which writes the outputs all or nothing; `--check` writes nothing,
 * lists what would change and exits 1 if anything would.
 */
import { runGenerate } from "../generate/run.js";
import { definitionFiles } from "./defs-files.js";
import { defineCommand } from "./command.js";
import { EXIT, type Io } from "./usage.js";

const DESCRIPTION = `usage: $0 generate [defs..] [options]

Generates, for each definitions module (default: every uapi-defs/*.ts):
  DIR/c/linux/<name>.h           kernel-style C uAPI header
  DIR/c/checks/<name>.layout.c   layout self-check, compiled per ABI by 'uapi-gen conform'
  DIR/c/prelude/linux/*.h        stand-ins for <linux/types.h> and <linux/ioctl.h> (-nostdinc)
  DIR/c/uapi-gen/layout-check.h  the assertion macros the layout self-checks share
  DIR/c/harness/<name>.harness.c round-trip harness run by 'uapi-gen conform'
  DIR/ts/<name>.ts               TypeScript types, constants, ioctl numbers and codecs
  DIR/ts/<name>.js, .d.ts        the same as JavaScript and declarations (with --js)`;

export const command = defineCommand({
  builder: (y) =>
    y
      .usage(DESCRIPTION)
      .positional("defs", {
        describe: "definitions modules or folders of them",
        type: "string",
        array: true,
      })
      .option("out", { describe: "output folder", type: "string", default: "out" })
      .option("js", {
        describe:
          "also write DIR/ts/<name>.js and <name>.d.ts, for projects without a TypeScript build",
        type: "boolean",
        default: false,
      })
      .option("check", {
        describe: "write nothing; list the files that would change and exit 1 if any would",
        type: "boolean",
        default: false,
      })
      .epilog(
        "Exit status: 0 written or up to date, 1 definitions errors or stale outputs, 2 usage error.",
      ),
  run: (args, io) =>
    generate({ defs: args.defs ?? [], out: args.out, check: args.check, js: args.js }, io),
});

export interface GenerateOptions {
  /** Definitions modules or folders; none: every uapi-defs/*.ts. */
  readonly defs: readonly string[];
  /** Output folder, relative to the working folder. */
  readonly out: string;
  /** Write nothing; list what would change. */
  readonly check: boolean;
  /** Also emit the TypeScript modules as JavaScript with declaration files. */
  readonly js?: boolean;
}

export async function generate(options: GenerateOptions, io: Io): Promise<number> {
  const status = await runGenerate(
    {
      files: definitionFiles(options.defs, io.cwd),
      out: options.out,
      check: options.check,
      js: options.js ?? false,
      cwd: io.cwd,
    },
    io,
  );
  return status === "ok" ? EXIT.ok : status === "findings" ? EXIT.findings : EXIT.usage;
}
