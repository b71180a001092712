/** A field named like padding must be declared reserved: must be zero, checked by the kernel. */
import { createRule } from "../create-rule.js";
import { fieldPath, flatFields, structsOf } from "../rule-util.js";

/** The names check-uapi.sh treats as padding, plus `spare`. */
export const RESERVED_NAME = /(^|_)(reserved|resv|rsvd|res|pad|padding|unused|spare)\d*$/;

export default createRule({
  meta: {
    id: "reserved-must-be-zero",
    category: "contract",
    severity: "error",
    recommended: true,
    fixable: true,
    description:
      "Require reserved and padding fields to be declared must-be-zero (`reserved: true`).",
    kernelRules: ["B5", "B6", "B7"],
    messages: {
      notDeclared:
        "`{{field}}` is named like padding but is not declared `reserved: true` (must be zero)",
    },
  },
  check(ctx) {
    for (const struct of structsOf(ctx)) {
      for (const field of flatFields(struct.fields)) {
        if (field.reserved || field.type.kind === "anonUnion" || !RESERVED_NAME.test(field.name))
          continue;
        const edit = ctx.fixer.addFieldProperty(field, "reserved", "true");
        ctx.report({
          messageId: "notDeclared",
          data: { field: field.name },
          loc: field.loc,
          path: fieldPath(struct, field),
          hint: "declare `reserved: true` so the generated checks reject non-zero values",
          ...(edit ? { fix: { title: "declare it reserved (must be zero)", edits: [edit] } } : {}),
        });
      }
    }
  },
});
