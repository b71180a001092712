/** A flags field names the set of its valid bits, so unknown bits can be rejected. */
import { createRule } from "../create-rule.js";
import type { Field } from "../../model/ir.js";
import { definitionStructsOf, fieldPath, flatFields, noteNotInC, structsOf } from "../rule-util.js";

const isFlagsField = (f: Field) =>
  /(^|_)flags$/.test(f.name) && f.type.kind !== "anonUnion" && !f.reserved;

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
      notInC:
        "C cannot say which bits a flags field accepts: {{count}} flags field(s) of this header not checked, from `{{first}}`",
    },
  },
  check(ctx) {
    noteNotInC(
      ctx,
      structsOf(ctx).flatMap((s) =>
        flatFields(s.fields)
          .filter(isFlagsField)
          .map((f) => ({ module: s.module, path: fieldPath(s, f), loc: f.loc })),
      ),
      "describe the header with a definitions module (`uapi-gen import`) and give each flags field its flag set",
    );
    for (const struct of definitionStructsOf(ctx)) {
      for (const field of flatFields(struct.fields)) {
        if (!isFlagsField(field)) continue;
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
