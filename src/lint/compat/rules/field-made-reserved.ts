/** A field turned reserved: callers that set it are now rejected. */
import { reservedByDoc, reservedByName } from "../conventions/reserved.js";
import { createCompatRule } from "../create.js";
import { pathOf } from "./util.js";

export default createCompatRule({
  meta: {
    id: "field-made-reserved",
    category: "abi",
    severity: "error",
    recommended: true,
    description: "Disallow turning a field with a meaning into a reserved (must-be-zero) field.",
    kernelRules: ["B7", "B26"],
    messages: {
      madeReserved:
        "`{{old}}` became reserved `{{new}}`: callers that set it are now rejected, and callers that read it get zero",
      nowReserved:
        "`{{new}}` is now reserved: callers that set it are now rejected, and callers that read it get zero",
      documentedReserved:
        "`{{new}}` is now documented as must-be-zero: review whether the kernel now rejects callers that set it",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const p of s.members) {
        if (p.kind !== "madeReserved") continue;
        // A field already documented as must-be-zero only gains the declaration: same contract.
        if (reservedByDoc(p.old.field.doc)) continue;
        // Same name, reserved only by its new documentation (a C header's `should be zero`):
        // the text changed, not necessarily what the kernel accepts.
        const leaf = p.new.path.split(".").at(-1)!;
        if (p.old.path === p.new.path && !p.new.field.reserved && !reservedByName(leaf)) {
          ctx.report({
            messageId: "documentedReserved",
            data: { new: p.new.path },
            severity: "warning",
            loc: p.new.field.loc,
            path: pathOf(s.new, p.new.path),
          });
          continue;
        }
        ctx.report({
          messageId: p.old.path === p.new.path ? "nowReserved" : "madeReserved",
          data: { old: p.old.path, new: p.new.path },
          loc: p.new.field.loc,
          path: pathOf(s.new, p.new.path),
          hint: "only a field no released kernel accepted can become reserved",
        });
      }
    }
  },
});
