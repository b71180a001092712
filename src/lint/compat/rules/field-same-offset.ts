/** An existing member never moves: by a byte, or for a bitfield, by a bit. */
import { createCompatRule } from "../create.js";
import { flexibleEnd } from "./growth.js";
import { bothReserved, pathOf, perAbiChange, placesOfPair } from "./util.js";

export default createCompatRule({
  meta: {
    id: "field-same-offset",
    category: "abi",
    severity: "error",
    recommended: true,
    description: "Disallow moving a field (a bitfield: its bits) to another offset on any ABI.",
    kernelRules: ["B6", "I2"],
    messages: {
      moved: "`{{field}}` moved: offset {{change}}",
      bitMoved: "bitfield `{{field}}` moved: bit {{change}} (from the start of the struct)",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      // A trailing flexible array marks the end: it moves with the struct's growth.
      const marker = flexibleEnd(ctx, s);
      for (const p of s.members) {
        if (bothReserved(p) || p === marker) continue;
        const bitfield = p.old.field.bitWidth !== undefined || p.new.field.bitWidth !== undefined;
        const change = perAbiChange(ctx.abis, (side, abi) => {
          const place = placesOfPair(ctx, s, p, abi)[side];
          return place && (bitfield ? place.bit : place.offset);
        });
        if (!change) continue;
        ctx.report({
          messageId: bitfield ? "bitMoved" : "moved",
          data: { field: p.new.path, change: change.text },
          loc: p.new.field.loc,
          path: pathOf(s.new, p.new.path),
          hint: "append new fields at the end; never insert or reorder",
        });
      }
    }
  },
});
