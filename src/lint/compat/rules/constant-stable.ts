/** A constant's value is compiled into every binary that uses it. */
import { createCompatRule, SENTINEL } from "../create.js";

export default createCompatRule({
  meta: {
    id: "constant-stable",
    category: "abi",
    severity: "error",
    recommended: true,
    description: "Disallow changing the value of a constant, except sentinels such as `*_MAX`.",
    kernelRules: ["I1", "I2"],
    messages: {
      changed: "constant `{{name}}` changed value: {{old}} → {{new}}",
    },
  },
  check(ctx) {
    for (const { old, new: now } of ctx.pairs.items) {
      if (old.kind !== "constant" || now.kind !== "constant" || SENTINEL.test(now.name)) continue;
      if (old.value.value === now.value.value) continue;
      const show = (v: typeof old.value) =>
        v.kind === "char" ? `'${v.char}'` : `0x${v.value.toString(16)}`;
      ctx.report({
        messageId: "changed",
        data: { name: now.name, old: show(old.value), new: show(now.value) },
        loc: now.loc,
        path: now.name,
      });
    }
  },
});
