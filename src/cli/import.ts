/**
 * `uapi-gen import header.h [-o FILE]`: reads an existing C uAPI header through clang-19 and
 * writes it as a definitions module (stdout by default). Exit status: 0 written, 2 usage or
 * input error (the header does not compile on its own, or cannot be read).
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { importHeader } from "../import/import.js";
import { writeDefinitions } from "../import/write-defs.js";
import { defineCommand } from "./command.js";
import { EXIT, UsageError, type Io } from "./usage.js";

const DESCRIPTION = `usage: $0 import <header.h> [-o FILE] [-I DIR]...

Reads an existing C uAPI header through clang-19's JSON AST and writes the same structs,
unions, enums, constants and ioctls as a definitions module (default: to stdout).`;

export const command = defineCommand({
  builder: (y) =>
    y
      .usage(DESCRIPTION)
      .positional("header", { describe: "the C header to read", type: "string" })
      .option("out", { alias: "o", describe: "write the module to FILE", type: "string" })
      .option("include", {
        alias: "I",
        describe: "an include folder for clang (repeatable; -Idir works too)",
        type: "string",
        array: true,
      })
      .epilog("Exit status: 0 written, 2 usage or input error."),
  run: (args, io) => {
    if (args.header === undefined) throw new UsageError("give exactly one header");
    return importFile(
      {
        header: args.header,
        include: args.include ?? [],
        ...(args.out !== undefined ? { out: args.out } : {}),
      },
      io,
    );
  },
});

export interface ImportCommandOptions {
  readonly header: string;
  /** Include folders for clang, relative to the working folder. */
  readonly include: readonly string[];
  /** Write the module here instead of stdout. */
  readonly out?: string;
}

export async function importFile(options: ImportCommandOptions, io: Io): Promise<number> {
  const file = resolve(io.cwd, options.header);
  const result = await importHeader(file, {
    includeDirs: (options.include ?? []).map((d) => resolve(io.cwd, d)),
  });
  for (const d of result.diagnostics) io.err(formatDiagnostic(d, io.cwd));
  const module = result.primary[0];
  if (!module || result.diagnostics.some((d) => d.severity === "error")) {
    io.err(`uapi-gen import: ${options.header} could not be imported`);
    return EXIT.usage;
  }
  const text = await writeDefinitions(module, result.model);
  if (options.out) {
    writeFileSync(resolve(io.cwd, options.out), text);
    io.err(`wrote ${options.out}: ${module.items.length} items`);
  } else io.out(text);
  return EXIT.ok;
}
