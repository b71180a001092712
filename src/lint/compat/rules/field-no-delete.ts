/** A field user space names never disappears (turn it reserved instead, keeping its bytes). */
import { isReserved } from "../conventions/reserved.js";
import { isAnonymousName } from "../members.js";
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
      for (const { member } of s.deleted) {
        // Reserved space has no users, and an anonymous member has no name to use.
        if (isReserved(member.field) || isAnonymousName(member.path)) continue;
        ctx.report({
          messageId: "deleted",
          data: { field: member.path, struct: s.new.name },
          loc: s.new.loc,
          path: pathOf(s.new, member.path),
          hint: "keep the bytes: rename it to a reserved field (must be zero) if it lost its meaning",
          related: member.field.loc
            ? [{ loc: member.field.loc, message: `\`${member.path}\` in the baseline` }]
            : [],
        });
      }
    }
  },
});
