/** A field user space names never disappears (turn it reserved instead, keeping its bytes). */
import { createCompatRule } from "../create.js";
import { pathOf } from "./util.js";

export default createCompatRule({
  meta: {
    id: "field-no-delete",
    category: "api",
    severity: "error",
    recommended: true,
    description: "Disallow removing a field.",
    kernelRules: ["B26", "I2"],
    messages: {
      deleted: "field `{{field}}` of `{{struct}}` was removed",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const f of s.deleted) {
        if (f.reserved) continue;
        ctx.report({
          messageId: "deleted",
          data: { field: f.name, struct: s.new.name },
          loc: s.new.loc,
          path: pathOf(s.new, f),
          hint: "keep the bytes: rename it to a reserved field (must be zero) if it lost its meaning",
          related: f.loc ? [{ loc: f.loc, message: `\`${f.name}\` in the baseline` }] : [],
        });
      }
    }
  },
});
