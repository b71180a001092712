/** An existing member keeps its size, signedness, byte order and type. */
import { describeAbis } from "../../rule-util.js";
import { createCompatRule } from "../create.js";
import { pathOf, perAbiChange, placesOfPair, reservedInPlace, scalarTraits } from "./util.js";

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
      signedness: "`{{field}}` changed signedness: {{old}} → {{new}} on {{abis}}",
      byteOrder: "`{{field}}` changed byte order: {{old}} → {{new}} on {{abis}}",
      retyped: "`{{field}}` changed type: {{old}} → {{new}} on {{abis}}",
    },
  },
  check(ctx) {
    const abis = describeAbis(ctx.abis);
    for (const s of ctx.pairs.structs) {
      for (const p of s.members) {
        if (reservedInPlace(ctx, s, p)) continue;
        const [old, now] = [p.old.typeKey, p.new.typeKey];
        const base = { loc: p.new.field.loc, path: pathOf(s.new, p.new.path) };
        const data = { field: p.new.path, old, new: now, abis };
        const size = perAbiChange(
          ctx.abis,
          (side, abi) => placesOfPair(ctx, s, p, abi)[side].size,
          " bytes",
        );
        if (size) {
          ctx.report({ ...base, messageId: "resized", data: { ...data, change: size.text } });
          continue;
        }
        const [a, b] = [scalarTraits(p.old.field), scalarTraits(p.new.field)];
        if (a && b && a.signed !== b.signed) ctx.report({ ...base, messageId: "signedness", data });
        else if (a && b && a.order !== b.order)
          ctx.report({ ...base, messageId: "byteOrder", data });
        else if ((!a || !b) && old !== now) ctx.report({ ...base, messageId: "retyped", data });
      }
    }
  },
});
