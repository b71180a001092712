/**
 * `uapi-gen generate [defs...] [--out DIR] [--check]`: the arguments of the generate stage
 * (src/generate/run.ts), which writes the outputs all or nothing; `--check` writes nothing,
 * lists what would change and exits 1 if anything would.
 */
import { parseArgs } from "node:util";
import { runGenerate } from "../generate/run.js";
import { definitionFiles } from "./defs-files.js";
import { EXIT, type Io } from "./usage.js";

export const GENERATE_HELP = `usage: uapi-gen generate [defs...] [--out DIR] [--check]

Generates, for each definitions module (default: every uapi-defs/*.ts):
  DIR/c/linux/<name>.h          kernel-style C uAPI header
  DIR/c/checks/<name>.layout.c  layout self-check, compiled per ABI by 'uapi-gen conform'
  DIR/c/prelude/linux/*.h       stand-ins for <linux/types.h> and <linux/ioctl.h> (-nostdinc)
  DIR/c/uapi-gen/layout-check.h the assertion macros the layout self-checks share
  DIR/c/harness/<name>.harness.c round-trip harness run by 'uapi-gen conform'
  DIR/ts/<name>.ts              TypeScript types, constants, ioctl numbers and codecs

options:
  --out DIR   output folder (default: out)
  --check     write nothing; list the files that would change and exit 1 if any would
`;

export async function generateCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string", default: "out" },
      check: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(GENERATE_HELP);
    return EXIT.ok;
  }
  const status = await runGenerate(
    {
      files: definitionFiles(positionals, io.cwd),
      out: values.out,
      check: values.check,
      cwd: io.cwd,
    },
    io,
  );
  return status === "ok" ? EXIT.ok : status === "findings" ? EXIT.findings : EXIT.usage;
}
