/** An existing field never moves. */
import { createCompatRule } from "../create.js";
import { pathOf, perAbiChange, reservedInPlace } from "./util.js";

export default createCompatRule({
  meta: {
    id: "field-same-offset",
    category: "abi",
    severity: "error",
    recommended: true,
    description: "Disallow moving a field to another offset on any ABI.",
    kernelRules: ["B6", "I2"],
    messages: {
      moved: "`{{field}}` moved: offset {{change}}",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const p of s.fields) {
        if (reservedInPlace(p, s, ctx.before, ctx.after)) continue;
        const change = perAbiChange((side, abi) =>
          side === "old"
            ? ctx.before.layouts.of(s.old, abi).fields[p.oldIndex]!.offset
            : ctx.after.layouts.of(s.new, abi).fields[p.newIndex]!.offset,
        );
        if (!change) continue;
        ctx.report({
          messageId: "moved",
          data: { field: p.new.name, change: change.text },
          loc: p.new.loc,
          path: pathOf(s.new, p.new),
          hint: "append new fields at the end; never insert or reorder",
        });
      }
    }
  },
});
