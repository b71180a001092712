/**
 * A C struct that grew at its tail is compatible only if the kernel learns the caller's size at
 * run time (copy_struct_from_user and its kin): needs review, unless a sizing convention shows it
 * (then `tail-field-zero-default` reports the new members as compatible).
 */
import type { StructItem } from "../../../model/ir.js";
import { createCompatRule } from "../create.js";
import type { Side } from "../types.js";
import { growth } from "./growth.js";

export default createCompatRule({
  meta: {
    id: "struct-tail-growth",
    category: "abi",
    severity: "warning",
    recommended: true,
    description:
      "Report a C struct that grew at its tail with no sign that the kernel sizes it at run time (needs review).",
    kernelRules: ["B6", "§1.3", "§1.4"],
    messages: {
      grew: "`{{struct}}` grew at its end (sizeof {{change}}): compatible only if the kernel learns the caller's size at run time, which nothing in the header shows",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      const g = growth(ctx, s);
      if (!g || g.shrank || g.inside || g.reshaped || g.sizing || !isHeader(ctx.after, s.new))
        continue;
      ctx.report({
        messageId: "grew",
        data: { struct: s.new.name, change: g.change.text },
        loc: s.new.loc,
        path: s.new.name,
        hint: "if a syscall, ioctl or sockopt passes the size, say so above the struct: /* uapi-lint-extensible -- <how> */ (or `extensible` in uapi-lint.json)",
      });
    }
  },
});

function isHeader(side: Side, struct: StructItem): boolean {
  return side.model.modules.some((m) => m.file === struct.module && m.source === "c-header");
}
