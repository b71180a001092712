/**
 * The C side of a conformance run, generated fresh from the loaded model into a temporary
 * folder (so the run proves what the definitions say now, not what `out/` held last time):
 * headers, prelude, layout self-checks and harnesses, with the include flags every compiler
 * invocation shares.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { abiMacro } from "../../generators/c-layout-check/index.js";
import { GENERATORS } from "../generate/generators.js";
import type { Layouts } from "../layout/layouts.js";
import type { Model, ModuleIR, StructItem } from "../model/ir.js";

export interface Workspace {
  readonly dir: string;
  readonly model: Model;
  readonly layouts: Layouts;
  /** Every module of the model (imported ones too: their headers are included). */
  readonly modules: readonly ModuleIR[];
  /** The modules the run is about. */
  readonly primary: readonly ModuleIR[];
  /** Files generated, by path relative to `dir`. */
  readonly files: ReadonlySet<string>;
  dispose(): void;
}

export async function createWorkspace(
  model: Model,
  layouts: Layouts,
  primary: readonly ModuleIR[],
  root: string,
  keep?: string,
): Promise<Workspace> {
  const dir = keep ?? mkdtempSync(join(tmpdir(), "uapi-gen-conform-"));
  const ctx = { model, layouts, root };
  const files = new Set<string>();
  // Only the C generators: the TypeScript side is exercised through the runtime codecs.
  for (const gen of GENERATORS.filter((g) => g.name.startsWith("c-"))) {
    const out = [...((await gen.shared?.(ctx)) ?? [])];
    for (const m of model.modules) out.push(...(await gen.generate(m, ctx)));
    for (const f of out) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
      files.add(f.path);
    }
  }
  return {
    dir,
    model,
    layouts,
    modules: model.modules,
    primary,
    files,
    dispose: () => {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Flags of every freestanding compile: our prelude instead of the system's headers. */
export function freestandingFlags(ws: { dir: string }, abi: string): string[] {
  return [
    "-nostdinc",
    "-ffreestanding",
    "-I",
    join(ws.dir, "c/prelude"),
    "-I",
    join(ws.dir, "c"),
    `-D${abiMacro(abi)}`,
  ];
}

export function structsOf(modules: readonly ModuleIR[]): StructItem[] {
  return modules.flatMap((m) =>
    m.items.filter((i): i is StructItem => i.kind === "struct" || i.kind === "union"),
  );
}

export function includeLines(modules: readonly { readonly name: string }[]): string {
  return modules.map((m) => `#include <linux/${m.name}.h>`).join("\n");
}
