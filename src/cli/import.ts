/**
 * `uapi-gen import header.h [-o FILE]`: reads an existing C uAPI header through clang-19 and
 * writes it as a definitions module (stdout by default). Exit status: 0 written, 2 usage or
 * input error (the header does not compile on its own, or cannot be read).
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { importHeader } from "../import/import.js";
import { writeDefinitions } from "../import/write-defs.js";
import { EXIT, UsageError, type Io } from "./usage.js";

export const IMPORT_HELP = `usage: uapi-gen import <header.h> [-o FILE] [-I DIR]...

Reads an existing C uAPI header through clang-19's JSON AST and writes the same structs,
unions, enums, constants and ioctls as a definitions module (default: to stdout).

options:
  -o, --out FILE   write the module to FILE
  -I DIR           an include folder for clang (repeatable)
`;

export async function importCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      include: { type: "string", short: "I", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(IMPORT_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("give exactly one header");
  const file = resolve(io.cwd, positionals[0]!);
  const result = await importHeader(file, {
    includeDirs: (values.include ?? []).map((d) => resolve(io.cwd, d)),
  });
  for (const d of result.diagnostics) io.err(formatDiagnostic(d, io.cwd));
  const module = result.primary[0];
  if (!module || result.diagnostics.some((d) => d.severity === "error")) {
    io.err(`uapi-gen import: ${positionals[0]} could not be imported`);
    return EXIT.usage;
  }
  const text = await writeDefinitions(module, result.model);
  if (values.out) {
    writeFileSync(resolve(io.cwd, values.out), text);
    io.err(`wrote ${values.out}: ${module.items.length} items`);
  } else io.out(text);
  return EXIT.ok;
}
