/** A field turned reserved: callers that set it are now rejected. */
import { createCompatRule } from "../create.js";
import { pathOf } from "./util.js";

const MUST_BE_ZERO = /\bmust be (0|zero)\b/i;

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
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const p of s.fields) {
        if (p.kind !== "madeReserved") continue;
        // A field already documented as must-be-zero only gains the declaration: same contract.
        if (p.old.doc && MUST_BE_ZERO.test(p.old.doc)) continue;
        ctx.report({
          messageId: p.old.name === p.new.name ? "nowReserved" : "madeReserved",
          data: { old: p.old.name, new: p.new.name },
          loc: p.new.loc,
          path: pathOf(s.new, p.new),
          hint: "only a field no released kernel accepted can become reserved",
        });
      }
    }
  },
});
