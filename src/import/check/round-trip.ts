/**
 * The import → generate round trip of one header: the imported module written as a
 * definitions module (`uapi-gen import`), loaded back (the loader must accept it), and
 * generated as a C header (`uapi-gen generate`'s C header generator). corpus-check.ts then
 * compiles the generated header with the original's probes on every ABI: every layout and
 * value must be the original's.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderHeader } from "../../../generators/c-header/index.js";
import { formatDiagnostic } from "../../diagnostics/diagnostic.js";
import { Layouts } from "../../layout/layouts.js";
import { loadDefinitions } from "../../load/load.js";
import type { ImportResult } from "../import.js";
import { writeDefinitions } from "../write-defs.js";

export interface RoundTrip {
  /** The generated C header, when the definitions module loaded. */
  readonly generated?: string;
  /** Why there is none: the loader's errors on the written module. */
  readonly problems: readonly string[];
}

export async function roundTrip(imported: ImportResult, dir: string): Promise<RoundTrip> {
  const module = imported.primary[0];
  if (!module) return { problems: ["nothing was imported"] };
  mkdirSync(join(dir, "linux"), { recursive: true });
  const defs = join(dir, `${module.name}.ts`);
  writeFileSync(defs, await writeDefinitions(module, imported.model));
  const loaded = loadDefinitions([defs]);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  const back = loaded.primary[0];
  if (errors.length || !back) return { problems: errors.map((d) => formatDiagnostic(d, dir)) };
  const generated = join(dir, "linux", `${back.name}.h`);
  const ctx = { model: loaded.model, layouts: new Layouts(loaded.model), root: dir };
  writeFileSync(generated, renderHeader(back, ctx));
  return { generated, problems: [] };
}
