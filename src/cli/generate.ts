/**
 * `uapi-gen generate [defs...] [--out DIR] [--check]`: loads the definitions, runs every
 * generator, and writes the outputs atomically; `--check` writes nothing, lists what would
 * change and exits 1 if anything would.
 */
import { resolve } from "node:path";
import { formatDiagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { runGenerators } from "../generate/generators.js";
import { Layouts } from "../layout/layouts.js";
import { loadDefinitions } from "../load/load.js";
import { planWrites, writeAtomically } from "../util/atomic-write.js";
import { emitJavaScript } from "../../generators/ts/emit-js.js";
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
  const files = definitionFiles(options.defs, io.cwd);
  const loaded = loadDefinitions(files);
  for (const d of loaded.diagnostics) io.err(formatDiagnostic(d, io.cwd));
  if (hasErrors(loaded.diagnostics)) {
    io.err("uapi-gen generate: the definitions have errors; nothing was written");
    return EXIT.findings;
  }
  const outDir = resolve(io.cwd, options.out);
  const sources = await runGenerators(loaded.primary, {
    model: loaded.model,
    layouts: new Layouts(loaded.model),
    root: io.cwd,
  });
  const generated = options.js ? [...sources, ...(await emitJavaScript(sources, outDir))] : sources;
  const plan = planWrites(outDir, generated);
  const shown = (p: string) => `${options.out.replace(/\/$/, "")}/${p}`;
  if (options.check) {
    for (const c of plan.changed)
      io.out(`${c.created ? "would create" : "would change"}: ${shown(c.path)}`);
    if (plan.changed.length) {
      io.err(
        `uapi-gen generate --check: ${plan.changed.length} file(s) out of date; run \`uapi-gen generate\``,
      );
      return EXIT.findings;
    }
    io.out(`up to date: ${generated.length} files`);
    return EXIT.ok;
  }
  const changed = new Set(plan.changed.map((c) => c.path));
  try {
    writeAtomically(
      outDir,
      generated.filter((f) => changed.has(f.path)),
    );
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(
      `uapi-gen generate: cannot write to ${options.out}: ${err.code ?? ""} ${err.path ?? err.message}`.trim(),
    );
    io.err(
      "Nothing was changed: every output is written to a temporary file first and renamed only when all are written.",
    );
    return EXIT.usage;
  }
  for (const c of plan.changed) io.out(`${c.created ? "created" : "updated"}: ${shown(c.path)}`);
  io.out(`${generated.length} files, ${plan.changed.length} written`);
  return EXIT.ok;
}
