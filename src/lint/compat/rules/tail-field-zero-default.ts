/** A field appended to a struct sized at run time is zero for every old caller: zero must keep the old behaviour. */
import { isReserved } from "../conventions/reserved.js";
import { describeSizing } from "../conventions/sizing.js";
import { createCompatRule } from "../create.js";
import { growth } from "./growth.js";
import { pathOf } from "./util.js";

export default createCompatRule({
  meta: {
    id: "tail-field-zero-default",
    category: "abi",
    severity: "info",
    recommended: true,
    description:
      "Report every field appended to a struct the kernel sizes at run time: old callers pass zero there, so zero must mean the old behaviour.",
    kernelRules: ["B5", "B6", "§1.3"],
    messages: {
      appended:
        "`{{field}}` was appended to `{{struct}}` ({{sizing}}): old callers leave it zero, so a zero `{{field}}` must mean the old behaviour",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      const g = growth(ctx, s);
      if (!g || g.shrank || g.inside || g.reshaped || !g.sizing) continue;
      for (const a of g.appended) {
        if (isReserved(a.member.field)) continue;
        ctx.report({
          messageId: "appended",
          data: { field: a.member.path, struct: s.new.name, sizing: describeSizing(g.sizing) },
          loc: a.member.field.loc,
          path: pathOf(s.new, a.member.path),
          hint: "document what zero means, and give user space a way to discover the new field (a flag or capability)",
        });
      }
    }
  },
});
