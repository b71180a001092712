/**
 * What a module's generated C header names from other modules: struct and union types of
 * fields, and in ioctl macros the type constant, the command number (an enum member or a
 * constant) and, for `_IOR`/`_IOW`/`_IOWR`, the argument struct. These are the uses that make
 * the header need `#include <linux/OTHER.h>`; the `flags` and `values` attributes never
 * appear in C and so need nothing. The C header generator includes what this returns, and
 * the loader refuses modules whose headers would include each other.
 */
import type { SourceLoc } from "../diagnostics/diagnostic.js";
import type { Field, Item, Model, ModuleIR, TypeRef } from "./ir.js";

export interface CUse {
  /** The C name used (a struct, a constant, an enum member). */
  readonly name: string;
  /** The definitions file that declares it. */
  readonly module: string;
  /** Where the using module names it. */
  readonly loc: SourceLoc | undefined;
}

/** Enum members and flag bits by C name, to the file that declares them; built once per model. */
const memberModules = new WeakMap<Model, Map<string, string>>();

function moduleOfValue(model: Model, name: string): string | undefined {
  let index = memberModules.get(model);
  if (!index) {
    index = new Map();
    for (const m of model.modules)
      for (const i of m.items) {
        if (i.kind === "enum") for (const e of i.members) index.set(e.name, m.file);
        else if (i.kind === "flags") for (const b of i.bits) index.set(b.name, m.file);
      }
    memberModules.set(model, index);
  }
  return index.get(name) ?? model.items.get(name)?.module;
}

function typeUses(model: Model, type: TypeRef, loc: SourceLoc | undefined, out: CUse[]): void {
  // Arrays nest and anonymous unions hold fields: walk them with an explicit stack.
  const stack: { type: TypeRef; loc: SourceLoc | undefined }[] = [{ type, loc }];
  while (stack.length) {
    const { type: t, loc: at } = stack.pop()!;
    if (t.kind === "named") {
      const module = model.items.get(t.name)?.module;
      if (module) out.push({ name: t.name, module, loc: at });
    } else if (t.kind === "array") stack.push({ type: t.element, loc: at });
    else if (t.kind === "anonUnion")
      for (const m of t.members as readonly Field[]) stack.push({ type: m.type, loc: m.loc });
  }
}

function itemUses(model: Model, item: Item, out: CUse[]): void {
  if (item.kind === "struct" || item.kind === "union") {
    for (const f of item.fields) typeUses(model, f.type, f.loc ?? item.loc, out);
  } else if (item.kind === "ioctl") {
    const names = [item.type.name, item.nr.name];
    if (item.dir !== "none" && item.arg) names.push(item.arg);
    for (const name of names) {
      const module = moduleOfValue(model, name);
      if (module) out.push({ name, module, loc: item.loc });
    }
  }
}

/** Every use of another module's item in `module`'s header, in order of appearance. */
export function foreignUses(module: ModuleIR, model: Model): CUse[] {
  const uses: CUse[] = [];
  for (const item of module.items) itemUses(model, item, uses);
  return uses.filter((u) => u.module !== module.file);
}

/** The modules `module`'s header must include, in order of first use. */
export function includedModules(module: ModuleIR, model: Model): ModuleIR[] {
  const byFile = new Map(model.modules.map((m) => [m.file, m]));
  const seen = new Set<string>();
  const out: ModuleIR[] = [];
  for (const u of foreignUses(module, model)) {
    const m = byFile.get(u.module);
    if (m && !seen.has(u.module)) {
      seen.add(u.module);
      out.push(m);
    }
  }
  return out;
}
