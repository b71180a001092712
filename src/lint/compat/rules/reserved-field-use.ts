/** Reserved space given a meaning: allowed, because old callers had to pass zero there. */
import { createCompatRule } from "../create.js";
import { pathOf } from "./util.js";

export default createCompatRule({
  meta: {
    id: "reserved-field-use",
    category: "abi",
    severity: "info",
    recommended: true,
    description:
      "Report reserved space given a meaning (compatible: old callers passed zero), so zero keeps the old behaviour.",
    kernelRules: ["B5", "B7", "§1.4"],
    messages: {
      used: "reserved `{{old}}` now holds `{{new}}`: old callers pass zero here, so a zero `{{new}}` must mean the old behaviour",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const p of s.fields) {
        if (p.kind === "reservedUsed")
          ctx.report({
            messageId: "used",
            data: { old: p.old.name, new: p.new.name },
            loc: p.new.loc,
            path: pathOf(s.new, p.new),
          });
      }
      for (const a of s.added) {
        if (a.inReserved && !a.field.reserved)
          ctx.report({
            messageId: "used",
            data: { old: a.inReserved, new: a.field.name },
            loc: a.field.loc,
            path: pathOf(s.new, a.field),
          });
      }
    }
  },
});
