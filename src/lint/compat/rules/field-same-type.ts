/** An existing field keeps its size, signedness, byte order and type. */
import { createCompatRule } from "../create.js";
import { typeName } from "../pairs.js";
import { pathOf, perAbiChange, reservedInPlace, scalarTraits } from "./util.js";

export default createCompatRule({
  meta: {
    id: "field-same-type",
    category: "abi",
    severity: "error",
    recommended: true,
    description: "Disallow changing the size, signedness, byte order or type of a field.",
    kernelRules: ["B1", "B6"],
    messages: {
      resized: "`{{field}}` changed size: {{change}} ({{old}} → {{new}})",
      signedness: "`{{field}}` changed signedness: {{old}} → {{new}}",
      byteOrder: "`{{field}}` changed byte order: {{old}} → {{new}}",
      retyped: "`{{field}}` changed type: {{old}} → {{new}}",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const p of s.fields) {
        if (reservedInPlace(p, s, ctx.before, ctx.after)) continue;
        const old = typeName(p.old.type);
        const now = typeName(p.new.type);
        const base = { loc: p.new.loc, path: pathOf(s.new, p.new) };
        const data = { field: p.new.name, old, new: now };
        const size = perAbiChange(
          (side, abi) =>
            side === "old"
              ? ctx.before.layouts.of(s.old, abi).fields[p.oldIndex]!.size
              : ctx.after.layouts.of(s.new, abi).fields[p.newIndex]!.size,
          " bytes",
        );
        if (size) {
          ctx.report({ ...base, messageId: "resized", data: { ...data, change: size.text } });
          continue;
        }
        const [a, b] = [scalarTraits(p.old), scalarTraits(p.new)];
        if (a && b && a.signed !== b.signed) ctx.report({ ...base, messageId: "signedness", data });
        else if (a && b && a.order !== b.order)
          ctx.report({ ...base, messageId: "byteOrder", data });
        else if ((!a || !b) && old !== now) ctx.report({ ...base, messageId: "retyped", data });
      }
    }
  },
});
