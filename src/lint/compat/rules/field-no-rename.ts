/** Renaming a field keeps the ABI but breaks every program that names it. */
import { createCompatRule } from "../create.js";
import { pathOf } from "./util.js";

export default createCompatRule({
  meta: {
    id: "field-no-rename",
    category: "api",
    severity: "error",
    recommended: true,
    description: "Disallow renaming a field (ABI-safe, but an API break).",
    kernelRules: ["I2"],
    messages: {
      renamed:
        "`{{old}}` was renamed to `{{new}}`: the layout is unchanged, but source that names `{{old}}` no longer compiles",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const p of s.members) {
        if (p.kind !== "renamed") continue;
        ctx.report({
          messageId: "renamed",
          data: { old: p.old.path, new: p.new.path },
          loc: p.new.field.loc,
          path: pathOf(s.new, p.new.path),
          hint: "keep the old name (an anonymous union can give the field a second name)",
        });
      }
    }
  },
});
