/** Enum values are part of the ABI: written out, and within a __u32 field. */
import { createRule } from "../create-rule.js";
import { itemsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "enum-explicit-values",
    category: "types",
    severity: "error",
    recommended: true,
    description: "Require every enum member to have an explicit value that fits a `__u32`.",
    kernelRules: ["I10", "B9"],
    messages: {
      implicit: "`{{member}}` has no explicit value (it is {{value}} by position)",
      doesNotFit: "`{{member}}` = {{value}} does not fit the __u32 field that carries it",
    },
  },
  check(ctx) {
    for (const e of itemsOf(ctx, "enum")) {
      for (const m of e.members) {
        const path = `${e.name}.${m.name}`;
        if (m.implicit)
          ctx.report({
            messageId: "implicit",
            data: { member: m.name, value: m.value },
            loc: m.loc ?? e.loc,
            path,
            hint: `write \`${m.name} = ${m.value}\``,
          });
        if (m.value < 0 || m.value > 0xffffffff) {
          ctx.report({
            messageId: "doesNotFit",
            data: { member: m.name, value: m.value },
            loc: m.loc ?? e.loc,
            path,
            hint: "keep values from 0 to 0xffffffff",
          });
        }
      }
    }
  },
});
