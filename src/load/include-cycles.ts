/**
 * A pass over the built model: the generated headers include the headers of the modules
 * whose items they name (src/model/c-uses.ts), so two modules that name each other's items
 * would give headers that include each other, and with include guards one of them would not
 * compile. Each such cycle is an error at the use that closes it.
 */
import { basename } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { foreignUses, type CUse } from "../model/c-uses.js";
import type { Model, ModuleIR } from "../model/ir.js";

export function checkIncludeCycles(model: Model): Diagnostic[] {
  const byFile = new Map(model.modules.map((m) => [m.file, m]));
  // The first use of each other module, per module: one edge of the include graph each.
  const edges = new Map<string, Map<string, CUse>>();
  for (const m of model.modules) {
    const first = new Map<string, CUse>();
    for (const u of foreignUses(m, model)) if (!first.has(u.module)) first.set(u.module, u);
    edges.set(m.file, first);
  }
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, "open" | "done">();
  for (const root of model.modules) {
    if (state.has(root.file)) continue;
    // Depth-first with an explicit stack (no recursion, however long the chain of modules).
    const path: { file: string; next: Iterator<[string, CUse]> }[] = [];
    const enter = (file: string) => {
      state.set(file, "open");
      path.push({ file, next: edges.get(file)!.entries() });
    };
    enter(root.file);
    while (path.length) {
      const top = path.at(-1)!;
      const step = top.next.next();
      if (step.done) {
        state.set(top.file, "done");
        path.pop();
        continue;
      }
      const [target, use] = step.value;
      if (!byFile.has(target)) continue;
      if (!state.has(target)) enter(target);
      else if (state.get(target) === "open") {
        const cycle = path.slice(path.findIndex((p) => p.file === target)).map((p) => p.file);
        diagnostics.push(cycleDiagnostic(cycle, top.file, use, byFile));
      }
    }
  }
  return diagnostics;
}

function cycleDiagnostic(
  cycle: readonly string[],
  user: string,
  use: CUse,
  byFile: ReadonlyMap<string, ModuleIR>,
): Diagnostic {
  const header = (file: string) => `linux/${byFile.get(file)!.name}.h`;
  const chain = [...cycle, cycle[0]!].map(header).join(" -> ");
  return {
    severity: "error",
    code: "defs/include-cycle",
    message:
      `\`${use.name}\` of ${basename(use.module)} makes ${header(user)} include ` +
      `${header(use.module)}, which closes an include cycle: ${chain}`,
    path: use.name,
    hint: "move the items both modules use into one of them, or into a third module both import",
    ...(use.loc ? { loc: use.loc } : {}),
  };
}
