/** The generators `uapi-gen generate` runs, in order. */
import { cHarnessGenerator } from "../../generators/c-harness/index.js";
import { cHeaderGenerator } from "../../generators/c-header/index.js";
import { cLayoutCheckGenerator } from "../../generators/c-layout-check/index.js";
import { cPreludeGenerator } from "../../generators/c-prelude/index.js";
import type {
  GeneratedFile,
  Generator,
  GeneratorContext,
} from "../../generators/shared/generated-file.js";
import { tsGenerator } from "../../generators/ts/index.js";
import type { ModuleIR } from "../model/ir.js";

export const GENERATORS: readonly Generator[] = [
  cHeaderGenerator,
  cLayoutCheckGenerator,
  cPreludeGenerator,
  cHarnessGenerator,
  tsGenerator,
];

export async function runGenerators(
  modules: readonly ModuleIR[],
  ctx: GeneratorContext,
): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const gen of GENERATORS) {
    if (gen.shared) files.push(...(await gen.shared(ctx)));
    for (const m of modules) files.push(...(await gen.generate(m, ctx)));
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`two generators wrote ${f.path}`);
    seen.add(f.path);
  }
  return files;
}
