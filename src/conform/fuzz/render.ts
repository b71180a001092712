/** C text of fuzz structs, through the same field printers the header generator uses. */
import { printFields } from "../../../generators/shared/c-types.js";
import { Printer } from "../../../generators/shared/printer.js";
import type { Model, StructItem } from "../../model/ir.js";

/** size_t is not in <linux/types.h>; the compilers predefine its underlying type. */
export const FUZZ_PRELUDE = "#include <linux/types.h>\ntypedef __SIZE_TYPE__ size_t;\n";

export function renderStructs(items: readonly StructItem[], model: Model): string {
  const out = new Printer("\t");
  for (const item of items) {
    out.block(`${item.kind} ${item.name} {`, () => printFields(out, item.fields, model), "};");
    out.blank();
  }
  return FUZZ_PRELUDE + "\n" + out.toString();
}
