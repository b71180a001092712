/** Reserved space given a meaning: allowed, because old callers had to pass zero there. */
import { isReserved } from "../conventions/reserved.js";
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
      for (const p of s.members)
        if (p.kind === "reservedUsed")
          ctx.report({
            messageId: "used",
            data: { old: p.old.path, new: p.new.path },
            loc: p.new.field.loc,
            path: pathOf(s.new, p.new.path),
          });
      for (const a of s.added)
        if (a.inReserved && !isReserved(a.member.field))
          ctx.report({
            messageId: "used",
            data: { old: a.inReserved, new: a.member.path },
            loc: a.member.field.loc,
            path: pathOf(s.new, a.member.path),
          });
    }
  },
});
