/** A size-extensible struct starts with `__u32 size`: the kernel reads it before anything else. */
import { createRule } from "../create-rule.js";
import { fieldPath, structsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "extensible-leading-size",
    category: "contract",
    severity: "error",
    recommended: true,
    description:
      "Require a size-extensible struct to start with its `__u32 size` field, before the last mandatory member.",
    kernelRules: ["B6", "§1.3"],
    messages: {
      notFirst:
        "extensible struct `{{struct}}` must start with its size field `{{size}}`, not `{{first}}`",
      notU32: "the size field `{{size}}` of `{{struct}}` must be `__u32`, not `{{type}}`",
      mandatoryBeforeSize:
        "`{{last}}`, the last mandatory member of `{{struct}}`, cannot come before its size field",
    },
  },
  check(ctx) {
    for (const struct of structsOf(ctx)) {
      const ext = struct.extensible;
      if (!ext) continue;
      const first = struct.fields[0];
      const size = struct.fields.find((f) => f.name === ext.size);
      if (first && first.name !== ext.size) {
        ctx.report({
          messageId: "notFirst",
          data: { struct: struct.name, size: ext.size, first: first.name },
          loc: first.loc,
          path: fieldPath(struct, first),
        });
      }
      if (size && !(size.type.kind === "scalar" && size.type.name === "__u32")) {
        const type = size.type.kind === "scalar" ? size.type.name : size.type.kind;
        ctx.report({
          messageId: "notU32",
          data: { struct: struct.name, size: ext.size, type },
          loc: size.loc,
          path: fieldPath(struct, size),
        });
      }
      const sizeAt = struct.fields.findIndex((f) => f.name === ext.size);
      const lastAt = struct.fields.findIndex((f) => f.name === ext.lastMandatory);
      if (sizeAt >= 0 && lastAt >= 0 && lastAt < sizeAt) {
        const last = struct.fields[lastAt]!;
        ctx.report({
          messageId: "mandatoryBeforeSize",
          data: { struct: struct.name, last: last.name },
          loc: last.loc,
          path: fieldPath(struct, last),
        });
      }
    }
  },
});
