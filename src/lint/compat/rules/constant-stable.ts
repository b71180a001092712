/** A constant's value is compiled into every binary that uses it. */
import { exactValue, type ConstantValue } from "../../../model/ir.js";
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
      if (constantText(old.value) === constantText(now.value)) continue;
      const show = (v: typeof old.value) => (v.kind === "char" ? `'${v.char}'` : constantText(v));
      ctx.report({
        messageId: "changed",
        data: { name: now.name, old: show(old.value), new: show(now.value) },
        loc: now.loc,
        path: now.name,
      });
    }
  },
});

/** What a constant holds, comparably: its exact value, or a text macro's text. */
function constantText(v: ConstantValue): string {
  if (v.kind === "text") return v.text;
  const n = v.kind === "int" ? exactValue(v) : BigInt(v.value);
  return n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
}
