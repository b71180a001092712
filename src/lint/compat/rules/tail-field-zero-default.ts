/** A field appended to an extensible struct is zero for every old caller: zero must keep the old behaviour. */
import { createCompatRule } from "../create.js";
import { growable, pathOf } from "./util.js";

export default createCompatRule({
  meta: {
    id: "tail-field-zero-default",
    category: "abi",
    severity: "info",
    recommended: true,
    description:
      "Report every field appended to a size-extensible struct: old callers pass zero there, so zero must mean the old behaviour.",
    kernelRules: ["B5", "B6", "§1.3"],
    messages: {
      appended:
        "`{{field}}` was appended to `{{struct}}`: old callers leave it zero, so a zero `{{field}}` must mean the old behaviour",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      if (!growable(s.old, ctx.before) && !growable(s.new, ctx.after)) continue;
      const oldSize = ctx.before.layouts.of(s.old, "x86_64").size;
      const layout = ctx.after.layouts.of(s.new, "x86_64");
      for (const a of s.added) {
        if (a.field.reserved || a.inReserved || layout.fields[a.index]!.offset < oldSize) continue;
        ctx.report({
          messageId: "appended",
          data: { field: a.field.name, struct: s.new.name },
          loc: a.field.loc,
          path: pathOf(s.new, a.field),
          hint: "document what zero means, and give user space a way to discover the new field (a flag or capability)",
        });
      }
    }
  },
});
