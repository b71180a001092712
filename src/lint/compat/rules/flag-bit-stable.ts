/** A flag keeps its bit, and a bit keeps its meaning. */
import { createCompatRule } from "../create.js";

export default createCompatRule({
  meta: {
    id: "flag-bit-stable",
    category: "abi",
    severity: "error",
    recommended: true,
    description: "Disallow moving a flag to another bit or giving a bit another meaning.",
    kernelRules: ["B5", "B7", "I2"],
    messages: {
      moved: "flag `{{name}}` moved from bit {{old}} to bit {{new}}",
      meaning: "bit {{bit}} of `{{set}}` changed meaning: `{{old}}` → `{{new}}`",
    },
  },
  check(ctx) {
    for (const { old, new: now } of ctx.pairs.items) {
      if (old.kind !== "flags" || now.kind !== "flags") continue;
      for (const b of now.bits) {
        const path = `${now.name}.${b.name}`;
        const same = old.bits.find((o) => o.name === b.name);
        if (same && same.bit !== b.bit)
          ctx.report({
            messageId: "moved",
            data: { name: b.name, old: same.bit, new: b.bit },
            loc: b.loc ?? now.loc,
            path,
          });
        const prior = old.bits.find((o) => o.bit === b.bit && o.name !== b.name);
        if (!same && prior)
          ctx.report({
            messageId: "meaning",
            data: { bit: b.bit, set: now.name, old: prior.name, new: b.name },
            loc: b.loc ?? now.loc,
            path,
          });
      }
    }
  },
});
