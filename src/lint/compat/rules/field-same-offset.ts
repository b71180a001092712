/** An existing member never moves. */
import { createCompatRule } from "../create.js";
import { pathOf, perAbiChange, placesOfPair, bothReserved } from "./util.js";

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
      for (const p of s.members) {
        if (bothReserved(p)) continue;
        const change = perAbiChange(ctx.abis, (side, abi) => {
          const places = placesOfPair(ctx, s, p, abi);
          return side === "old" ? places.old.offset : places.new.offset;
        });
        if (!change) continue;
        ctx.report({
          messageId: "moved",
          data: { field: p.new.path, change: change.text },
          loc: p.new.field.loc,
          path: pathOf(s.new, p.new.path),
          hint: "append new fields at the end; never insert or reorder",
        });
      }
    }
  },
});
