/**
 * The kernel-style C uAPI header of a definitions module: SPDX line, `_UAPI_` include guard,
 * kernel-doc comments, enums, structs, ioctl macros, and mask/shift macros for the fields of
 * hardware command words.
 */
import { includedModules } from "../../src/model/c-uses.js";
import type { Item, ModuleIR } from "../../src/model/ir.js";
import {
  provenance,
  type GeneratedFile,
  type Generator,
  type GeneratorContext,
} from "../shared/generated-file.js";
import { Printer } from "../shared/printer.js";
import { ITEM_PRINTERS, type ItemPrinter } from "./items.js";

export function headerPath(module: ModuleIR): string {
  return `c/linux/${module.name}.h`;
}

export function guardOf(module: ModuleIR): string {
  return module.guard ?? `_UAPI_${module.name.toUpperCase()}_H`;
}

export function renderHeader(module: ModuleIR, ctx: GeneratorContext): string {
  const out = new Printer("\t");
  out.line(`/* SPDX-License-Identifier: ${module.spdx} */`);
  out.comment([module.doc, "", provenance(module, ctx)]);
  const guard = guardOf(module);
  out.line(`#ifndef ${guard}`).line(`#define ${guard}`).blank();
  // <linux/ioctl.h> only where the header defines ioctls, as kernel headers do; then the
  // headers of the modules whose structs, constants or enum members this one names.
  const ioctls = module.items.some((i) => i.kind === "ioctl") ? ["linux/ioctl.h"] : [];
  const used = includedModules(module, ctx.model).map((m) => `linux/${m.name}.h`);
  // Records another C header declares (kept in a module imported from C) come from it.
  const external = module.items.flatMap((i) =>
    (i.kind === "struct" || i.kind === "union") && i.header ? [i.header] : [],
  );
  const includes = new Set([...ioctls, "linux/types.h", ...used, ...module.includes, ...external]);
  for (const inc of includes) out.line(`#include <${inc}>`);
  let previous: Item | undefined;
  for (const item of module.items) {
    if ((item.kind === "struct" || item.kind === "union") && item.header) continue;
    // As in the kernel's headers, an ioctl's #define follows its argument struct's `};`.
    if (!(item.kind === "ioctl" && previous && item.arg === previous.name)) out.blank();
    previous = item;
    (ITEM_PRINTERS[item.kind] as ItemPrinter<Item>)(out, item, ctx.model);
  }
  out.blank().line(`#endif /* ${guard} */`);
  return out.toString();
}

export const cHeaderGenerator: Generator = {
  name: "c-header",
  generate(module, ctx): GeneratedFile[] {
    return [{ path: headerPath(module), content: renderHeader(module, ctx) }];
  },
};
