/** A struct never shrinks, and grows only at the tail of a size-extensible struct. */
import { createCompatRule } from "../create.js";
import type { StructItem } from "../../../model/ir.js";
import type { Side } from "../types.js";
import { growable, perAbiChange } from "./util.js";

/** offsetofend(struct, lastMandatory): the smallest size the kernel accepts. */
function endOf(struct: StructItem, side: Side, abi: string): number | undefined {
  const name = struct.extensible?.lastMandatory;
  const f = side.layouts.of(struct, abi).fields.find((x) => x.name === name);
  return f ? f.offset + f.size : undefined;
}

export default createCompatRule({
  meta: {
    id: "struct-size-change",
    category: "abi",
    severity: "error",
    recommended: true,
    description:
      "Disallow a struct shrinking, or growing anywhere but at the tail of a size-extensible struct or array entry.",
    kernelRules: ["B6", "§1.3", "§1.4"],
    messages: {
      shrank: "`{{struct}}` shrank: sizeof {{change}}",
      notExtensible:
        "`{{struct}}` grew (sizeof {{change}}) but is not size-extensible: old callers pass the old size",
      notAtTail:
        "`{{struct}}` grew (sizeof {{change}}) but not only at the tail: `{{field}}` is new at offset {{offset}}, inside the old struct",
      minSize:
        "the minimum size of `{{struct}}` changed ({{change}}): its last mandatory member was `{{old}}`, now `{{new}}`",
    },
  },
  check(ctx) {
    const { before, after } = ctx;
    for (const s of ctx.pairs.structs) {
      const change = perAbiChange(
        (side, abi) =>
          side === "old" ? before.layouts.of(s.old, abi).size : after.layouts.of(s.new, abi).size,
        " bytes",
      );
      const base = { loc: s.new.loc, path: s.new.name };
      const minSize =
        s.old.extensible && s.new.extensible
          ? perAbiChange(
              (side, abi) =>
                endOf(side === "old" ? s.old : s.new, side === "old" ? before : after, abi),
              " bytes",
            )
          : undefined;
      if (minSize) {
        ctx.report({
          ...base,
          messageId: "minSize",
          data: {
            struct: s.new.name,
            old: s.old.extensible!.lastMandatory,
            new: s.new.extensible!.lastMandatory,
            change: minSize.text,
          },
          hint: "old callers pass at least the old minimum size",
        });
      }
      if (!change) continue;
      const oldSize = before.layouts.of(s.old, "x86_64").size;
      const newSize = after.layouts.of(s.new, "x86_64").size;
      if (
        newSize < oldSize ||
        change.abis.some(
          (abi) => after.layouts.of(s.new, abi).size < before.layouts.of(s.old, abi).size,
        )
      ) {
        ctx.report({
          ...base,
          messageId: "shrank",
          data: { struct: s.new.name, change: change.text },
          hint: "keep every field; turn unused ones into reserved fields",
        });
        continue;
      }
      if (!growable(s.old, before) && !growable(s.new, after)) {
        ctx.report({
          ...base,
          messageId: "notExtensible",
          data: { struct: s.new.name, change: change.text },
          hint: "add a new struct and ioctl, or make the struct size-extensible from the start",
        });
        continue;
      }
      const layout = after.layouts.of(s.new, "x86_64");
      const inside = s.added.find((a) => !a.inReserved && layout.fields[a.index]!.offset < oldSize);
      if (inside) {
        ctx.report({
          ...base,
          messageId: "notAtTail",
          data: {
            struct: s.new.name,
            change: change.text,
            field: inside.field.name,
            offset: layout.fields[inside.index]!.offset,
          },
          loc: inside.field.loc ?? s.new.loc,
        });
      }
    }
  },
});
