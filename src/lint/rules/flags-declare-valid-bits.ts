/** A flags field names the set of its valid bits, so unknown bits can be rejected. */
import { createRule } from "../create-rule.js";
import { fieldPath, flatFields, definitionStructsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "flags-declare-valid-bits",
    category: "contract",
    severity: "error",
    recommended: true,
    description:
      "Require every flags field to declare its valid bits (`flags: someFlagSet`), or to be reserved while it has none.",
    kernelRules: ["B5", "B7"],
    messages: {
      noBits: "flags field `{{field}}` declares no set of valid bits",
      unknownSet: "flags field `{{field}}` names `{{set}}`, which is not a flag set",
    },
  },
  check(ctx) {
    for (const struct of definitionStructsOf(ctx)) {
      for (const field of flatFields(struct.fields)) {
        if (!/(^|_)flags$/.test(field.name) || field.type.kind === "anonUnion" || field.reserved)
          continue;
        if (field.flags) {
          if (ctx.model.items.get(field.flags)?.kind === "flags") continue;
          ctx.report({
            messageId: "unknownSet",
            data: { field: field.name, set: field.flags },
            loc: field.loc,
            path: fieldPath(struct, field),
          });
          continue;
        }
        ctx.report({
          messageId: "noBits",
          data: { field: field.name },
          loc: field.loc,
          path: fieldPath(struct, field),
          hint: "give `flags: <flagSet>`; while no bit is defined, declare it `reserved: true` (must be 0)",
        });
      }
    }
  },
});
